// A small pattern language for the phrase lists in knowledge/triage-phrases.json:
//   "swollen ... hot"   "..." lets up to 3 words sit between (never across a clause break)
//   "twist*"            a word starting with "twist"
//   "fell|fall|fallen"  any one of these words
//   "[my|the] calf"     optional word
//   "(did not|never) fall"  a group: any one of these word sequences ("did not|never fall" would be
//                       "did" then "not" or "never" then "fall": "|" binds single words, a group whole phrases)
//   "#"                 a number
//   "!cannot walk"      a leading "!" means a "no" or "not" before it does not negate it
import { BREAK, Normalized } from './text';

export interface Pattern {
  source: string;
  regex: RegExp;
  negatable: boolean;
  /** Words one of which every match holds: a cheap test before the regex; null when none is known. */
  anchors: Anchor[] | null;
}

/** A word a match must hold: exactly, or as the start of a token ("twist*"). */
interface Anchor {
  word: string;
  prefix: boolean;
}

/** Where a phrase was found, in token positions, and whether it was negated. */
export interface Hit {
  start: number;
  end: number;
  negated: boolean;
}

/** How negation is read: "no fever", "I don't have a fever", "not short of breath". */
export interface NegationRules {
  negators: ReadonlySet<string>;
  /** Words after "no" that make it an answer word, not a negation: "no it gives way". */
  interjections: ReadonlySet<string>;
  /** Words that end a negation's reach: "no fever but it's swollen". */
  breakers: ReadonlySet<string>;
  /** Words that cancel a preceding "not": "not sure if it's swollen". */
  cancelers: ReadonlySet<string>;
  window: number;
  /** Negators whose own adverb does not end their reach: "not actually", "never really" ("no, actually" still does). */
  throughAdverb: ReadonlySet<string>;
  /** Words that, alone after a sign that opens its clause, answer it no: "swollen? nah. hot? not really." */
  answeredAfter: ReadonlySet<string>;
  /** Of those, the ones that answer it no ending the sign's own clause ("chest pain no"; not "winded doing nothing"). */
  answeredAtEnd: ReadonlySet<string>;
  /** A negator runs through a list closed by one of these ("no fever, swelling or redness"), of at most `items` items of at most `itemWords` words. */
  list: { closers: ReadonlySet<string>; itemWords: number; items: number; determiners: ReadonlySet<string> };
}

