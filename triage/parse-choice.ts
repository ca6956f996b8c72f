// Answers that name an option: a button value, the option's number in an SMS list, its
// label, a yes or a no in any of its forms, or words that mean one of the options.
import { AnswerValue } from './answers';
import { readOptionNumber, type OptionNumberWords, wordsOf } from './option-number';
import { QuestionId, YesNo } from './ids';
import { CodePhrases, Language } from './language';
import { affirms, denies, findHits, matchesAtStart, PhraseSet } from './phrases';
import { ReadMode } from './parse-duration';
import { Question } from './protocol';
import { afterLeading, BREAK, clauseAt, fromTokens, normalize, Normalized, splitAtWords } from './text';

const EMPTY: PhraseSet = { patterns: [], except: [] };

function codeSet(q: Question): string[] {
  return q.options.map((o) => o.code);
}

/** A button value or typed code(s): "hot_swollen", "hot_swollen,calf_swelling", "lt1w". */
export function codesAnswer(q: Question, raw: string): AnswerValue | null {
  const text = raw.trim().toLowerCase();
  if (text.length === 0) return null;
  if (q.kind === 'number') {
    if (!/^\d+$/.test(text)) return null;
    const n = Number(text);
    return n >= (q.min ?? 0) && n <= (q.max ?? n) ? n : null;
  }
  const parts = text.split(/\s*[,;]\s*|\s+and\s+|\s+/).filter((p) => p.length > 0);
  const codes = codeSet(q);
  if (parts.length === 0 || !parts.every((p) => codes.includes(p))) return null;
  if (q.kind !== 'multi') return parts.length === 1 ? parts[0] : null;
  return [...new Set(parts)];
}

/**
 * "3", "option 3", "#3", "three", "2 no", or "1, 4" for several: the options by their place in a numbered list (not for
 * age or severity).
 */
export function optionNumberAnswer(q: Question, raw: string, words: OptionNumberWords): AnswerValue | null | 'invalid' {
  if (q.kind === 'number' || q.numberIsValue) return null;
  const one = readOptionNumber(raw, q.options.map((o) => o.label), words);
  const text = one !== undefined ? String(one) : (numbersOnly(raw, words, q.kind !== 'multi') ?? raw.trim().toLowerCase().replace(/[.!]+$/, ''));
  if (!/^\d+(\s*(,|&|and|\s)\s*\d+)*$/.test(text)) return null;
  const picks = text.split(/\s*(?:,|&|and|\s)\s*/).filter((p) => p.length > 0).map(Number);
  if (picks.some((n) => n < 1 || n > q.options.length)) return 'invalid';
  const codes = [...new Set(picks.map((n) => q.options[n - 1].code))];
  if (q.kind !== 'multi') return codes.length === 1 ? codes[0] : 'invalid';
  return codes;
}

/**
 * The option numbers a reply gives with words around them that add nothing ("No. 6", "#4, #11", "4/11", "three and five",
 * "4 and 11 👍"), as "6" or "4 11"; undefined when any other word is in it. "No" counts as "number" only before a number,
 * as "No. 6" is written: to a numbered list, reading it as the option errs on the side of the sign.
 */
function numbersOnly(raw: string, words: OptionNumberWords, single: boolean): string | undefined {
  const said = wordsOf(raw);
  let picks: number[] = [];
  for (let i = 0; i < said.length; i++) {
    const word = said[i];
    const n = /^\d{1,2}$/.test(word) ? Number(word) : words.numbers.get(word);
    // "just those two", "all three": a count of what was told, not an option's number.
    if (n !== undefined && !/^\d/.test(word) && words.counting.has(said[i - 1] ?? '')) return undefined;
    // To a question with one answer, "3 sorry 2" is 2; to the warning signs, "6 no wait 8" keeps both (the safe side).
    if (single && words.corrections.has(word) && picks.length > 0) picks = [];
    if (n !== undefined && Number.isInteger(n) && n >= 1) picks.push(n);
    else if (word === 'no' && said.slice(i + 1).some((w) => /^\d{1,2}$/.test(w))) continue;
    else if (!words.fillers.has(word) && !words.markers.includes(word)) return undefined;
  }
  return picks.length > 0 ? picks.join(' ') : undefined;
}

/**
 * Option numbers that open a reply followed by words ("2, and 6 - getting short of breath too"): the codes they pick
 * and the words after them; undefined when the reply does not open with a number, or is numbers only.
 */
