// A second reading of crisis talk, beside the phrase lists: a linear model over a message's words and word pairs,
// trained by scripts/crisis-train.ts on the crisis messages and the everyday messages in tests/data.
// The phrase lists catch the wordings written into them; the model catches wordings they were never given
// ("I've finished the letters for my parents"), as the held-out set in tests/data/crisis-heldout.json measures.
import { JsonChecker, type Json } from './json-check';
import { BREAK, type Normalized } from './text';

export interface CrisisModel {
  /** What the model was trained on, and when: for the people who keep it. */
  about: string;
  /** Words that make no feature on their own (they still make pairs with a word beside them). */
  stopWords: ReadonlySet<string>;
  bias: number;
  /** Weight per feature: "u:word" for a word, "b:word word" for two words in a row. */
  weights: ReadonlyMap<string, number>;
  /** A message scoring this or more (0..1) is read as crisis talk. */
  threshold: number;
}

/** The words and word pairs of a normalised message, each once; a clause break ends a pair. */
export function crisisFeatures(text: Normalized, stopWords: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const tokens = text.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i];
    if (word === BREAK) continue;
    if (!stopWords.has(word)) out.add(`u:${word}`);
    const before = tokens[i - 1];
    if (before !== undefined && before !== BREAK && !(stopWords.has(word) && stopWords.has(before))) out.add(`b:${before} ${word}`);
  }
  return [...out];
}

/** The model's likelihood (0..1) that the message is crisis talk. */
export function crisisScore(model: CrisisModel, text: Normalized): number {
  let z = model.bias;
  for (const feature of crisisFeatures(text, model.stopWords)) z += model.weights.get(feature) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

export function crisisLikely(model: CrisisModel, text: Normalized): boolean {
  return crisisScore(model, text) >= model.threshold;
}

/** Validates the model file; `file` names it in error messages. */
export function parseCrisisModel(raw: Json, file: string): CrisisModel {
  const c = new JsonChecker(file);
  const root = c.object(raw, '(root)');
  c.onlyKeys(root, '(root)', ['about', 'stopWords', 'bias', 'threshold', 'weights']);
  const threshold = c.number(root.threshold, 'threshold');
  if (!(threshold > 0 && threshold < 1)) c.fail('threshold', 'must be between 0 and 1');
  const weightsRaw = c.object(root.weights, 'weights');
  const weights = new Map<string, number>();
  for (const [feature, value] of Object.entries(weightsRaw)) {
    if (!/^(u:[^ ]+|b:[^ ]+ [^ ]+)$/.test(feature)) c.fail(`weights.${feature}`, 'a feature is "u:word" or "b:word word"');
    weights.set(feature, c.number(value, `weights.${feature}`));
  }
  if (weights.size === 0) c.fail('weights', 'no features');
  return {
    about: c.string(root.about, 'about'),
    stopWords: new Set(c.strings(root.stopWords, 'stopWords')),
    bias: c.number(root.bias, 'bias'),
    weights,
    threshold,
  };
}
