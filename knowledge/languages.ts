import { Checker, loadJsonContent } from './validate';

/**
 * Languages the bot recognises but does not speak: a message in one of them gets that language's line (it can only
 * answer in English; in an emergency, call 911) before the English one.
 */
export interface LanguageEntry {
  name: string;
  reply: string;
  /** Common words of a language written in Latin letters ("rodilla", "duele"), lower case. */
  words: string[];
  /** Unicode scripts a language is written in ("Han", "Cyrillic"). */
  scripts: string[];
  /** Letters that tell this language from another written in the same script; without any, the entry is the script's last resort. */
  letters: string;
}

export interface Languages {
  /** Short English and texting words that are also words of another language ("yo", "mi" for miles): never counted as foreign. */
  english: string[];
  /** In order: for a script shared by several, entries with `letters` come before the one without. */
  languages: LanguageEntry[];
}

export function parseLanguages(raw: unknown, file: string): Languages {
  const check = new Checker(file);
  const root = check.record(raw, 'root');
  const languages = check.list(root.languages, 'languages').map((value, i): LanguageEntry => {
    const where = `languages[${i}]`;
    const entry = check.record(value, where);
    const name = check.string(entry.name, `${where}.name`);
    const at = `languages[${i}] (${name})`;
    const words = check.strings(entry.words, `${at}.words`, { optional: true });
    const scripts = check.strings(entry.scripts, `${at}.scripts`, { optional: true });
    if (words.length === 0 && scripts.length === 0) check.fail(at, 'needs words or scripts to be recognised by');
    for (const [j, script] of scripts.entries()) {
      try {
        new RegExp(`\\p{Script=${script}}`, 'u');
      } catch {
        check.fail(`${at}.scripts[${j}]`, `"${script}" is not a Unicode script name`);
      }
    }
    const letters = check.string(entry.letters, `${at}.letters`, { optional: true });
    if (letters && scripts.length === 0) check.fail(`${at}.letters`, 'only tells apart languages with scripts');
    return { name, reply: check.string(entry.reply, `${at}.reply`, { max: 200 }), words: words.map((w) => w.toLowerCase()), scripts, letters };
  });
  // An entry without letters takes every message in its script: one listed before another of the same script would hide it.
  for (const [i, entry] of languages.entries()) {
    if (entry.letters) continue;
    const hidden = languages.slice(i + 1).find((later) => later.scripts.some((s) => entry.scripts.includes(s)));
    if (hidden) check.fail(`languages[${i}] (${entry.name})`, `has no letters and comes before ${hidden.name}, which shares its script: put it last of them`);
  }
  return {
    english: check.strings(root.english, 'english', { optional: true }).map((w) => w.toLowerCase()),
    languages,
  };
}

export function loadLanguages(knowledgeDir: string): Languages {
  return loadJsonContent(knowledgeDir, 'languages.json', parseLanguages);
}
