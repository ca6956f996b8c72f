import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../matcher/fixtures';

describe('the build step that analyses the knowledge base (scripts/kb-snapshot.ts)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knee-kb-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lets the build go on when a knowledge file is broken, saying which, so kb:check can report it in full', () => {
    for (const file of fs.readdirSync(path.join(projectRoot, 'knowledge'))) {
      if (file.endsWith('.json')) fs.copyFileSync(path.join(projectRoot, 'knowledge', file), path.join(dir, file));
    }
    const topics = JSON.parse(fs.readFileSync(path.join(dir, 'topics.json'), 'utf8'));
    topics.topics[0].answer = '';
    fs.writeFileSync(path.join(dir, 'topics.json'), JSON.stringify(topics));
    const run = spawnSync(process.execPath, [path.join(projectRoot, 'dist', 'scripts', 'kb-snapshot.js')], {
      env: { ...process.env, KNOWLEDGE_DIR: dir },
      encoding: 'utf8',
    });
    expect(run.status).to.equal(0);
    expect(run.stderr).to.match(/knowledge base not analysed: topics\.json: topic "what-is-runners-knee"\.answer/);
    expect(run.stderr).to.not.match(/\n\s+at /);
  });
});
