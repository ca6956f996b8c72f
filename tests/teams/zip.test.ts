import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { writeZip, crc32, TeamsPackageError } from '../../scripts/teams-package';
import { readZip } from './zip-reader';

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('zip writer', () => {
  const entries = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify({ hello: 'Teams', repeated: 'abc'.repeat(200) })) },
    { name: 'random.bin', data: crypto.randomBytes(2048) },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).to.equal(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).to.equal(0);
  });

  it('writes entries that read back byte for byte, in order, with matching checksums', () => {
    const read = readZip(writeZip(entries));
    expect(read.map((entry) => entry.name)).to.deep.equal(['manifest.json', 'random.bin', 'empty.txt']);
    for (const [i, entry] of read.entries()) {
      expect(entry.data.equals(entries[i].data), entry.name).to.equal(true);
      expect(entry.crc, entry.name).to.equal(crc32(entries[i].data));
    }
  });

  it('deflates text and stores what does not compress', () => {
    const methods = Object.fromEntries(readZip(writeZip(entries)).map((entry) => [entry.name, entry.method]));
    expect(methods).to.deep.equal({ 'manifest.json': 8, 'random.bin': 0, 'empty.txt': 0 });
  });

  it('gives the same bytes for the same entries', () => {
    expect(writeZip(entries).equals(writeZip(entries))).to.equal(true);
  });

  it('writes an archive that unzip accepts, when unzip is installed', () => {
    // The reader above is ours too; unzip is an independent check where the machine has it.
    if (!hasUnzip()) return;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'teams-zip-')), 'test.zip');
    try {
      fs.writeFileSync(file, writeZip(entries));
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).to.include('No errors detected');
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  const badNames = [
    { name: '/manifest.json', why: 'an absolute path' },
    { name: '../manifest.json', why: 'a path out of the archive' },
    { name: '', why: 'an empty name' },
    { name: 'mänifest.json', why: 'a non-ASCII name' },
  ];
  for (const { name, why } of badNames) {
    it(`refuses ${why}`, () => {
      expect(() => writeZip([{ name, data: Buffer.from('x') }])).to.throw(TeamsPackageError, /relative ASCII path/);
    });
  }

  it('refuses the same name twice', () => {
    expect(() => writeZip([{ name: 'a.png', data: Buffer.from('1') }, { name: 'a.png', data: Buffer.from('2') }])).to.throw(TeamsPackageError, /twice/);
  });
});
