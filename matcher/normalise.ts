const NON_ASCII = /[^\x00-\x7f]/;

/** Lowercases, folds accents and curly punctuation, drops emoji and symbols: plain words and digits remain. */
export function normaliseText(text: string): string {
  // Unicode normalisation is costly, and plain ASCII (most messages) has no accents or curly quotes to fold.
  const ascii = !NON_ASCII.test(text);
  let s = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (!ascii || s.includes('`')) s = s.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'");
  if (s.includes("'")) s = s.replace(/(\w)'(s|t|m|re|ve|ll|d)\b/g, '$1$2').replace(/'/g, '');
  // "w/o" is SMS for "without"; the slash would otherwise leave "w" (with) and a stray "o".
  if (s.includes('w/o')) s = s.replace(/\bw\/o\b/g, 'without');
  return (
    s
      .replace(/[^a-z0-9]+/g, ' ')
      // "sooo" and "kneeee": nobody means three of the same letter in a row.
      .replace(/([a-z])\1{2,}/g, '$1$1')
      .trim()
  );
}

export function tokenise(normalised: string): string[] {
  return normalised ? normalised.split(' ') : [];
}

export interface Sentence {
  text: string;
  /** The sentence's normalised words. */
  words: string[];
  /** Ends with a question mark. */
  question: boolean;
}

/** Splits a message into sentences, so a long story can be told apart from the question it ends with. */
export function splitSentences(text: string): Sentence[] {
  // Most messages are one sentence with nothing that could end one: no splitting to do.
  if (!SENTENCE_ENDS.test(text)) return sentencesOf([text]);
  // A full stop after a short word is an abbreviation ("Dr.", "i.t."), not the end of a sentence; a
  // colon before a space ends one ("so my question is: what is it?"), one in "5:30" does not.
  const marked = text.replace(/([?!]+|(?<=\w{3})\.+(?=\s)|(?<=\S):(?=\s)|\n+)/g, '$1\u0000');
  return sentencesOf(marked.split('\u0000'));
}

/** What could end a sentence; a NUL, too, since it is the mark splitting uses. */
const SENTENCE_ENDS = /[?!.:\n\u0000]/;

function sentencesOf(parts: readonly string[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const part of parts) {
    const trimmed = part.trim();
    const normalised = normaliseText(trimmed);
    if (normalised) sentences.push({ text: trimmed, words: tokenise(normalised), question: trimmed.endsWith('?') });
  }
  return sentences;
}

/** The text as a regular expression matching it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
