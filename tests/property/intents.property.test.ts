import { expect } from 'chai';
import fc from 'fast-check';
import { readSmsKeyword } from '../../channels/smsKeywords';
import { createIntentReader, IntentText, type IntentReader } from '../../dialogs/intents';
import { CONTAINS_INTENTS, INTENT_NAMES } from '../../knowledge/intents';
import { anyText, smsText } from './arbitraries';
import { loadRealContent, type RealContent } from './content';

describe('property: reading intents and SMS keywords from any text', () => {
  let content: RealContent;
  let intents: IntentReader;
  before(() => {
    content = loadRealContent();
    intents = createIntentReader(content.intents);
  });

  it('reads any text as at most one known intent, without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, smsText), (text) => {
        const exact = intents.exact(text);
        if (exact !== undefined) expect(INTENT_NAMES).to.include(exact);
        expect([undefined, ...CONTAINS_INTENTS]).to.include(intents.contained(text));
        expect([undefined, 'own', 'topic']).to.include(intents.symptomReport(text));
        expect(intents.isQuestion(text)).to.be.a('boolean');
        expect(intents.hasQuestion(text)).to.be.a('boolean');
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a message normalised once (as the router does) as it reads the raw text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, smsText), (text) => {
        const said = new IntentText(text);
        expect(intents.exact(said)).to.equal(intents.exact(text));
        expect(intents.contained(said)).to.equal(intents.contained(text));
        expect(intents.symptomReport(said)).to.equal(intents.symptomReport(text));
        expect(intents.isQuestion(said)).to.equal(intents.isQuestion(text));
        expect(intents.hasQuestion(said)).to.equal(intents.hasQuestion(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('reads SMS keywords in any case, spacing or trailing punctuation, and nothing else as one', () => {
    const { smsKeywords } = content.intents;
    const keyword = fc.constantFrom(
      ...smsKeywords.optOut.map((k) => ({ k, want: 'optOut' })),
      ...smsKeywords.optIn.map((k) => ({ k, want: 'optIn' })),
      ...smsKeywords.help.map((k) => ({ k, want: 'help' })),
    );
    const spaces = fc.string({ unit: fc.constantFrom(' ', '\t', '\n'), maxLength: 3 });
    fc.assert(
      fc.property(keyword, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), spaces, spaces, fc.constantFrom('', '.', '!', '!!', ' .'), ({ k, want }, lower, before, after, mark) => {
        const typed = [...k].map((ch, i) => (lower[i] ? ch.toLowerCase() : ch)).join('');
        expect(readSmsKeyword(smsKeywords, `${before}${typed}${mark}${after}`)).to.equal(want);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.oneof(anyText, smsText), (text) => {
        expect([undefined, 'optOut', 'optIn', 'help']).to.include(readSmsKeyword(smsKeywords, text));
      }),
      { numRuns: 1000 },
    );
  });
});
