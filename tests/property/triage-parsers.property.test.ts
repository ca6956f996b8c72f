import { expect } from 'chai';
import fc from 'fast-check';
import { detectCrisis, detectEmergency, extractVolunteered, interpretAnswer, QUESTION_IDS } from '../../triage';
import { anyText, longText, smsText } from './arbitraries';
import { CTX, loadRealContent, type RealContent } from './content';
import { expectValidAnswers } from './expectations';

const EMERGENCIES = ["I can't breathe", 'the bone is sticking out', 'my foot is cold and blue', 'my knee is hot and swollen and I have a fever'];
const CRISES = ['I want to kill myself', 'I want to end my life', 'thinking about suicide'];
/** Noise that carries no words: it must never hide a warning sign. */
const wordlessNoise = fc.string({ unit: fc.constantFrom('\u{1f9b5}', '\u{1f62d}', '!', '...', ' ', '\u200f', '\u202e', '\u00a0', '\n', '\t', '*', '-', '(', ')', '"'), maxLength: 6 });

describe('property: the triage parsers cope with any text', () => {
  let content: RealContent;
  before(() => {
    content = loadRealContent();
  });

  it('reads any reply to any question without throwing, into valid answer codes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUESTION_IDS), fc.oneof(anyText, smsText), (id, text) => {
        const read = interpretAnswer(content.protocol, id, text, CTX);
        expect(read.understood).to.be.a('boolean');
        expectValidAnswers(content.protocol, read.answers);
        if (read.understood) expect(read.answers[id], `understood ${id} without an answer`).to.not.equal(undefined);
      }),
      { numRuns: 1200 },
    );
  });

  it('reads the vignettes\' real replies, to any question, into valid answer codes', () => {
    const replies = [...content.repliesByQuestion.values()].flat();
    fc.assert(
      fc.property(fc.constantFrom(...QUESTION_IDS), fc.constantFrom(...replies), (id, text) => {
        expectValidAnswers(content.protocol, interpretAnswer(content.protocol, id, text, CTX).answers);
      }),
      { numRuns: 400 },
    );
  });

  it('finds only valid answers volunteered in any opening message', () => {
    fc.assert(fc.property(fc.oneof(anyText, smsText, fc.constantFrom(...content.openings)), (text) => expectValidAnswers(content.protocol, extractVolunteered(content.protocol, text, CTX))), { numRuns: 800 });
  });

  it('screens any text for an emergency or a crisis without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, smsText), (text) => {
        expect(detectEmergency(content.protocol, text, CTX)).to.be.a('boolean');
        expect(detectCrisis(content.protocol, text)).to.be.a('boolean');
      }),
      { numRuns: 1200 },
    );
  });

  it('reads long replies (2,000 to 5,000 characters) without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUESTION_IDS), longText(2000, 5000), (id, text) => {
        expectValidAnswers(content.protocol, interpretAnswer(content.protocol, id, text, CTX).answers);
        expect(detectEmergency(content.protocol, text, CTX)).to.be.a('boolean');
      }),
      { numRuns: 15 },
    );
  });

  it('still sees an emergency wrapped in emoji, marks and odd spaces', () => {
    fc.assert(fc.property(fc.constantFrom(...EMERGENCIES), wordlessNoise, wordlessNoise, (sign, before, after) => {
      expect(detectEmergency(content.protocol, `${before} ${sign} ${after}`, CTX), `${before} ${sign} ${after}`).to.equal(true);
    }), { numRuns: 300 });
  });

  it('still sees talk of self-harm wrapped in emoji, marks and odd spaces', () => {
    fc.assert(fc.property(fc.constantFrom(...CRISES), wordlessNoise, wordlessNoise, (words, before, after) => {
      expect(detectCrisis(content.protocol, `${before} ${words} ${after}`), `${before} ${words} ${after}`).to.equal(true);
    }), { numRuns: 300 });
  });
});
