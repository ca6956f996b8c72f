import { expect } from 'chai';
import { TermIndex, type TermEvidence } from '../../matcher/index';

describe('term index', () => {
  const index = new TermIndex([
    { questions: [['ice', 'knee'], ['ice', 'heat']], answer: ['ice', 'inflam'] },
    { questions: [['shoe', 'knee'], ['shoe', 'replac']], answer: ['shoe', 'worn'] },
    { questions: [['knee', 'tape'], []], answer: ['tape'] },
  ]);
  const terms = (...list: string[]) => new Map(list.map((t) => [t, 1]));
  // The index hands out its own scratch object for each topic: a reader copies what it keeps.
  const copy = (topic: number, evidence: Readonly<TermEvidence>) => ({ topic, evidence: { ...evidence } });
  const search = (message: Map<string, number>, limit: number) => index.search(message, limit, copy);

  it('ranks the topic whose questions share the most with the message first', () => {
    expect(search(terms('ice', 'heat'), 3).map((h) => h.topic)).to.deep.equal([0]);
    expect(search(terms('shoe', 'knee'), 3)[0].topic).to.equal(1);
  });

  it('weighs a term used by every topic less than a term used by one', () => {
    expect(index.weightOf('knee')).to.be.lessThan(index.weightOf('ice'));
    expect(index.weightOf('never-seen')).to.be.at.least(index.weightOf('ice'));
  });

  it('reports coverage as fractions of the message and of the question', () => {
    const [hit] = search(terms('ice', 'heat', 'mystery'), 1);
    expect(hit.evidence.questionCoverage).to.equal(1);
    expect(hit.evidence.queryCoverage).to.be.within(0.3, 0.9);
    expect(hit.evidence.answerCoverage).to.be.lessThan(hit.evidence.topicCoverage);
  });

  it('returns at most the requested number of topics', () => {
    expect(search(terms('knee'), 2)).to.have.length(2);
  });

  it('leaves nothing behind between lookups', () => {
    const first = search(terms('shoe', 'replac'), 3);
    search(terms('ice', 'knee', 'tape'), 3);
    expect(search(terms('shoe', 'replac'), 3)).to.deep.equal(first);
  });

  it('gives evidence only for the topics asked about, and none where nothing is shared', () => {
    const found: (TermEvidence | undefined)[] = [undefined, undefined];
    index.evidenceFor(terms('tape'), [2, 0], (at, evidence) => (found[at] = { ...evidence }));
    const [tape, ice] = found;
    expect(tape?.topicCoverage).to.equal(1);
    expect(ice).to.equal(undefined);
  });

  it('gives each topic its own evidence, though it reuses its scratch space', () => {
    const hits = search(terms('ice', 'shoe', 'knee'), 3);
    expect(hits).to.have.length(3);
    const alone = hits.map((hit) => index.evidenceFor(terms('ice', 'shoe', 'knee'), [hit.topic], (_, evidence) => expect(evidence).to.deep.equal(hit.evidence)));
    expect(alone).to.have.length(3);
    expect(new Set(hits.map((hit) => hit.evidence.best)).size).to.be.greaterThan(1);
  });

  it('finds nothing for an empty message', () => {
    expect(search(new Map(), 3)).to.deep.equal([]);
  });
});
