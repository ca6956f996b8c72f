// Turns what people type ("its hot n swollen!!", "2wks", "can't") into plain tokens.

/** The word lists normalisation needs, from knowledge/triage-phrases.json. */
export interface Lexicon {
  /** Whole-word contractions with an apostrophe: "can't" -> "cannot". */
  contractions: ReadonlyMap<string, string>;
  /** Token rewrites applied after punctuation is gone: "cant" -> "cannot", "wks" -> "weeks". */
  tokens: ReadonlyMap<string, string>;
  /** Phrase rewrites applied to the token string: "knee cap" -> "kneecap". */
  rewrites: ReadonlyArray<readonly [string, string]>;
  /** Number words: "seven" -> 7. */
  numbers: ReadonlyMap<string, number>;
  /** Words that typos are corrected towards (long words from the phrase lists). */
  vocabulary: ReadonlySet<string>;
  /** Real words never treated as typos ("looked" is not "locked"). */
  known: ReadonlySet<string>;
  /** Stems of the lists' "word*" patterns: a word starting with one is what the lists mean, never a typo. */
  knownPrefixes: ReadonlySet<string>;
  fuzzyMinLength: number;
}

/** A message as tokens; "," marks every clause or sentence break. */
export interface Normalized {
  readonly tokens: readonly string[];
  /** The tokens joined with single spaces, with a space at each end, for pattern matching. */
  readonly padded: string;
}

export const BREAK = ',';
const NON_ASCII = /[^\x00-\x7f]/;
const EMOJI_MARKS = /[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu;

/** An emoji without its skin tone or variation mark: "👍🏽" is "👍". */
export function withoutEmojiMarks(text: string): string {
  return text.replace(EMOJI_MARKS, '');
}
const PICTOGRAPHS = /(\p{Extended_Pictographic})/gu;

function levenshteinAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    // one transposition ("sweling" is handled by the length branch)
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Corrections already worked out, per lexicon: the same few hundred words come back in every message. */
const corrections = new WeakMap<Lexicon, Map<string, string>>();
const MAX_CORRECTIONS = 20_000;

/** Corrects a token to the one vocabulary word it is a single slip away from, if any. */
export function correctTypo(token: string, lex: Lexicon): string {
  if (token.length < lex.fuzzyMinLength || lex.vocabulary.has(token) || lex.known.has(token)) return token;
  if (!/^[a-z]+$/.test(token)) return token;
  // The "g" dropped, as texts drop it: "thinkin", "achin", "botherin".
  if (token.endsWith('in') && lex.vocabulary.has(`${token}g`)) return `${token}g`;
  let known = corrections.get(lex);
  if (!known) corrections.set(lex, (known = new Map()));
  let found = known.get(token);
  if (found === undefined) {
    found = startsWithKnownPrefix(token, lex) ? token : closestWord(token, lex);
    if (known.size >= MAX_CORRECTIONS) known.clear();
    known.set(token, found);
  }
  return found;
}

function startsWithKnownPrefix(token: string, lex: Lexicon): boolean {
  for (let end = token.length; end > 0; end--) if (lex.knownPrefixes.has(token.slice(0, end))) return true;
  return false;
}

function closestWord(token: string, lex: Lexicon): string {
  let found: string | null = null;
  for (const word of lex.vocabulary) {
    if (word[0] !== token[0] || !levenshteinAtMostOne(word, token)) continue;
    if (found !== null && found !== word) return token; // two candidates: do not guess
    found = word;
  }
  return found ?? token;
}

/** Number words as digits: "seven" -> "7", "twenty one" -> "21". */
export function numberWords(tokens: string[], lex: Lexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const n = lex.numbers.get(tokens[i]);
    if (n === undefined) {
      out.push(tokens[i]);
      continue;
    }
    const next = lex.numbers.get(tokens[i + 1] ?? '');
    if (n >= 20 && n % 10 === 0 && next !== undefined && next < 10) {
      out.push(String(n + next));
      i++;
    } else out.push(String(n));
  }
  return out;
}

