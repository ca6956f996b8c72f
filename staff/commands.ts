// Staff commands read from a message or a card button: a pure function over the desk's words.
import type { StaffMessages } from '../knowledge/booking-messages';
import { normaliseText } from '../matcher/normalise';
import { findReference, withoutReference } from '../dialogs/booking-reference';

export type StaffCommand =
  /** `from`: where in the list the page starts (the "Show the next 10" button's). */
  | { kind: 'list'; from?: number }
  | { kind: 'help' }
  | { kind: 'show' | 'contacted' | 'close'; reference: string }
  | { kind: 'useHere' }
  | { kind: 'stopHere' };

type Words = Pick<StaffMessages, 'listWords' | 'showWords' | 'contactedWords' | 'closeWords' | 'useHereWords' | 'stopHereWords' | 'fillerWords' | 'helpWords'>;

/** The value a card button or a suggested action carries for a command. */
export function staffCommandValue(kind: 'list', from?: number): string;
export function staffCommandValue(kind: 'show' | 'contacted' | 'close', reference: string): string;
export function staffCommandValue(kind: StaffCommand['kind'], detail?: string | number): string {
  return detail !== undefined && detail !== 0 ? `staff:${kind}:${detail}` : `staff:${kind}`;
}

/** The command a staff message or button means, or undefined for anything else (a question for the FAQ). */
export function parseStaffCommand(text: string, value: string | undefined, words: Words): StaffCommand | undefined {
  const coded = fromValue(value) ?? fromValue(text.trim());
  if (coded) return coded;
  const reference = findReference(text);
  // "mark KN-7F3Q as contacted", "open requests please": the command's words, with the words around them set aside.
  const fillers = new Set(words.fillerWords.map(normaliseText));
  const bare = (said: string) => said.split(' ').filter((w) => w !== '' && !fillers.has(w)).join(' ');
  const has = (list: string[], said: string) =>
    list.some((phrase) => normaliseText(phrase) === said || (bare(said) !== '' && bare(normaliseText(phrase)) === bare(said)));
  if (reference) {
    const rest = normaliseText(withoutReference(text));
    if (bare(rest) === '' || has(words.showWords, rest)) return { kind: 'show', reference };
    if (has(words.contactedWords, rest)) return { kind: 'contacted', reference };
    if (has(words.closeWords, rest)) return { kind: 'close', reference };
    return undefined;
  }
  const said = normaliseText(text);
  if (has(words.listWords, said)) return { kind: 'list' };
  if (has(words.useHereWords, said)) return { kind: 'useHere' };
  if (has(words.stopHereWords, said)) return { kind: 'stopHere' };
  if (words.helpWords.some((phrase) => normaliseText(phrase) === said)) return { kind: 'help' };
  return undefined;
}

function fromValue(value: string | undefined): StaffCommand | undefined {
  const match = value ? /^staff:(list|show|contacted|close)(?::(.+))?$/.exec(value) : null;
  if (!match) return undefined;
  if (match[1] === 'list') return match[2] && /^\d{1,6}$/.test(match[2]) ? { kind: 'list', from: Number(match[2]) } : { kind: 'list' };
  const reference = match[2] ? findReference(match[2]) : undefined;
  if (!reference) return undefined;
  return match[1] === 'show' ? { kind: 'show', reference } : match[1] === 'contacted' ? { kind: 'contacted', reference } : { kind: 'close', reference };
}
