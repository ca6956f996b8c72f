/** The words people put around an option's number when they answer a numbered SMS list; they come from the knowledge files. */
export interface OptionNumberWords {
  /** Number words and what they stand for ("two": 2), as triage-phrases.json's `numbers`. */
  numbers: ReadonlyMap<string, number>;
  /** Words that may come before the number ("option 2", "number 2"). */
  markers: readonly string[];
  /** Words before a number written as a word that make it a count of what was told ("just those two", "all three"), no option. */
  counting: ReadonlySet<string>;
  /** Words around option numbers that add nothing ("No. 6", "only 11", "none except 11"). */
  fillers: ReadonlySet<string>;
  /** To a question with one answer, a number after one of these replaces the one before ("3 sorry 2"). */
  corrections: ReadonlySet<string>;
  /** After the outcome, one of these with numbers adds them to the list answered last ("oh and 11"). */
  adding: ReadonlySet<string>;
  /** Words that may stand beside "adding" words and numbers ("I meant number 9 as well"). */
  addingFillers: ReadonlySet<string>;
}

/** Lower-case words with the punctuation around them gone: "#2 - No, I can't" is 2, no, i, cant. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function startsWith(words: readonly string[], start: readonly string[]): boolean {
  return start.length > 0 && start.length <= words.length && start.every((w, i) => words[i] === w);
}

/**
 * The 1-based option a reply to a numbered list picks: "2", "2.", "#2", "option 2", "number two", "two", or the number
 * and the start of that option's own label ("2 no", "2 - No, I can't"). The number may be past the end of the list:
 * the caller decides what that means. Anything more ("3 and 5", "2 but my calf is swollen"), or a number whose option
 * says otherwise ("1 no" when 1 is "Yes"), is not an option number: it is left to the readers of the words.
 * Only for lists that were numbered: to "How old are you?", "two" is an age.
 */
export function readOptionNumber(text: string, labels: readonly string[], words: OptionNumberWords): number | undefined {
  const said = wordsOf(text);
  let at = 0;
  while (at < said.length - 1 && words.markers.includes(said[at])) at++;
  const word = said[at];
  if (word === undefined) return undefined;
  const n = /^\d{1,2}$/.test(word) ? Number(word) : words.numbers.get(word);
  if (n === undefined || !Number.isInteger(n) || n < 1) return undefined;
  const labelWords = labels.map(wordsOf);
  // A label that starts with a number ("1 to 2 weeks") is that option, not option 1.
  const exact = labelWords.findIndex((label) => label.length === said.length && startsWith(said, label));
  if (exact >= 0) return exact + 1;
  const rest = said.slice(at + 1);
  if (rest.length === 0) return n;
  const label = labelWords[n - 1];
  return label !== undefined && startsWith(label, rest) ? n : undefined;
}
