import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMatcher } from '../../matcher/matcher';
import { analyseKnowledge } from '../../matcher/scorer';
import { readSnapshot, snapshotKey, storedAnalysis, writeSnapshot } from '../../matcher/snapshot';
import { loadEvalSet } from '../../scripts/kb-eval';
import { projectRoot, realKnowledge } from './fixtures';

describe('matcher snapshot (the knowledge base analysed at build time)', () => {
  const { kb, lexicon } = realKnowledge();
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knee-snapshot-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives a matcher that answers every question exactly as one built from scratch', () => {
    const file = path.join(dir, 'snapshot.json');
    writeSnapshot(file, 'k', analyseKnowledge(kb, lexicon));
    const analysed = readSnapshot(file, 'k');
    expect(analysed).to.not.equal(undefined);
    const fromSnapshot = createMatcher(kb, lexicon, { analysed });
    const fromScratch = createMatcher(kb, lexicon);
    const set = loadEvalSet(projectRoot, 'matcher-check.json');
    const questions = [...set.inScope.map((q) => q.q), ...set.outOfScope, 'shud i ise it or heet it', 'physioterapy cost'];
    const differ = questions.filter((q) => JSON.stringify(fromSnapshot.match(q)) !== JSON.stringify(fromScratch.match(q)));
    expect(differ).to.deep.equal([]);
  });

  it('is ignored when it was made from something else, is missing, or is not a snapshot', () => {
    const file = path.join(dir, 'snapshot.json');
    expect(readSnapshot(file, 'k'), 'missing').to.equal(undefined);
    writeSnapshot(file, 'other', analyseKnowledge(kb, lexicon));
    expect(readSnapshot(file, 'k'), 'stale').to.equal(undefined);
    fs.writeFileSync(file, '{"key":"k","topics":');
    expect(readSnapshot(file, 'k'), 'cut short').to.equal(undefined);
    fs.writeFileSync(file, JSON.stringify({ key: 'k', topics: [] }));
    expect(readSnapshot(file, 'k'), 'no corpus').to.equal(undefined);
  });

  it('has another key when an answer, an example question or the lexicon changes', () => {
    const key = snapshotKey(kb, lexicon);
    const edited = kb.topics.map((t, i) => (i === 0 ? { ...t, questions: [...t.questions, 'one more question'] } : t));
    expect(snapshotKey({ ...kb, topics: edited }, lexicon)).to.not.equal(key);
    expect(snapshotKey(kb, { ...lexicon, stopWords: [...lexicon.stopWords, 'extra'] })).to.not.equal(key);
    expect(snapshotKey(kb, lexicon)).to.equal(key);
  });

  it('was made by the build for the knowledge base in the project', () => {
    expect(storedAnalysis(kb, lexicon), 'npm run build writes dist/matcher/analysed-knowledge.json').to.not.equal(undefined);
  });
});