export function openingOptionNumbers(q: Question, raw: string, words: OptionNumberWords): { codes: string[]; rest: string } | undefined {
  const parts = raw.split(/([^\p{L}\p{N}]+)/u);
  let end = 0;
  let numbers = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i].toLowerCase();
    if (word.length === 0) continue;
    const n = /^\d{1,2}$/.test(word) ? Number(word) : undefined;
    if (n !== undefined) numbers++;
    else if (!words.fillers.has(word) && !words.markers.includes(word)) break;
    end = i + 1;
  }
  const rest = parts.slice(end).join('').replace(/^[^\p{L}\p{N}]+/u, '');
  if (numbers === 0 || rest.trim().length === 0) return undefined;
  const picks = numbersOnly(parts.slice(0, end).join(' '), words, false);
  const codes = picks === undefined ? undefined : codesAnswer(q, picks.split(' ').map((n) => q.options[Number(n) - 1]?.code ?? 'x').join(','));
  if (typeof codes === 'string') return { codes: [codes], rest };
  return Array.isArray(codes) ? { codes, rest } : undefined;
}

/** The option whose label the message repeats ("Less than a week"). */
export function labelAnswer(q: Question, text: Normalized, lang: Language): AnswerValue | null {
  const said = text.tokens.filter((t) => t !== ',').join(' ');
  for (const o of q.options) {
    const label = normalize(o.label, lang.lexicon).tokens.filter((t) => t !== ',').join(' ');
    if (label === said) return q.kind === 'multi' ? [o.code] : o.code;
  }
  return null;
}

function phrasesFor(lang: Language, id: QuestionId, code: string): CodePhrases | null {
  return lang.codes.get(id)?.get(code) ?? null;
}

/** Codes of a question that the text affirms, in option order. */
export function affirmedCodes(lang: Language, q: Question, text: Normalized, mode: ReadMode): string[] {
  return codeSet(q).filter((code) => {
    const p = phrasesFor(lang, q.id, code);
    return p !== null && affirms(mode === 'answer' ? p.answer : p.mention, text, lang.negation);
  });
}

const CLAUSE_JOINS = new Set([',', 'and', 'or', 'but', 'well', 'actually']);

function startWord(lang: Language, text: Normalized): { word: YesNo; end: number } | null {
  const yes = matchesAtStart(lang.yes, text);
  const no = matchesAtStart(lang.no, text);
  if (yes && no && yes.end === no.end) return null;
  if (yes && (!no || yes.end > no.end)) return { word: 'yes', end: yes.end };
  return no ? { word: 'no', end: no.end } : null;
}

/** A yes and a bare opposite after it ("yes... well, no"): `after` is what follows the opposite. */
interface BothWords {
  both: true;
  later: YesNo;
  after: Normalized;
}

/**
 * A yes or no that opens the reply; the longer reading wins ("i did not" over "i did").
 * A bare opposite later on ("yes and no", "yeah... well no") makes it both.
 */
function openingWord(lang: Language, text: Normalized): YesNo | null | BothWords {
  const first = startWord(lang, text);
  if (!first) return null;
  for (let k = first.end; k < text.tokens.length; k++) {
    if (!CLAUSE_JOINS.has(text.tokens[k - 1] ?? '')) continue;
    const rest = text.tokens.slice(k);
    const later = startWord(lang, fromTokens(rest));
    const bare = later !== null && (later.end === rest.length || rest[later.end] === ',');
    if (bare && later.word !== first.word) {
      const after = rest.slice(later.end);
      return { both: true, later: later.word, after: fromTokens(after) };
    }
  }
  return first.word;
}

function onlyOne(found: ReadonlySet<YesNo>): YesNo | null {
  return found.size === 1 ? [...found][0] : null;
}

/**
 * An opening "no" followed at once by a warning sign ("no fever", "no swelling") that the question's own phrases do not
 * name: it denies that sign.
 */
function deniesAnotherSign(lang: Language, q: Question, text: Normalized): boolean {
  const no = matchesAtStart(lang.no, text);
  if (!no || no.end >= text.tokens.length || text.tokens[no.end] === ',' || text.tokens[no.end] === BREAK) return false;
  if (phrasesSay(lang, q, text, 'answer').size > 0) return false;
  const rest = text.tokens.slice(no.end);
  const after: Normalized = fromTokens(rest);
  const signs = lang.codes.get('red_flags');
  const named = [...(signs?.values() ?? []), ...Object.values(lang.cues)].some((p) => findHits(p.mention, after, lang.negation).some((h) => h.start === 0));
  return named;
}

/** Whether one of the question's own `code` phrases opens the reply ("not a problem" to "can you walk?" is a yes). */
function ownPhraseAtStart(lang: Language, q: Question, text: Normalized, code: YesNo): boolean {
  const p = phrasesFor(lang, q.id, code);
  return p !== null && findHits(p.answer, text, lang.negation).some((h) => h.start === 0 && !h.negated);
}

