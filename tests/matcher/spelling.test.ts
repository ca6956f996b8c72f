import { expect } from 'chai';
import { SpellingCorrector } from '../../matcher/spelling';

describe('spelling correction', () => {
  const vocabulary = new Map([
    ['knee', 5], ['pain', 9], ['stairs', 2], ['symptoms', 3], ['needling', 2], ['insurance', 4], ['cadence', 6], ['care', 3], ['physiotherapy', 2], ['weeks', 2],
  ]);
  const speller = new SpellingCorrector(vocabulary);

  const fixes: [string, string, string][] = [
    ['a swapped pair of letters', 'stiars', 'stairs'],
    ['a swapped pair in a short word', 'pian', 'pain'],
    ['a missing letter in a short word', 'weks', 'weeks'],
    ['a wrong letter', 'cadance', 'cadence'],
    ['a missing letter', 'symptms', 'symptoms'],
    ['a doubled letter', 'needdling', 'needling'],
    ['two slips in a long word', 'phisiotherrapy', 'physiotherapy'],
  ];
  for (const [name, typo, word] of fixes) it(`fixes ${name}: "${typo}" -> "${word}"`, () => expect(speller.correct(typo)).to.equal(word));

  const kept: [string, string][] = [
    ['a known word', 'knee'],
    ['a word shorter than four letters', 'kne'],
    ['a short word one letter from a known one', 'cafe'],
    ['a word with a different first letter', 'rain'],
    ['a word too far from anything', 'mongolia'],
    ['a word with digits', '5k'],
  ];
  for (const [name, word] of kept) it(`leaves ${name} alone: "${word}"`, () => expect(speller.correct(word)).to.equal(undefined));

  it('prefers the more frequent of two equally close words', () => {
    expect(new SpellingCorrector(new Map([['tapes', 1], ['taped', 8]])).correct('tapez')).to.equal('taped');
    expect(new SpellingCorrector(new Map([['tapes', 8], ['taped', 1]])).correct('tapez')).to.equal('tapes');
  });
});
