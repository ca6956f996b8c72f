import type { KnowledgeBase } from '../knowledge/topics';
import type { Lexicon } from '../knowledge/lexicon';
import type { LanguageEntry, Languages } from '../knowledge/languages';

/** A message written in another language; `language` is unset when its script is one no entry names. */
export interface ForeignText {
  language?: LanguageEntry;
}

export type LanguageReader = (text: string) => ForeignText | undefined;

/** The most of a message read for its language: enough to tell, and a bound on the work. */
const READ_CHARS = 2000;
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Tells a message written in another language from an English one, for an honest "I can only answer in English"
 * in place of "I can't answer that". Another script than Latin tells by its letters; Latin-script languages by
 * their common words, counting only words that are not also English ones, and only when they are at least half of
 * the message: "me duele la rodilla" is Spanish, "my knee is mal aligned, que sera" is not.
 */
export function createLanguageReader(languages: Languages, englishWords: Iterable<string>): LanguageReader {
  const english = new Set([...englishWords, ...languages.english]);
  const byWord = new Map<string, LanguageEntry[]>();
  for (const entry of languages.languages) {
    for (const word of entry.words) {
      if (english.has(word)) continue;
      const entries = byWord.get(word) ?? [];
      if (!entries.includes(entry)) entries.push(entry);
      byWord.set(word, entries);
    }
  }
  const scripted = languages.languages
    .filter((entry) => entry.scripts.length > 0)
    .map((entry) => ({ entry, script: new RegExp(entry.scripts.map((s) => `\\p{Script=${s}}`).join('|'), 'u'), letters: [...entry.letters] }));

  return (raw) => {
    const text = raw.slice(0, READ_CHARS);
    let latin = 0;
    let other = 0;
    for (const ch of text) {
      if (!LETTER.test(ch)) continue;
      if (LATIN.test(ch)) latin++;
      else other++;
    }
    if (other >= 2 && other >= latin) {
      const found = scripted.find(({ script, letters }) => script.test(text) && (letters.length === 0 || letters.some((l) => text.includes(l))));
      return { language: found?.entry };
    }
    const tokens = wordsOf(text);
    const counts = new Map<LanguageEntry, number>();
    for (const token of tokens) {
      if (english.has(token)) continue;
      for (const entry of byWord.get(token) ?? []) counts.set(entry, (counts.get(entry) ?? 0) + 1);
    }
    let best: LanguageEntry | undefined;
    let most = 0;
    // In the file's order, so a tie goes to the language listed first.
    for (const entry of languages.languages) {
      const count = counts.get(entry) ?? 0;
      if (count > most) [best, most] = [entry, count];
    }
    if (!best) return undefined;
    const enough = (most >= 2 && most * 2 >= tokens.length) || (tokens.length === 1 && tokens[0].length >= 4);
    return enough ? { language: best } : undefined;
  };
}

/** Lower-case words, apostrophes kept inside them ("j'ai", "qu'est-ce" as "qu'est" and "ce"). */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .split(/[^\p{L}\p{M}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

/** The English words the bot knows: the lexicon's and the knowledge base's own. None of them is ever read as another language's. */
export function englishWordsOf(kb: KnowledgeBase, lexicon: Lexicon): Set<string> {
  const words = new Set([...lexicon.stopWords, ...lexicon.fillers, ...lexicon.knownWords, ...lexicon.domainWords].flatMap(wordsOf));
  for (const topic of kb.topics) {
    for (const text of [topic.title, topic.answer, topic.detail ?? '', ...topic.questions]) for (const word of wordsOf(text)) words.add(word);
  }
  for (const shortcut of Object.keys(lexicon.shortcuts)) for (const word of wordsOf(shortcut)) words.add(word);
  return words;
}
