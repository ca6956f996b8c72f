import { expect } from 'chai';
import fc from 'fast-check';
import { readSmsKeyword } from '../../channels/smsKeywords';
import { createIntentReader, IntentText, type IntentReader } from '../../dialogs/intents';
import { CONTAINS_INTENTS, INTENT_NAMES } from '../../knowledge/intents';
import { normaliseText } from '../../matcher/normalise';
import { WordSequences } from '../../dialogs/word-sequences';
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

  it('finds every place a word sequence starts, as searching the text for it does', () => {
    const word = fc.constantFrom('a', 'b', 'knee', 'pain');
    const sequence = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.array(sequence, { minLength: 1, maxLength: 5 }), fc.array(word, { maxLength: 12 }), (sequences, words) => {
        const index = new WordSequences(sequences.map((s, i) => [s, i] as const));
        const found: string[] = [];
        index.each(words, (i, at) => found.push(`${i}@${at}`));
        const padded = ` ${words.join(' ')} `;
        const expected: string[] = [];
        sequences.forEach((s, i) => {
          for (let from = padded.indexOf(` ${s} `); from >= 0; from = padded.indexOf(` ${s} `, from + 1)) expected.push(`${i}@${padded.slice(0, from).split(' ').length - 1}`);
        });
        expect(found.sort()).to.deep.equal(expected.sort());
        expect(index.foundIn(words)).to.equal(expected.length > 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the intent and the medicine a message names as searching its text for each phrase does', () => {
    const padded = (phrase: string) => ` ${normaliseText(phrase)} `;
    const contains = CONTAINS_INTENTS.map((name) => ({ name, phrases: content.intents.contains[name].map(padded) }));
    const medication = content.intents.medication.map(padded);
    const phrase = fc.constantFrom(...CONTAINS_INTENTS.flatMap((name) => content.intents.contains[name]), ...content.intents.medication);
    // Phrases among other words, two at once, cut short or run together: hits, overlaps and near misses.
    const text = fc.oneof(
      anyText,
      smsText,
      fc.tuple(smsText, phrase, smsText, phrase).map((parts) => parts.join(' ')),
      fc.tuple(phrase, fc.nat(3)).map(([p, cut]) => p.split(' ').slice(cut).join(' ')),
      fc.tuple(phrase, phrase).map(([a, b]) => `${a}${b}`),
    );
    fc.assert(
      fc.property(text, (message) => {
        const said = padded(message);
        expect(intents.contained(message)).to.equal(contains.find((c) => c.phrases.some((p) => said.includes(p)))?.name);
        expect(intents.mentionsMedication(message)).to.equal(medication.some((m) => said.includes(m)));
      }),
      { numRuns: 3000 },
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