/** A list of patterns plus exceptions that veto a hit they overlap. */
export interface PhraseSet {
  patterns: Pattern[];
  except: Pattern[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function altRegex(alt: string): string {
  if (alt === '#') return '\\d+(?:\\.\\d+)?';
  return alt.endsWith('*') ? `${escape(alt.slice(0, -1))}[^ ,]*` : escape(alt);
}

function wordRegex(alts: readonly string[]): string {
  return `(?:${alts.map(altRegex).join('|')})`;
}

/**
 * Compiles one pattern; throws a plain message for the loader to place. The protocol holds well over
 * a thousand patterns, all compiled before the first answer: one pass over the words builds the
 * regex and picks the anchors.
 */
export function compilePattern(source: string): Pattern {
  const negatable = !source.startsWith('!');
  const body = (negatable ? source : source.slice(1)).trim();
  if (body.length === 0) throw new Error('empty pattern');
  if (/[^a-z0-9 .|*#[\]()'/-]/.test(body)) throw new Error(`pattern "${source}" has characters other than a-z, 0-9 and . | * # [ ] ( )`);
  let regex = '(?<= )';
  let optionalOnly = true;
  // The alternatives of the most selective required word (the one whose shortest alternative is longest).
  let anchors: Anchor[] | null = null;
  let anchorLength = 0;
  for (const tok of body.match(/\([^()]*\)|[^\s()]+|[()]/g) ?? []) {
    if (tok === '...') {
      regex += '((?:[^ ,]+ ){0,3})'; // captured: a "not" in the gap negates the hit
      optionalOnly = false;
      continue;
    }
    if (tok.startsWith('[') && tok.endsWith(']')) {
      const inner = tok.slice(1, -1);
      if (inner.length === 0 || /[[\]]/.test(inner)) throw new Error(`pattern "${source}": bad optional "${tok}"`);
      regex += `(?:${wordRegex(inner.split('|'))} )?`;
      continue;
    }
    if (tok.startsWith('(') && tok.length > 1) {
      const group = groupOf(tok, source);
      regex += group.regex;
      optionalOnly = false;
      if (group.anchors !== null && group.shortest > anchorLength) {
        anchors = group.anchors;
        anchorLength = group.shortest;
      }
      continue;
    }
    if (/[[\]()]/.test(tok) || tok.includes('||') || tok.startsWith('|') || tok.endsWith('|') || tok.includes('...'))
      throw new Error(`pattern "${source}": bad word "${tok}"`);
    const alts = tok.split('|');
    regex += `${wordRegex(alts)} `;
    optionalOnly = false;
    if (alts.includes('#')) continue;
    let shortest = Infinity;
    for (const alt of alts) shortest = Math.min(shortest, alt.endsWith('*') ? alt.length - 1 : alt.length);
    if (shortest > anchorLength) {
      anchors = alts.map((alt) => (alt.endsWith('*') ? { word: alt.slice(0, -1), prefix: true } : { word: alt, prefix: false }));
      anchorLength = shortest;
    }
  }
  if (optionalOnly) throw new Error(`pattern "${source}" has no required word`);
  return { source, negatable, regex: new RegExp(regex, 'g'), anchors };
}

function anchorOf(word: string): Anchor {
  return word.endsWith('*') ? { word: word.slice(0, -1), prefix: true } : { word, prefix: false };
}

/**
 * A group, "(did not|never)": one of several word sequences. Its anchors are each sequence's longest
 * word, so every match holds one of them; a sequence of numbers only leaves the group without anchors.
 */
function groupOf(tok: string, source: string): { regex: string; anchors: Anchor[] | null; shortest: number } {
  const sequences = tok.slice(1, -1).split('|').map((alt) => alt.trim().split(/\s+/));
  for (const words of sequences) {
    if (words.some((w) => !/^(?:[a-z0-9'/-]+\*?|#)$/.test(w))) throw new Error(`pattern "${source}": bad group "${tok}" (plain words, word* or # only, sequences split by |)`);
  }
  if (sequences.length < 2) throw new Error(`pattern "${source}": a group needs two or more sequences split by | ("${tok}")`);
  const anchors: Anchor[] = [];
  let shortest = Infinity;
  for (const words of sequences) {
    const longest = words.filter((w) => w !== '#').sort((a, b) => b.replace('*', '').length - a.replace('*', '').length)[0];
    if (longest === undefined) return { regex: groupRegex(sequences), anchors: null, shortest: 0 };
    anchors.push(anchorOf(longest));
    shortest = Math.min(shortest, longest.replace('*', '').length);
  }
  return { regex: groupRegex(sequences), anchors, shortest };
}

function groupRegex(sequences: readonly string[][]): string {
  return `(?:${sequences.map((words) => words.map((w) => `${altRegex(w)} `).join('')).join('|')})`;
}

/** A text's words, read once however many patterns are tried on it. */
class TextWords {
  private readonly words: Set<string>;
  private readonly prefixes = new Map<string, boolean>();
  constructor(private readonly tokens: readonly string[]) {
    this.words = new Set(tokens);
  }

  holdsAny(anchors: readonly Anchor[]): boolean {
    for (const anchor of anchors) if (anchor.prefix ? this.startsAWord(anchor.word) : this.words.has(anchor.word)) return true;
    return false;
  }

  private startsAWord(prefix: string): boolean {
    let found = this.prefixes.get(prefix);
    if (found === undefined) {
      found = this.tokens.some((t) => t.startsWith(prefix));
      this.prefixes.set(prefix, found);
    }
    return found;
  }
}

const wordsOfText = new WeakMap<Normalized, TextWords>();
/** Up to this many tokens a plain scan beats building a set. */
const SCAN_TOKENS = 40;

function holdsAny(text: Normalized, anchors: readonly Anchor[]): boolean {
  if (text.tokens.length > SCAN_TOKENS) {
    let words = wordsOfText.get(text);
    if (!words) {
      words = new TextWords(text.tokens);
      wordsOfText.set(text, words);
    }
    return words.holdsAny(anchors);
  }
  for (const anchor of anchors) {
    for (const token of text.tokens) if (anchor.prefix ? token.startsWith(anchor.word) : token === anchor.word) return true;
  }
  return false;
}

/** A list's patterns by the words they need (their anchors), built the first time the list is used (lists never change after loading). */
interface PatternIndex {
  byWord: ReadonlyMap<string, readonly number[]>;
  byPrefix: ReadonlyArray<{ prefix: string; patterns: readonly number[] }>;
  /** Patterns without an anchor: tried on every text. */
  always: readonly number[];
  /** Which patterns a text picks, one flag per pattern: cleared after each use, so no text allocates its own. */
  picked: Uint8Array;
}

const patternIndexes = new WeakMap<readonly Pattern[], PatternIndex>();

function indexOf(patterns: readonly Pattern[]): PatternIndex {
  let index = patternIndexes.get(patterns);
  if (!index) {
    const byWord = new Map<string, number[]>();
    const byPrefix = new Map<string, number[]>();
    const always: number[] = [];
    patterns.forEach((pattern, i) => {
      if (pattern.anchors === null) always.push(i);
      else
        for (const anchor of pattern.anchors) {
          const map = anchor.prefix ? byPrefix : byWord;
          const list = map.get(anchor.word);
          if (list) list.push(i);
          else map.set(anchor.word, [i]);
        }
    });
    index = { byWord, byPrefix: [...byPrefix].map(([prefix, list]) => ({ prefix, patterns: list })), always, picked: new Uint8Array(patterns.length) };
    patternIndexes.set(patterns, index);
  }
  return index;
}

/**
 * The patterns worth trying on a text, in list order: those whose anchor test (in `matches`) the text
 * passes. A short text's few words pick them out of the list's index, instead of every pattern being
 * tested against every word; a long text's words are already in a set, and every pattern is tested.
 */
function patternsFor(patterns: readonly Pattern[], text: Normalized): readonly Pattern[] {
  if (text.tokens.length > SCAN_TOKENS) return patterns;
  const index = indexOf(patterns);
  const picked = index.picked;
  for (const i of index.always) picked[i] = 1;
  for (const token of text.tokens) {
    const list = index.byWord.get(token);
    if (list) for (const i of list) picked[i] = 1;
  }
  for (const { prefix, patterns: list } of index.byPrefix) {
    if (text.tokens.some((t) => t.startsWith(prefix))) for (const i of list) picked[i] = 1;
  }
  const out: Pattern[] = [];
  for (let i = 0; i < patterns.length; i++) {
    if (picked[i] === 1) {
      out.push(patterns[i]);
      picked[i] = 0;
    }
  }
  return out;
}

function tokenIndex(padded: string, charIndex: number): number {
  let count = 0;
  for (let i = 1; i < charIndex; i++) if (padded[i] === ' ') count++;
  return count;
}

interface Span {
  start: number;
  end: number;
  /** What the pattern's "..." gaps took up ("foot is not cold" -> "is not "), split into words only when needed. */
  gaps: string[];
}

/** Most patterns miss most texts: a miss allocates nothing. */
const NO_SPANS: readonly Span[] = Object.freeze([]);
const NO_HITS: readonly Hit[] = Object.freeze([]);

/** The words of a match counted in a plain loop, and its gaps kept unsplit: this runs for every hit. */
function spanOf(padded: string, m: RegExpExecArray): Span {
  const start = tokenIndex(padded, m.index);
  const matched = m[0].trim();
  let length = 0;
  for (let i = 0; i < matched.length; i++) if (matched[i] !== ' ' && (i === 0 || matched[i - 1] === ' ')) length++;
  const gaps: string[] = [];
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) gaps.push(m[g]);
  return { start, end: start + length, gaps };
}

/** Whether a gap holds a negator ("foot is not cold"). */
function gapNegates(gaps: readonly string[], rules: NegationRules): boolean {
  return gaps.some((gap) => gap.split(' ').some((w) => w.length > 0 && rules.negators.has(w)));
}

function matches(pattern: Pattern, text: Normalized): readonly Span[] {
  if (pattern.anchors !== null && !holdsAny(text, pattern.anchors)) return NO_SPANS;
  const out: Span[] = [];
  const re = pattern.regex; // compiled once; lastIndex is reset here and the scan is synchronous
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text.padded)) !== null) {
    out.push(spanOf(text.padded, m));
    re.lastIndex = m.index + 1; // allow overlapping hits
  }
  return out.length === 0 ? NO_SPANS : out;
}

/** Each pattern's regex made sticky, compiled the first time a text's start is tried against it. */
const stickyRegexes = new WeakMap<Pattern, RegExp>();

/**
 * The pattern's match on the first word, if any: the one span of `matches` that starts at token 0.
 * Every match follows a space, so that span is the match at character 1, the first word of the padded
 * text; trying only there spares scanning the rest of the text.
 */
function matchAtStart(pattern: Pattern, text: Normalized): Span | null {
  if (pattern.anchors !== null && !holdsAny(text, pattern.anchors)) return null;
  let re = stickyRegexes.get(pattern);
  if (!re) stickyRegexes.set(pattern, (re = new RegExp(pattern.regex.source, `${pattern.regex.flags.replace('g', '')}y`)));
  re.lastIndex = 1;
  const m = re.exec(text.padded);
  return m === null ? null : spanOf(text.padded, m);
}

/** True when a negator governs the token at `start` ("no fever", "never locks", "no fall, twist or blow"). */
/**
 * "swollen? nah. hot? nah.", "any swelling - no", "chest pain no": what opens a clause (after a word such as "any") is
 * answered no by a phrase that ends the clause, or that makes the whole of the next one. For a sign named in a list
 * answered item by item; not for answers in general ("First time, no." is a no).
 */
export function answeredNo(tokens: readonly string[], span: { start: number; end: number }, rules: NegationRules): boolean {
  let start = span.start;
  while (start > 0 && rules.list.determiners.has(tokens[start - 1])) start--;
  const separates = (t: string | undefined) => t === BREAK || t === '-';
  if (start > 0 && !separates(tokens[start - 1])) return false;
  let end = span.end;
  while (end < tokens.length && !separates(tokens[end])) end++;
  // "chest pain no": the clause ends with the no, after the sign.
  for (const words of [1, 2]) {
    if (end - words >= span.end && rules.answeredAtEnd.has(tokens.slice(end - words, end).join(' '))) return true;
  }
  // "chest pain? no": the next clause is the no, alone.
  let next = end + 1;
  while (next < tokens.length && !separates(tokens[next])) next++;
  return end < tokens.length && next > end + 1 && rules.answeredAfter.has(tokens.slice(end + 1, next).join(' '));
}

export function isNegated(tokens: readonly string[], start: number, rules: NegationRules): boolean {
  return negatedDirectly(tokens, start, rules) || inNegatedList(tokens, start, rules);
}

/**
 * "no fall, twist or blow", "not swollen, hot or red": the token at `start` is an item of a list whose first item
 * a negator governs, and the list is closed by one of the rules' closers ("or", not "and": "no fever, swollen and
 * hot" is hot and swollen). Items are split by commas or closers.
 */
function inNegatedList(tokens: readonly string[], start: number, rules: NegationRules): boolean {
  const { closers, itemWords, items, determiners } = rules.list;
  const isJoiner = (t: string | undefined): boolean => t === BREAK || (t !== undefined && closers.has(t));
  // "no chest pain or any breathing problems": a word such as "any" opens the item.
  if (determiners.has(tokens[start - 1]) && isJoiner(tokens[start - 2])) start--;
  if (!isJoiner(tokens[start - 1])) return false;
  let closed = listClosedFrom(tokens, start, rules, isJoiner);
  let item = start;
  for (let n = 0; n < items && isJoiner(tokens[item - 1]); n++) {
    if (closers.has(tokens[item - 1])) closed = true;
    // Step over the joiner (", or" counts as one), then back to the start of the item before it.
    let end = item - 1;
    while (end > 0 && isJoiner(tokens[end - 1])) end--;
    let first = end;
    while (first > 0 && end - first < itemWords && !isJoiner(tokens[first - 1]) && !rules.negators.has(tokens[first - 1])) first--;
    if (first === end || rules.breakers.has(tokens[first])) return false;
    if (!isJoiner(tokens[first - 1])) return closed && negatedDirectly(tokens, first, rules);
    item = first;
  }
  return false;
}

/** Whether a closer ends the list after the item at `start`: "no fever, [swelling] or redness". */
function listClosedFrom(tokens: readonly string[], start: number, rules: NegationRules, isJoiner: (t: string | undefined) => boolean): boolean {
  let i = start;
  for (let n = 0; n < rules.list.items; n++) {
    let words = 0;
    while (i < tokens.length && !isJoiner(tokens[i]) && words < rules.list.itemWords) {
      i++;
      words++;
    }
    if (i >= tokens.length || !isJoiner(tokens[i])) return false;
    while (i < tokens.length && isJoiner(tokens[i])) {
      if (rules.list.closers.has(tokens[i])) return true;
      i++;
    }
  }
  return false;
}

function negatedDirectly(tokens: readonly string[], start: number, rules: NegationRules): boolean {
  for (let i = start - 1; i >= 0 && i >= start - rules.window; i--) {
    const t = tokens[i];
    if (t === BREAK || (rules.breakers.has(t) && !rules.throughAdverb.has(tokens[i - 1] ?? ''))) return false;
    if (!rules.negators.has(t)) continue;
    const next = tokens[i + 1] ?? '';
    if (rules.cancelers.has(next)) continue;
    if (t === 'no' && rules.interjections.has(next)) continue;
    return true;
  }
  return false;
}

export function findHits(set: PhraseSet, text: Normalized, rules: NegationRules): readonly Hit[] {
  let vetoes: readonly Span[] | undefined;
  let hits: Hit[] | undefined;
  for (const pattern of patternsFor(set.patterns, text)) {
    const spans = matches(pattern, text);
    if (spans.length === 0) continue;
    vetoes ??= set.except.length === 0 ? NO_SPANS : set.except.flatMap((p) => matches(p, text));
    for (const span of spans) {
      if (vetoes.some((v) => v.start < span.end && span.start < v.end)) continue;
      const negated = pattern.negatable && (isNegated(text.tokens, span.start, rules) || gapNegates(span.gaps, rules));
      (hits ??= []).push({ start: span.start, end: span.end, negated });
    }
  }
  if (!hits) return NO_HITS;
  hits.sort((a, b) => a.start - b.start);
  return hits.length > 1 ? negatedWithin(hits, text.tokens, rules) : hits;
}

/**
 * "no pain at night or at rest": a hit inside a longer one that is negated ("rest" in "pain at night or at rest") is
 * negated with it, unless a breaker comes between their starts ("no pain in bed but at rest it throbs").
 */
function negatedWithin(hits: Hit[], tokens: readonly string[], rules: NegationRules): Hit[] {
  if (!hits.some((hit) => hit.negated)) return hits;
  const negated = hits.filter((hit) => hit.negated);
  const unbroken = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (tokens[i] === BREAK || rules.breakers.has(tokens[i])) return false;
    return true;
  };
  for (const hit of hits) {
    if (hit.negated) continue;
    hit.negated = negated.some(
      (outer) => outer.start <= hit.start && hit.end <= outer.end && outer.end - outer.start > hit.end - hit.start && unbroken(outer.start, hit.start),
    );
  }
  return hits;
}

/** Whether the set has a hit that is not negated. */
export function affirms(set: PhraseSet, text: Normalized, rules: NegationRules): boolean {
  return findHits(set, text, rules).some((h) => !h.negated);
}

/** Whether the set only has negated hits ("I never fell"). */
export function denies(set: PhraseSet, text: Normalized, rules: NegationRules): boolean {
  const hits = findHits(set, text, rules);
  return hits.length > 0 && hits.every((h) => h.negated);
}

/** The longest hit that starts the message ("nope, ...", "i do not think so"), exceptions applied. */
export function matchesAtStart(set: PhraseSet, text: Normalized): Hit | null {
  let vetoes: readonly Span[] | undefined;
  let best: Hit | null = null;
  for (const pattern of patternsFor(set.patterns, text)) {
    const hit = matchAtStart(pattern, text);
    if (hit === null) continue;
    vetoes ??= set.except.flatMap((p) => matches(p, text));
    if (vetoes.some((v) => v.start < hit.end && hit.start < v.end)) continue;
    if (best === null || hit.end > best.end) best = { start: hit.start, end: hit.end, negated: false };
  }
  return best;
}

/** The literal words of a pattern, for typo correction. */
/** The stems a pattern matches words by ("crush*" -> "crush"): a word starting with one is what the lists mean. */
export function literalPrefixes(source: string): string[] {
  return source
    .replace(/^!/, '')
    .split(/[\s|[\]()]+/)
    .filter((w) => /^[a-z]+\*$/.test(w))
    .map((w) => w.slice(0, -1));
}

export function literalWords(source: string): string[] {
  return source
    .replace(/^!/, '')
    .split(/[\s|[\]()]+/)
    .filter((w) => /^[a-z]+$/.test(w));
}
