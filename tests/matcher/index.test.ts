import { expect } from 'chai';
import { TermIndex } from '../../matcher/index';

describe('term index', () => {
  const index = new TermIndex([
    { questions: [['ice', 'knee'], ['ice', 'heat']], answer: ['ice', 'inflam'] },
    { questions: [['shoe', 'knee'], ['shoe', 'replac']], answer: ['shoe', 'worn'] },
    { questions: [['knee', 'tape'], []], answer: ['tape'] },
  ]);
  const terms = (...list: string[]) => new Map(list.map((t) => [t, 1]));

  it('ranks the topic whose questions share the most with the message first', () => {
    expect(index.search(terms('ice', 'heat'), 3).map((h) => h.topic)).to.deep.equal([0]);
    expect(index.search(terms('shoe', 'knee'), 3)[0].topic).to.equal(1);
  });

  it('weighs a term used by every topic less than a term used by one', () => {
    expect(index.weightOf('knee')).to.be.lessThan(index.weightOf('ice'));
    expect(index.weightOf('never-seen')).to.be.at.least(index.weightOf('ice'));
  });

  it('reports coverage as fractions of the message and of the question', () => {
    const [hit] = index.search(terms('ice', 'heat', 'mystery'), 1);
    expect(hit.evidence.questionCoverage).to.equal(1);
    expect(hit.evidence.queryCoverage).to.be.within(0.3, 0.9);
    expect(hit.evidence.answerCoverage).to.be.lessThan(hit.evidence.topicCoverage);
  });

  it('returns at most the requested number of topics', () => {
    expect(index.search(terms('knee'), 2)).to.have.length(2);
  });

  it('leaves nothing behind between lookups', () => {
    const first = index.search(terms('shoe', 'replac'), 3);
    index.search(terms('ice', 'knee', 'tape'), 3);
    expect(index.search(terms('shoe', 'replac'), 3)).to.deep.equal(first);
  });

  it('gives evidence only for the topics asked about, and none where nothing is shared', () => {
    const [tape, ice] = index.evidenceFor(terms('tape'), [2, 0]);
    expect(tape?.topicCoverage).to.equal(1);
    expect(ice).to.equal(undefined);
  });

  it('finds nothing for an empty message', () => {
    expect(index.search(new Map(), 3)).to.deep.equal([]);
  });
});
