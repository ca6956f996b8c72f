import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/config';
import { findProjectRoot } from '../../config/paths';

const root = findProjectRoot();

describe('configuration', () => {
  it('has sensible defaults for a fresh clone', () => {
    const config = loadConfig({}, root);
    expect(config.port).to.equal(3978);
    expect(config.host).to.equal('127.0.0.1');
    expect(config.databaseUrl).to.equal(undefined);
    expect(config.dataDir).to.equal(path.join(root, 'data'));
    expect(config.clinic.timeZone).to.equal('America/Toronto');
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['a port out of range', { PORT: '70000' }, /PORT must be between 0 and 65535/],
    ['a database URL that is not PostgreSQL', { DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must start with postgres:/],
    ['a booking URL that is not a URL', { BOOKING_URL: 'call us' }, /BOOKING_URL is not a valid URL/],
    ['an unknown time zone', { CLINIC_TZ: 'Mars/Olympus' }, /CLINIC_TZ is not a known time zone/],
    ['a webhook without its secret', { STAFF_WEBHOOK_URL: 'https://clinic.example/hook' }, /STAFF_WEBHOOK_SECRET is required/],
    ['a short user-key secret', { USER_KEY_SECRET: 'short' }, /USER_KEY_SECRET must be at least 16/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    ['single tenant without a tenant id', { MicrosoftAppId: 'abc', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is required/],
  ];
  for (const [name, env, message] of bad) {
    it(`fails fast on ${name}, naming the setting`, () => {
      expect(() => loadConfig(env, root)).to.throw(ConfigError, message);
    });
  }

  it('reads staff ids as a trimmed list', () => {
    expect(loadConfig({ STAFF_USER_IDS: ' a , b,,c ' }, root).staff.userIds).to.deep.equal(['a', 'b', 'c']);
  });
});

describe('starting the bot with broken settings or content', () => {
  function start(env: Record<string, string>): { status: number | null; stderr: string } {
    const result = spawnSync(process.execPath, [path.join(root, 'dist/index.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 15000,
    });
    return { status: result.status, stderr: result.stderr };
  }

  it('stops with a message naming a bad setting', () => {
    const result = start({ PORT: 'abc' });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(/PORT must be a whole number/);
  });

  it('stops with a message naming the file, entry and field of a broken knowledge entry', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'broken-kb-'));
    try {
      cpSync(path.join(root, 'knowledge'), dir, { recursive: true, filter: (f) => !f.endsWith('.ts') });
      const topics = JSON.parse(readFileSync(path.join(dir, 'topics.json'), 'utf8'));
      topics.topics[3].answer = '';
      writeFileSync(path.join(dir, 'topics.json'), JSON.stringify(topics));
      const result = start({ KNOWLEDGE_DIR: dir, DATA_DIR: path.join(dir, 'data') });
      expect(result.status).to.equal(1);
      expect(result.stderr).to.match(new RegExp(`topics\\.json: topic "${topics.topics[3].id}"\\.answer: must not be empty`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with a message naming a broken triage protocol rule', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'broken-protocol-'));
    try {
      cpSync(path.join(root, 'knowledge'), dir, { recursive: true, filter: (f) => !f.endsWith('.ts') });
      const protocol = JSON.parse(readFileSync(path.join(dir, 'triage-protocol.json'), 'utf8'));
      protocol.rules[0].reason = 'made_up_reason';
      writeFileSync(path.join(dir, 'triage-protocol.json'), JSON.stringify(protocol));
      const result = start({ KNOWLEDGE_DIR: dir, DATA_DIR: path.join(dir, 'data') });
      expect(result.status).to.equal(1);
      expect(result.stderr).to.match(/triage-protocol\.json: rules\[0\]\.reason/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