interface CompiledRewrites {
  /** The [from, to] pairs with their spaces added once, not on every message. */
  padded: ReadonlyArray<readonly [string, string]>;
  /**
   * The first word of every `from` (up to its first space; "" if it starts with one). ` ${from} ` sits
   * between spaces of the token string only where that word is a whole token, so a text holding none
   * of these words as tokens has nothing to rewrite.
   */
  firstWords: ReadonlySet<string>;
}

const compiledRewrites = new WeakMap<Lexicon, CompiledRewrites>();

function rewritesOf(lex: Lexicon): CompiledRewrites {
  let compiled = compiledRewrites.get(lex);
  if (!compiled) {
    compiled = {
      padded: lex.rewrites.map(([from, to]) => [` ${from} `, ` ${to} `] as const),
      firstWords: new Set(lex.rewrites.map(([from]) => from.split(' ')[0])),
    };
    compiledRewrites.set(lex, compiled);
  }
  return compiled;
}

const HAS_BREAK = 1;
const HAS_SYMBOL = 2;
const HAS_DIGIT = 4;

/**
 * Which kinds of character a text holds, in one pass: a break mark, a symbol that becomes a space, a
 * digit. Anything beyond ASCII counts as all three, since Unicode normalisation could make any of them.
 */
function charactersIn(raw: string): number {
  let found = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue; // a-z, most of any message
    if (c >= 0x30 && c <= 0x39) found |= HAS_DIGIT;
    else if (c > 0x7f) return HAS_BREAK | HAS_SYMBOL | HAS_DIGIT;
    else if (BREAK_CODES.has(c)) found |= HAS_BREAK;
    else if (SYMBOL_CODES.has(c)) found |= HAS_SYMBOL;
  }
  return found;
}

/** Characters that end a clause, and symbols that become a space: each step's pattern and the test of whether to run it are made from these. */
const BREAK_CHARS = '.!?;:,()[]{}"\n\r\u2026';
const SYMBOL_CHARS = "'*_~#=<>|\\^";
const classOf = (chars: string) => `[${chars.replace(/[\]\\^-]/g, '\\$&')}]`;
const BREAKS = new RegExp(`${classOf(BREAK_CHARS)}+`, 'g');
const SYMBOLS = new RegExp(classOf(SYMBOL_CHARS), 'g');
const codesOf = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const BREAK_CODES = codesOf(BREAK_CHARS);
// A backtick becomes an apostrophe before the symbol step.
const SYMBOL_CODES = codesOf(`${SYMBOL_CHARS}\``);

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * The texts normalised last, and what they gave. A turn reads one message many times (the safety screen, the check's
 * reading of each clause, what it volunteers), the same few texts each time: a message normalised for a report was
 * normalised about twenty times, four texts in all. What `normalize` gives is read only (`Normalized` is readonly).
 */
const recent = new Map<string, Normalized>();
const RECENT_TEXTS = 16;
let recentLexicon: Lexicon | undefined;

export function normalize(raw: string, lex: Lexicon): Normalized {
  if (lex !== recentLexicon) {
    recent.clear();
    recentLexicon = lex;
  }
  const known = recent.get(raw);
  if (known !== undefined) return known;
  const text = normalizeText(raw, lex);
  if (recent.size >= RECENT_TEXTS) recent.delete(recent.keys().next().value as string);
  recent.set(raw, text);
  return text;
}

