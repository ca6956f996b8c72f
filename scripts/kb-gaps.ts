import { config as loadDotenv } from 'dotenv';
import { loadConfig } from '../config/config';
import { findProjectRoot } from '../config/paths';
import { normaliseText } from '../matcher/normalise';
import { openDatabase, type UnansweredQuestion } from '../storage';

export interface Gap {
  example: string;
  count: number;
  /** How many got only "did you mean". */
  suggested: number;
}

/** Groups unanswered questions that read the same once case, punctuation and accents are set aside. */
export function groupGaps(questions: readonly UnansweredQuestion[]): Gap[] {
  const groups = new Map<string, Gap>();
  for (const q of questions) {
    const key = normaliseText(q.text);
    if (!key) continue;
    const gap = groups.get(key) ?? { example: q.text, count: 0, suggested: 0 };
    gap.count += 1;
    if (q.band === 'suggest') gap.suggested += 1;
    groups.set(key, gap);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.example.localeCompare(b.example));
}

async function main(): Promise<void> {
  const root = findProjectRoot();
  loadDotenv({ path: `${root}/.env`, quiet: true });
  const config = loadConfig(process.env, root);
  const days = Number(process.argv[2] ?? 30);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const since = new Date(Date.now() - days * 86_400_000);
    const gaps = groupGaps(await database.unanswered.since(since));
    console.log(`Questions the knowledge base could not answer in the last ${days} days (${database.engine}):`);
    for (const gap of gaps.slice(0, 100)) console.log(`${String(gap.count).padStart(5)}  ${gap.example}${gap.suggested ? `  (did-you-mean ${gap.suggested})` : ''}`);
    if (!gaps.length) console.log('  none');
  } finally {
    await database.close();
  }
}

if (require.main === module) void main();
