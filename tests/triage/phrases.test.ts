import { expect } from 'chai';
import { compilePattern, findHits, literalWords, type NegationRules } from '../../triage/phrases';
import type { Normalized } from '../../triage/text';

const RULES: NegationRules = { negators: new Set(['no', 'not', 'never']), interjections: new Set(), breakers: new Set(['but']), cancelers: new Set(), window: 3, throughAdverb: new Set(['not', 'never']), answeredAfter: new Set(['no', 'nah']), answeredAtEnd: new Set(['no']), list: { closers: new Set(['or', 'nor']), itemWords: 3, items: 5, determiners: new Set(['any', 'a', 'an']) } };

function hit(source: string, words: string): boolean {
  const tokens = words.split(' ');
  const text: Normalized = { tokens, padded: ` ${tokens.join(' ')} ` };
  return findHits({ patterns: [compilePattern(source)], except: [] }, text, RULES).length > 0;
}

describe('phrase patterns: a group names whole word sequences, where "|" names single words', () => {
  it('matches any one of a group\'s sequences, and nothing between them', () => {
    const source = 'since (yesterday|this morning|last night)';
    expect(hit(source, 'swollen since this morning')).to.equal(true);
    expect(hit(source, 'swollen since last night')).to.equal(true);
    expect(hit(source, 'swollen since yesterday')).to.equal(true);
    expect(hit(source, 'swollen since this week')).to.equal(false);
    expect(hit(source, 'swollen since morning')).to.equal(false);
  });

  it('differs from the same words written without the group, the trap it exists for', () => {
    // "yesterday|this morning|last night" is (yesterday or this) then (morning or last) then night.
    expect(hit('since yesterday|this morning|last night', 'since this morning')).to.equal(false);
    expect(hit('since yesterday|this morning|last night', 'since yesterday last night')).to.equal(true);
    expect(hit('since (yesterday|this morning|last night)', 'since yesterday last night')).to.equal(true);
    expect(hit('since (yesterday|this morning|last night)', 'since this last night')).to.equal(false);
  });

  it('takes numbers and word stems inside a group, and works with gaps, options and "!"', () => {
    expect(hit('(# days|a few days) ago', 'about 3 days ago')).to.equal(true);
    expect(hit('(# days|a few days) ago', 'a few days ago')).to.equal(true);
    expect(hit('(twist*|went over) ... knee', 'twisted my knee')).to.equal(true);
    expect(hit('(twist*|went over) ... knee', 'went over on my knee')).to.equal(true);
    expect(hit('[my] (left|right) knee', 'right knee')).to.equal(true);
    const negatable = compilePattern('(cannot|can not) walk');
    const kept = compilePattern('!(cannot|can not) walk');
    expect([negatable.negatable, kept.negatable]).to.deep.equal([true, false]);
  });

  it('gives the group\'s words to the typo vocabulary and to the quick word test', () => {
    expect(literalWords('(did not|never) fall*')).to.deep.equal(['did', 'not', 'never']);
    expect(compilePattern('(did not|never) x').anchors).to.deep.equal([
      { word: 'did', prefix: false },
      { word: 'never', prefix: false },
    ]);
  });

  it('refuses a group of one sequence, an option or a nested "|" inside a group, and a stray bracket, naming the pattern', () => {
    expect(() => compilePattern('(knee) pain')).to.throw('"(knee) pain"');
    expect(() => compilePattern('(my [left]|right) knee')).to.throw('bad group');
    expect(() => compilePattern('(a|b knee')).to.throw('bad word');
    expect(() => compilePattern('a|b) knee')).to.throw('bad word');
  });
});