function normalizeText(raw: string, lex: Lexicon): Normalized {
  // Unicode normalisation is costly, and plain ASCII (most messages) has nothing for it to do.
  const ascii = !NON_ASCII.test(raw);
  // Accents go ("fièvre", "frío"): the phrase file's words are plain a-z, and people type with and without them.
  let s = (ascii ? raw : raw.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFKC')).toLowerCase();
  // Most messages are plain words: each rewrite runs only when the character every match needs is there,
  // which gives the same text as running them all (tests/triage/normalize.test.ts compares the two).
  if (!ascii || s.includes('`')) s = s.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'");
  if (!ascii) s = s.replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-');
  // "👍🏽", "yes👍": a pictograph is a word of its own (the phrase file's tokens say 👍 is yes), without skin tone or variation.
  if (!ascii) s = withoutEmojiMarks(s).replace(PICTOGRAPHS, ' $1 ');
  if (s.includes('/')) s = s.replace(/\bw\/o\b/g, ' without ').replace(/\bw\//g, ' with ');
  if (s.includes('&')) s = s.replace(/&/g, ' and ');
  // "55+" is 55 or over; "hot+swollen" is hot and swollen.
  if (s.includes('+')) s = s.replace(/(\d+)\s*\+/g, '$1 or over ').replace(/([a-z])\s*\+\s*(?=[a-z])/g, '$1 and ');
  if (s.includes('/')) s = s.replace(/(\d+(?:\.\d+)?)\s*\/\s*10\b/g, '$1 out of 10 ');
  if (s.includes('-')) s = s.replace(/(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)/g, '$1 to $2').replace(/([a-z0-9])-(?=[a-z])/g, '$1 ');
  if (s.includes("'")) s = s.replace(/[a-z]+'[a-z]+/g, (w) => lex.contractions.get(w) ?? w.replace(/'(s|d)$/, '').replace(/'/g, ''));
  if (s.includes('.')) s = s.replace(/(\d)\.(\d)/g, '$1\u0000$2');
  // The steps before add no breaks, symbols or digits: the characters of the text as given say which steps below can change it.
  const present = charactersIn(raw);
  if (present & HAS_BREAK) s = s.replace(BREAKS, ` ${BREAK} `);
  if (s.includes('\u0000')) s = s.replace(/\u0000/g, '.');
  if (present & HAS_SYMBOL) s = s.replace(SYMBOLS, ' ');
  if (s.includes('/')) s = s.replace(/\//g, ' / ');
  // "2wks", "3days", "7ish": split the number from the word, keeping ordinals ("3rd").
  if (present & HAS_DIGIT) s = s.replace(/\b(\d+(?:\.\d+)?)(?!(?:st|nd|rd|th)\b)([a-z]+)\b/g, '$1 $2');

  let tokens: string[] = [];
  for (const t of s.split(/\s+/)) {
    if (t.length === 0) continue;
    // A first "y" or "n" is a yes or no; inside a sentence "n" is "and" ("hot n swollen").
    if (tokens.length === 0 && (t === 'y' || t === 'n')) {
      tokens.push(correctTypo(t === 'y' ? 'yes' : 'no', lex));
      continue;
    }
    const mapped = lex.tokens.get(t);
    if (mapped === undefined) tokens.push(correctTypo(t, lex));
    else for (const part of mapped.split(' ')) tokens.push(correctTypo(part, lex));
  }
  tokens = numberWords(tokens, lex);
  let spaced = ` ${tokens.join(' ')} `;
  const rewrites = rewritesOf(lex);
  // A token holding a space (a vocabulary word could) is more than one word of `spaced`: then try them all.
  if (tokens.some((t) => rewrites.firstWords.has(t) || t.includes(' '))) {
    for (const [from, to] of rewrites.padded) {
      while (spaced.includes(from)) spaced = spaced.replace(from, to);
    }
  }
  return finishTokens(spaced.split(' ').filter((t) => t.length > 0));
}

/**
 * The last step of `normalize`: "can not" as "cannot", a dash standing alone as a break ("the knee I asked about last month -
 * kneecap just popped out": what follows the dash is not last month's), and no break at the start, the end or twice in a row.
 */
export function finishTokens(tokens: readonly string[]): Normalized {
  const joined: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = DASHES.test(tokens[i]) ? BREAK : tokens[i];
    if (token === 'can' && tokens[i + 1] === 'not') {
      joined.push('cannot');
      i++;
    } else if (!(token === BREAK && (joined.length === 0 || joined[joined.length - 1] === BREAK))) joined.push(token);
  }
  while (joined.length > 0 && joined[joined.length - 1] === BREAK) joined.pop();
  return fromTokens(joined);
}

const DASHES = /^-+$/;

/** Tokens as a text of their own, as `normalize` gives one: for reading part of a text. */
export function fromTokens(tokens: string[]): Normalized {
  return { tokens, padded: ` ${tokens.join(' ')} ` };
}

/** The text's parts between any of `words` ("but", "though"), none of them empty; the text alone when it has none. */
export function splitAtWords(text: Normalized, words: ReadonlySet<string>): Normalized[] {
  if (!text.tokens.some((t) => words.has(t))) return [text];
  const parts: string[][] = [[]];
  for (const t of text.tokens) {
    if (words.has(t)) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.filter((p) => p.length > 0).map(fromTokens);
}

/** The text from its first word that is neither a break nor one of `skip` ("k, um no" without "k, um"); empty when none is. */
export function afterLeading(text: Normalized, skip: ReadonlySet<string>): Normalized {
  let at = 0;
  while (at < text.tokens.length && (text.tokens[at] === BREAK || skip.has(text.tokens[at]))) at++;
  return at === 0 ? text : fromTokens(text.tokens.slice(at));
}

/** The clauses `keep` accepts, joined again with breaks; the text itself when it keeps them all. */
export function keepClauses(text: Normalized, keep: (clause: Normalized) => boolean): Normalized {
  const kept: string[] = [];
  let dropped = false;
  let start = 0;
  for (let i = 0; i <= text.tokens.length; i++) {
    if (i < text.tokens.length && text.tokens[i] !== BREAK) continue;
    const tokens = text.tokens.slice(start, i);
    start = i + 1;
    if (tokens.length === 0) continue;
    if (!keep(fromTokens(tokens))) dropped = true;
    else kept.push(...(kept.length > 0 ? [BREAK] : []), ...tokens);
  }
  return dropped ? fromTokens(kept) : text;
}

/** Where the clause (between breaks) that holds token `at` starts, and where it ends (the break after it, or the end). */
export function clauseBounds(text: Normalized, at: number): { start: number; end: number } {
  let start = at;
  while (start > 0 && text.tokens[start - 1] !== BREAK) start--;
  let end = at;
  while (end < text.tokens.length && text.tokens[end] !== BREAK) end++;
  return { start, end };
}

/** The clause (between breaks) that holds token `at`, as its own text. */
export function clauseAt(text: Normalized, at: number): Normalized {
  const { start, end } = clauseBounds(text, at);
  return fromTokens(text.tokens.slice(start, end));
}

/** Splits raw text into sentences or clauses, for checks that look at one at a time. */
export function clauses(raw: string): string[] {
  return raw
    .split(/[.!?;\n]+|,\s*(?=\S)/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** Whether a lexicon leaves the clause break alone: no token, number or phrase rewrite turns a "," into something else. */
const keepsBreaks = new WeakMap<Lexicon, boolean>();

function breakIsKept(lex: Lexicon): boolean {
  let kept = keepsBreaks.get(lex);
  if (kept === undefined) {
    kept = !lex.tokens.has(BREAK) && !lex.numbers.has(BREAK) && lex.rewrites.every(([from]) => !from.includes(BREAK));
    keepsBreaks.set(lex, kept);
  }
  return kept;
}

/** Spaces before a message's first word that are not line breaks (a line break is a clause break). */
const LEADING_SPACES = /^[^\S\n\r]*/;

/**
 * Each clause of `raw` with its normalised text. `whole` is `raw` already normalised: a message that
 * is a single clause with nothing before it but spaces ("what is runner's knee?") normalises exactly
 * as that clause does, since `clauses` only strips spaces and clause marks after it, which become
 * trailing breaks that normalisation drops. Such a message is not normalised a second time. (A break
 * before the clause would matter: "\ny" reads "y" as a word, "y" alone reads it as "yes".)
 */
export function normalizedClauses(raw: string, lex: Lexicon, whole?: Normalized): Array<{ text: string; normalized: Normalized }> {
  const parts = clauses(raw);
  if (whole !== undefined && parts.length === 1 && raw.startsWith(parts[0], LEADING_SPACES.exec(raw)?.[0].length ?? 0) && breakIsKept(lex)) {
    return [{ text: parts[0], normalized: whole }];
  }
  return parts.map((text) => ({ text, normalized: normalize(text, lex) }));
}
