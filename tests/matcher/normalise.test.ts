import { expect } from 'chai';
import { normaliseText, splitSentences, tokenise } from '../../matcher/normalise';
import { repositoryPhrases } from '../support/phrases';

/** normaliseText before its plain-ASCII fast path: every step on every text. */
function referenceNormalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/(\w)'(s|t|m|re|ve|ll|d)\b/g, '$1$2')
    .replace(/'/g, '')
    .replace(/\bw\/o\b/g, 'without')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/([a-z])\1{2,}/g, '$1$1')
    .trim();
}


describe('text normalisation', () => {
  const cases: [string, string, string][] = [
    ['folds curly apostrophes like straight ones', 'What’s runner’s knee', 'whats runners knee'],
    ['keeps a straight apostrophe out of the word', "what's runner's knee", 'whats runners knee'],
    ['folds accents', 'Café physiothérapie genou', 'cafe physiotherapie genou'],
    ['drops emoji', 'my knee hurts 😩🏃‍♀️ help', 'my knee hurts help'],
    ['lowercases', 'WHAT IS RUNNERS KNEE', 'what is runners knee'],
    ['turns punctuation into spaces', 'kt-tape, or a brace?!', 'kt tape or a brace'],
    ['shortens a letter repeated three times or more', 'sooo sorrry my kneeee', 'soo sorry my knee'],
    ['keeps digits', 'is 160 spm too low', 'is 160 spm too low'],
    ['reads SMS "w/o" as "without"', 'can it heal w/o physio', 'can it heal without physio'],
    ['reads a backtick as an apostrophe', 'what`s runner`s knee', 'whats runners knee'],
    ['folds an accent next to an apostrophe', 'Qu’est-ce que le genou du coureur? Café’s', 'quest ce que le genou du coureur cafes'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(normaliseText(input)).to.equal(expected));
  }

  it('gives what every step on every text gives, on every phrase of knowledge/ and tests/data/', () => {
    const texts = repositoryPhrases();
    expect(texts.length).to.be.greaterThan(3000);
    // Each text as typed, shouted, with curly and backtick apostrophes, and with an accent.
    const variants = texts.flatMap((t) => [t, t.toUpperCase(), t.replace(/'/g, '\u2019'), t.replace(/'/g, '`'), `${t} café`]);
    const differing = variants.filter((t) => normaliseText(t) !== referenceNormalise(t));
    expect(differing).to.deep.equal([]);
  });

  it('gives no tokens for empty or symbol-only text', () => {
    expect(tokenise(normaliseText(''))).to.deep.equal([]);
    expect(tokenise(normaliseText('🙂 ?!'))).to.deep.equal([]);
  });
});

describe('sentence splitting', () => {
  it('finds the question at the end of a story', () => {
    const sentences = splitSentences('I run 30k a week. My knee aches on stairs. How long will it take to heal?');
    expect(sentences.map((s) => s.question)).to.deep.equal([false, false, true]);
    expect(sentences[2].words).to.deep.equal(['how', 'long', 'will', 'it', 'take', 'to', 'heal']);
  });

  it('ends a sentence at a colon before a space, so the question after "my question is:" stands alone, but not inside "5:30"', () => {
    const sentences = splitSentences('I want to understand it first, so my question is: what actually is runners knee?');
    expect(sentences.map((s) => s.question)).to.deep.equal([false, true]);
    expect(sentences[1].words).to.deep.equal(['what', 'actually', 'is', 'runners', 'knee']);
    expect(splitSentences('my knee hurts at 5:30 in the morning')).to.have.length(1);
  });

  it('does not split at abbreviations like "Dr." or "i.t."', () => {
    expect(splitSentences('Is Dr. Kottoor the orthotics person?')).to.have.length(1);
    expect(splitSentences('should i roll my i.t. band')).to.have.length(1);
  });

  it('drops sentences with no words', () => {
    expect(splitSentences('?? 🙂. what is pfps')).to.have.length(1);
  });

  it('reads a message with nothing that ends a sentence as one sentence, and an empty one as none', () => {
    expect(splitSentences("  What's Runner's Knee  ")).to.deep.equal([{ text: "What's Runner's Knee", words: ['whats', 'runners', 'knee'], question: false }]);
    expect(splitSentences('knee hurts\u0000how long')).to.have.length(2);
    expect(splitSentences(' 🙂 ')).to.deep.equal([]);
  });
});
