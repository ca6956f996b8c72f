import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../../config/paths';

/** Adds every string of a JSON value to `out`, object keys too. */
export function stringsIn(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      stringsIn(v, out);
    }
  }
}

/** Every string (keys too) of the JSON files in knowledge/ and tests/data/: the knowledge base, the lexicons, every question set and vignette. */
export function repositoryPhrases(root: string = findProjectRoot()): string[] {
  const out = new Set<string>();
  for (const dir of ['knowledge', 'tests/data']) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json')).sort()) {
      stringsIn(JSON.parse(fs.readFileSync(path.join(root, dir, file), 'utf8')), out);
    }
  }
  return [...out];
}
