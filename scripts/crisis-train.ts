// Trains the crisis model (knowledge/crisis-model.json) from the messages in tests/data:
//   npm run safety:train
// Crisis talk is tests/data/safety-messages.json's "crisis" list; everything else there and in the other
// files of tests/data is everyday talk, except tests/data/crisis-heldout.json, kept apart to measure the model.
// The same data gives the same file, byte for byte (a test checks the committed file against the data).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { crisisFeatures } from '../triage/crisis-model';
import { JsonChecker, parseJsonFile } from '../triage/json-check';
import { parseLanguage, parseRealWords } from '../triage/language';
import { normalize } from '../triage/text';

/** Kept out of training: the measure of how the model does on wording it has not seen. */
export const HELD_OUT_FILE = 'crisis-heldout.json';

/** The training settings and the threshold, from knowledge/crisis-training.json. */
interface TrainingSettings {
  threshold: number;
  l2: number;
  crisisWeight: number;
  minCount: number;
  epochs: number;
  rate: number;
  seed: number;
  /** Words too common to mean anything alone; they still pair with the word beside them ("want to", "not here"). */
  stopWords: string[];
}

export function trainingSettings(root: string): TrainingSettings {
  const file = 'crisis-training.json';
  const c = new JsonChecker(file);
  const raw = c.object(parseJsonFile(readFileSync(path.join(root, 'knowledge', file), 'utf8'), file), '(root)');
  c.onlyKeys(raw, '(root)', ['about', 'threshold', 'l2', 'crisisWeight', 'minCount', 'epochs', 'rate', 'seed', 'stopWords']);
  const threshold = c.number(raw.threshold, 'threshold');
  if (!(threshold > 0 && threshold < 1)) c.fail('threshold', 'must be between 0 and 1');
  return {
    threshold,
    l2: c.number(raw.l2, 'l2'),
    crisisWeight: c.number(raw.crisisWeight, 'crisisWeight'),
    minCount: c.integer(raw.minCount, 'minCount'),
    epochs: c.integer(raw.epochs, 'epochs'),
    rate: c.number(raw.rate, 'rate'),
    seed: c.integer(raw.seed, 'seed'),
    stopWords: c.strings(raw.stopWords, 'stopWords'),
  };
}

/** Keys whose strings are labels, not messages. */
const NOT_MESSAGES = new Set(['about', 'name', 'id', 'expect']);

function messagesIn(value: unknown, out: Set<string>, skipKey: (key: string) => boolean): void {
  if (typeof value === 'string') {
    if (value.trim().length > 3) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) messagesIn(item, out, skipKey);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) if (!NOT_MESSAGES.has(key) && !skipKey(key)) messagesIn(item, out, skipKey);
  }
}

export interface TrainingData {
  crisis: string[];
  everyday: string[];
}

export function trainingData(root: string): TrainingData {
  const dir = path.join(root, 'tests', 'data');
  const safety = JSON.parse(readFileSync(path.join(dir, 'safety-messages.json'), 'utf8')) as { crisis: string[] };
  const crisis = [...new Set(safety.crisis)].sort();
  const everyday = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== HELD_OUT_FILE).sort()) {
    messagesIn(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), everyday, (key) => key === 'crisis');
  }
  for (const text of crisis) everyday.delete(text);
  // A held-out message written again in another file ("How many ibuprofen can I take in a day?") stays held out.
  const heldOut = new Set<string>();
  messagesIn(JSON.parse(readFileSync(path.join(dir, HELD_OUT_FILE), 'utf8')), heldOut, () => false);
  return { crisis: crisis.filter((text) => !heldOut.has(text)), everyday: [...everyday].filter((text) => !heldOut.has(text)).sort() };
}

/** A fixed-seed generator, so training is the same on every machine. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Logistic regression by stochastic gradient descent, crisis messages weighted up (they are few). */
export function trainCrisisModel(root: string): Record<string, unknown> {
  const read = (file: string) => JSON.parse(readFileSync(path.join(root, 'knowledge', file), 'utf8')) as unknown;
  // Read as the bot reads messages: with the English words the typo fix leaves alone (scripts/real-words.ts runs first).
  const lexicon = parseLanguage(read('triage-phrases.json'), 'triage-phrases.json', parseRealWords(read('real-words.json'), 'real-words.json')).lexicon;
  const settings = trainingSettings(root);
  const stopWords = new Set(settings.stopWords);
  const { crisis, everyday } = trainingData(root);
  const examples = [
    ...crisis.map((text) => ({ features: crisisFeatures(normalize(text, lexicon), stopWords), crisis: true })),
    ...everyday.map((text) => ({ features: crisisFeatures(normalize(text, lexicon), stopWords), crisis: false })),
  ];
  // A feature seen once is more likely the accident of one message than a sign.
  const seen = new Map<string, number>();
  for (const e of examples) for (const f of e.features) seen.set(f, (seen.get(f) ?? 0) + 1);
  const weights = new Map<string, number>();
  let bias = -3;
  const random = seeded(settings.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const { features, crisis: label } = examples[index];
      let z = bias;
      for (const f of features) z += weights.get(f) ?? 0;
      const gradient = (1 / (1 + Math.exp(-z)) - (label ? 1 : 0)) * (label ? settings.crisisWeight : 1);
      bias -= settings.rate * gradient * 0.05;
      for (const f of features) {
        if ((seen.get(f) ?? 0) < settings.minCount) continue;
        const w = weights.get(f) ?? 0;
        weights.set(f, w - settings.rate * (gradient + settings.l2 * w));
      }
    }
  }
  const kept = [...weights].map(([f, w]) => [f, Math.round(w * 10_000) / 10_000] as const).filter(([, w]) => Math.abs(w) >= 0.01);
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    about:
      `Trained by scripts/crisis-train.ts (npm run safety:train) on ${crisis.length} crisis messages and ${everyday.length} everyday ` +
      `messages from tests/data, without tests/data/${HELD_OUT_FILE}. Do not edit by hand: add messages to the data and train again.`,
    stopWords: settings.stopWords,
    bias: Math.round(bias * 10_000) / 10_000,
    threshold: settings.threshold,
    weights: Object.fromEntries(kept),
  };
}

export function modelText(model: Record<string, unknown>): string {
  return `${JSON.stringify(model, null, 1)}\n`;
}

if (require.main === module) {
  const root = findProjectRoot();
  const model = trainCrisisModel(root);
  const file = path.join(root, 'knowledge', 'crisis-model.json');
  writeFileSync(file, modelText(model));
  console.log(`${file}: ${Object.keys(model.weights as object).length} features. ${String(model.about)}`);
}