/** The question's own exceptions for a code take back the opening words ("I can if I hold the wall" to "can you walk?"). */
function ownExceptAtStart(lang: Language, q: Question, text: Normalized, code: YesNo): boolean {
  const p = phrasesFor(lang, q.id, code);
  return p !== null && findHits({ patterns: p.answer.except, except: [] }, text, lang.negation).some((h) => h.start === 0 && !h.negated);
}

/** What the question's own phrases (not an opening yes or no) say: none, one, or both. */
function phrasesSay(lang: Language, q: Question, text: Normalized, mode: ReadMode): Set<YesNo> {
  const pick = (p: CodePhrases | null): PhraseSet => (p === null ? EMPTY : mode === 'answer' ? p.answer : p.mention);
  const yes = pick(phrasesFor(lang, q.id, 'yes'));
  const found = new Set<YesNo>();
  if (affirms(yes, text, lang.negation)) found.add('yes');
  if (affirms(pick(phrasesFor(lang, q.id, 'no')), text, lang.negation) || denies(yes, text, lang.negation)) found.add('no');
  return found;
}

/** Whether some "yes" phrase sits in a clause that tells of no other time, person or body part. */
function yesHereAndNow(lang: Language, q: Question, text: Normalized, mode: ReadMode, longAgoAside = true): boolean {
  const yes = phrasesFor(lang, q.id, 'yes');
  if (yes === null) return false;
  const aside = (clause: Normalized): boolean =>
    (longAgoAside && affirms(lang.longAgoMarkers, clause, lang.negation)) || affirms(lang.elsewhere, clause, lang.negation);
  // The clause of the yes, or the one after it ("I did break my leg in 1985, the other leg").
  const asideAt = (at: number): boolean => {
    const clause = clauseAt(text, at);
    const next = text.tokens.indexOf(BREAK, at);
    return aside(clause) || (next >= 0 && next + 1 < text.tokens.length && aside(clauseAt(text, next + 1)));
  };
  return findHits(mode === 'answer' ? yes.answer : yes.mention, text, lang.negation).some((h) => !h.negated && !asideAt(h.start));
}

/**
 * "No injury, but I did twist it stepping off a curb": to a question where doubt leans to yes (an injury, quick
 * swelling), a yes told here and now after a "but" outweighs the no before it.
 */
function yesAfterBut(lang: Language, q: Question, text: Normalized): boolean {
  if (!lang.hedgeMeansYes.includes(q.id)) return false;
  const but = text.tokens.findIndex((t) => t === 'but' || t === 'though' || t === 'although');
  if (but < 0) return false;
  const rest = text.tokens.slice(but + 1);
  const after: Normalized = fromTokens(rest);
  return yesHereAndNow(lang, q, after, 'mention') && !affirms(lang.unsure, after, lang.negation);
}

/**
 * Yes or no. Conflicting or hesitant answers ("not sure", "yes... well no") are not
 * guessed: they return null so the question is asked again.
 */
/** "k, um no", "okay, no": the reply without words before it that only lead in (kept when nothing else is said: "okay"). */
function afterLeadIns(lang: Language, text: Normalized): Normalized {
  const rest = afterLeading(text, lang.leadIns);
  return rest.tokens.length === 0 ? text : rest;
}

