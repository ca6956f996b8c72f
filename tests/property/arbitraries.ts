import fc from 'fast-check';

/** Characters people and broken clients really send: controls, direction marks, joiners, emoji, odd spaces. */
export const AWKWARD_CHARACTERS = [
  '\u0000', '\u0007', '\u001b', '\u007f', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\u2029', '\u3000',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2069',
  '\u0301', '\u0308', '\ufffd', '\uffff', '\u{10ffff}', '\u{1f9b5}', '\u{1f62d}', '\u{1f44d}\u{1f3fd}', '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}',
  '\u0661', '\u0663', '\u05d0', '\u0645', '\u4e2d', '\u00df', '\u0130', '\u017f', '\u2019', '\u201c', '\u2014', '\u2026', '\u20ac', '%', '$', '{', '}',
];

/** Words and fragments of SMS-style messages about a knee. */
export const SMS_WORDS = [
  'knee', 'kneecap', 'hurts', 'hurt', 'sore', 'pain', 'painful', 'swollen', 'swelling', 'hot', 'red', 'stiff', 'clicks', 'locked', 'gave', 'way',
  'my', 'i', 'im', "i'm", 'it', 'its', 'u', 'r', 'ur', 'pls', 'plz', 'thx', 'ty', 'lol', 'idk', 'ok', 'k', 'yes', 'yeah', 'yep', 'no', 'nah', 'nope', 'not',
  'when', 'what', 'how', 'long', 'can', 'should', 'is', 'run', 'running', 'ran', 'stairs', 'squat', 'sitting', 'walk', 'ice', 'heat', 'brace', 'tape',
  'shoes', 'stretch', 'physio', 'book', 'appointment', 'cancel', 'help', 'stop', 'start', 'more', 'back', 'front', 'inside', 'outside', 'behind',
  'since', 'ago', 'days', 'wks', 'weeks', '2', '3', '10', '7/10', '45', 'yrs', 'monday', 'yesterday', 'last', 'month', 'fell', 'twisted', 'fever',
  'calf', 'breathe', 'numb', 'tingling', 'foot', 'cold', 'worse', 'better', 'same', 'gone', '?', '!', '.', ',', '...', '??', '1', '4', 'none',
];

/** A lone UTF-16 surrogate: not a valid Unicode scalar, but a JavaScript string can hold one. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const awkward = fc.constantFrom(...AWKWARD_CHARACTERS);
const word = fc.constantFrom(...SMS_WORDS);

/** SMS-like text: words from the list with odd capitals, spacing and the occasional awkward character. */
export const smsText = fc
  .array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', '', '  ', '\n', ', '), fc.boolean(), fc.option(awkward, { freq: 8 })), { maxLength: 25 })
  .map((parts) => parts.map(([w, gap, shout, odd]) => `${shout ? w.toUpperCase() : w}${odd ?? ''}${gap}`).join(''));

/** Any text at all: arbitrary code points, graphemes, bytes-as-characters, lone surrogates, SMS words. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.string({ unit: fc.oneof(awkward, loneSurrogate, word.map((w) => ` ${w} `)), maxLength: 60 }),
  smsText,
);

/** A very long message of short words: many repeats of a short piece (cheap to generate). */
export function longText(minChars: number, maxChars: number) {
  return fc
    .tuple(fc.oneof(smsText, fc.string({ unit: fc.oneof(awkward, loneSurrogate, word), minLength: 1, maxLength: 8 })), fc.integer({ min: minChars, max: maxChars }))
    .map(([piece, length]) => {
      const unit = `${piece || 'knee'} `;
      return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    });
}

/** Huge inputs, each named, for the functions that must cope with anything a client can post. */
export const HUGE_TEXTS: { name: string; make: () => string }[] = [
  { name: '100,000 characters of words', make: () => 'my knee hurts when I run down stairs '.repeat(2800).slice(0, 100_000) },
  { name: '1,000,000 characters of words', make: () => 'my knee hurts when I run down stairs '.repeat(28_000).slice(0, 1_000_000) },
  { name: '1,000,000 characters without a space', make: () => 'k'.repeat(1_000_000) },
  { name: '200,000 emoji', make: () => '\u{1f9b5}'.repeat(200_000) },
  { name: '300,000 lone surrogates', make: () => '\ud800'.repeat(150_000) + '\udc00x'.repeat(75_000) },
  { name: '100,000 control and direction characters', make: () => '\u0000\u202e\u200b\n'.repeat(25_000) },
];
