import { expect } from 'chai';
import { normaliseText, splitSentences, tokenise } from '../../matcher/normalise';

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
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(normaliseText(input)).to.equal(expected));
  }

  it('gives no tokens for empty or symbol-only text', () => {
    expect(tokenise(normaliseText(''))).to.deep.equal([]);
    expect(tokenise(normaliseText('🙂 ?!'))).to.deep.equal([]);
  });
});

describe('sentence splitting', () => {
  it('finds the question at the end of a story', () => {
    const sentences = splitSentences('I run 30k a week. My knee aches on stairs. How long will it take to heal?');
    expect(sentences.map((s) => s.question)).to.deep.equal([false, false, true]);
  });

  it('does not split at abbreviations like "Dr." or "i.t."', () => {
    expect(splitSentences('Is Dr. Kottoor the orthotics person?')).to.have.length(1);
    expect(splitSentences('should i roll my i.t. band')).to.have.length(1);
  });

  it('drops sentences with no words', () => {
    expect(splitSentences('?? 🙂. what is pfps')).to.have.length(1);
  });
});