export function readYesNo(lang: Language, q: Question, said: Normalized, mode: ReadMode): YesNo | null {
  if (said.tokens.length === 0) return null;
  const text = mode === 'answer' ? afterLeadIns(lang, said) : said;
  const read = mode === 'answer' ? openingWord(lang, text) : null;
  // "yes and no", "yeah... well no" are asked again, unless what follows the second word bears it out:
  // "Yes... well, no, actually. I didn't fall or twist anything."
  if (read !== null && typeof read === 'object') {
    return read.after.tokens.some((t) => t !== ',') && !affirms(lang.unsure, text, lang.negation) && onlyOne(phrasesSay(lang, q, read.after, mode)) === read.later ? read.later : null;
  }
  // "No chest pain, not short of breath" to "can you take four steps?": the no denies another sign, it does not answer.
  // "I can if I hold the wall": an opening yes the question's own exceptions take back is no yes.
  const opening =
    (read === 'no' && mode === 'answer' && (deniesAnotherSign(lang, q, text) || ownPhraseAtStart(lang, q, text, 'yes'))) ||
    (read === 'yes' && mode === 'answer' && ownExceptAtStart(lang, q, text, 'yes'))
      ? null
      : read;
  // "I think so" is a yes only where a hedge counts as one (injury, swelling); to "can you walk on it" it is asked again.
  if (opening === 'yes' && mode === 'answer' && !lang.hedgeMeansYes.includes(q.id) && matchesAtStart(lang.hedge, text) !== null) return null;
  // "Not sure" is never guessed; a "maybe" after a clear "no," ("no, maybe a little later") is.
  if (mode === 'answer' && (affirms(lang.unsure, text, lang.negation) || (opening === null && affirms(lang.doubt, text, lang.negation)))) return null;
  const found = phrasesSay(lang, q, text, mode);
  // "No. I did sprain it in university, but that was 20 years ago", "nope... my sister tore her meniscus": after a
  // plain no to a safety question, a yes told of long ago, of someone else or of another part of the body is not this
  // knee's. (To "have you had this before?", a time long ago is the point.)
  if (q.safety && opening === 'no' && found.has('yes') && !yesHereAndNow(lang, q, text, mode)) found.delete('yes');
  // "No, first time for this knee. I had a hamstring strain years ago": to other questions, long ago may be the point, but
  // someone else's or another body part's is still not this knee's.
  if (!q.safety && opening === 'no' && found.has('yes') && !yesHereAndNow(lang, q, text, mode, false)) found.delete('yes');
  if (opening !== null) found.add(opening);
  if (found.size > 1 && mode === 'answer' && yesAfterBut(lang, q, text)) return 'yes';
  if (found.size === 1) return [...found][0];
  if (found.size > 1 || mode === 'mention') return null;
  const yes = phrasesFor(lang, q.id, 'yes');
  const no = phrasesFor(lang, q.id, 'no');
  const weakYes = yes ? findHits(yes.weak, text, lang.negation) : [];
  const weakNo = no ? findHits(no.weak, text, lang.negation) : [];
  const weak = new Set<YesNo>();
  if (weakYes.some((h) => !h.negated)) weak.add('yes');
  if (weakNo.some((h) => !h.negated) || (weakYes.length > 0 && weakYes.every((h) => h.negated))) weak.add('no');
  if (weak.size === 1) return [...weak][0];
  if (weak.size === 0 && lang.hedgeMeansYes.includes(q.id) && matchesAtStart(lang.hedge, text)) return 'yes';
  return null;
}

/**
 * One option of a single-choice question; several named ones are settled by the protocol's tie-break order.
 * An option's weak words count only when no option is named plainly ("good, no more pain" is gone, "good" alone better).
 */
export function readSingle(lang: Language, q: Question, text: Normalized, mode: ReadMode): string | null {
  const later = laterPart(lang, q, text);
  if (later !== null) {
    const told = namedSingle(lang, q, later, mode);
    if (told !== null) return told;
  }
  return namedSingle(lang, q, text, mode);
}

/**
 * "It was getting worse, but now it's easing off": for a question a two-part story answers by its later part, the words
 * after the last contrast word when the words before it tell the past; null when the text is no such story.
 */
function laterPart(lang: Language, q: Question, text: Normalized): Normalized | null {
  if (!lang.laterWins.questions.includes(q.id)) return null;
  const parts = splitAtWords(text, lang.contrast);
  if (parts.length < 2) return null;
  const before = fromTokens(parts.slice(0, -1).flatMap((part) => part.tokens));
  return affirms(lang.laterWins.past, before, lang.negation) ? parts[parts.length - 1] : null;
}

function namedSingle(lang: Language, q: Question, text: Normalized, mode: ReadMode): string | null {
  let codes = affirmedCodes(lang, q, text, mode);
  if (codes.length === 0 && mode === 'answer') {
    codes = codeSet(q).filter((code) => {
      const weak = phrasesFor(lang, q.id, code)?.weak;
      return weak !== undefined && affirms(weak, text, lang.negation);
    });
  }
  if (codes.length === 1) return codes[0];
  if (codes.length === 0) return null;
  return q.tieBreak.find((c) => codes.includes(c)) ?? null;
}

/** Several options ("stairs and running"), "everything", or "nothing really" -> none. */
export function readMulti(lang: Language, q: Question, text: Normalized, mode: ReadMode): string[] | null {
  const codes = affirmedCodes(lang, q, text, mode).filter((c) => c !== 'none');
  if (codes.length > 0) return codes;
  if (mode === 'mention') return null;
  const all = lang.everything.get(q.id);
  if (all && affirms(all, text, lang.negation)) return codeSet(q).filter((c) => c !== 'none');
  const none = phrasesFor(lang, q.id, 'none');
  if (none && !affirms(lang.unsure, text, lang.negation) && affirms(none.answer, text, lang.negation)) return ['none'];
  return null;
}
