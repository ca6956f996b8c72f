import { expect } from 'chai';
import { FuzzyScorer } from '../../matcher/fuzzy';
import { words } from '../../matcher/phrases';
import { createScorer } from '../../matcher/scorer';
import { realKnowledge } from './fixtures';

describe('fuzzy likeness (Fuse.js)', () => {
  const topics = [
    ['how long does runners knee take to heal', 'recovery time for runners knee'],
    ['should i wear a knee brace', 'does kinesio tape work'],
    ['what shoes should i buy for running'],
  ];
  const scorer = new FuzzyScorer(topics, new Set(['how', 'does', 'should', 'i', 'a', 'for', 'to', 'what']));
  const likeness = (text: string, candidates: { topic: number; question: number }[]) => scorer.likeness(words(text), candidates);

  it('finds a question in a message with typos the index cannot read', () => {
    const [tape, shoes] = likeness('does kinesiotape wrk', [
      { topic: 1, question: 1 },
      { topic: 2, question: 0 },
    ]);
    expect(tape).to.be.greaterThan(0.2);
    expect(shoes).to.equal(0);
  });

  it('scores the closer of two questions higher', () => {
    const [heal, brace] = likeness('how lng dose runers knee tak to heel', [
      { topic: 0, question: 0 },
      { topic: 1, question: 0 },
    ]);
    expect(heal).to.be.greaterThan(brace);
  });

  it('gives one figure per candidate, 0 where nothing is alike', () => {
    const result = likeness('capital of mongolia', [
      { topic: 0, question: 1 },
      { topic: 2, question: 0 },
    ]);
    expect(result).to.deep.equal([0, 0]);
  });

  it('gives nothing for a message of stop words only, or a candidate without a question', () => {
    expect(likeness('how should i', [{ topic: 0, question: 0 }])).to.deep.equal([0]);
    expect(likeness('knee brace', [{ topic: 1, question: -1 }])).to.deep.equal([0]);
    expect(likeness('knee brace', [])).to.deep.equal([]);
  });
});

describe('fuzzy scoring in the matcher', () => {
  const { kb, lexicon } = realKnowledge();
  const scorer = createScorer(kb, lexicon);

  it('is used for a message with a word the analyser had to correct or does not know', () => {
    const { ranked } = scorer.score('does kinesiotape wrk for my nee');
    expect(ranked.some((r) => r.evidence.fuzzy > 0)).to.equal(true);
  });

  it('is skipped for a message spelt right', () => {
    const { ranked } = scorer.score('does kt tape work for runners knee');
    expect(ranked.map((r) => r.evidence.fuzzy)).to.satisfy((scores: number[]) => scores.every((s) => s === 0));
  });
});
