import { expect } from 'chai';
import fc from 'fast-check';
import { anyText, HUGE_TEXTS, longText, smsText } from './arbitraries';
import { loadRealContent, type RealContent } from './content';
import { expectValidMatch } from './expectations';

describe('property: the matcher copes with any text', () => {
  let content: RealContent;
  before(() => {
    content = loadRealContent();
  });

  it('returns a valid match for any string, never throwing', () => {
    fc.assert(fc.property(anyText, (text) => expectValidMatch(content.matcher.match(text), content.kb)), { numRuns: 1500 });
  });

  it('returns a valid match for SMS-style messages', () => {
    fc.assert(fc.property(smsText, (text) => expectValidMatch(content.matcher.match(text), content.kb)), { numRuns: 1000 });
  });

  it('returns a valid match for long messages (2,000 to 20,000 characters)', () => {
    fc.assert(fc.property(longText(2000, 20_000), (text) => expectValidMatch(content.matcher.match(text), content.kb)), { numRuns: 40 });
  });

  it('gives the same answer to the same text every time', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(content.matcher.match(text)).to.deep.equal(content.matcher.match(text));
      }),
      { numRuns: 300 },
    );
  });

  it('matches a message that is one long 600-character word', () => {
    expectValidMatch(content.matcher.match('kneex'.repeat(120)), content.kb);
  });

  for (const { name, make } of HUGE_TEXTS) {
    it(`returns a valid match for ${name}`, () => {
      expectValidMatch(content.matcher.match(make()), content.kb);
    });
  }
});
