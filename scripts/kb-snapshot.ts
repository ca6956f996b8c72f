import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { loadKnowledgeBase } from '../knowledge/topics';
import { loadLexicon } from '../knowledge/lexicon';
import { analyseKnowledge } from '../matcher/scorer';
import { SNAPSHOT_FILE, snapshotKey, writeSnapshot } from '../matcher/snapshot';
import { ContentError } from '../knowledge/validate';

/**
 * Part of `npm run build`: analyses the knowledge base once, so the bot starts without doing it.
 * The bot checks the snapshot was made from the knowledge base, lexicon and code it runs with,
 * and analyses afresh when not (after an edit without a build, or with another KNOWLEDGE_DIR).
 */
function main(): void {
  // The folder the bot reads (KNOWLEDGE_DIR, as in config/config.ts), so the snapshot is of what it will load.
  const knowledgeDir = path.resolve(findProjectRoot(), process.env.KNOWLEDGE_DIR || 'knowledge');
  try {
    const kb = loadKnowledgeBase(knowledgeDir);
    const lexicon = loadLexicon(knowledgeDir);
    writeSnapshot(SNAPSHOT_FILE, snapshotKey(kb, lexicon), analyseKnowledge(kb, lexicon));
  } catch (error) {
    // A broken file does not stop the build: `npm run kb:check` is built this way too, and reports it in full.
    if (!(error instanceof ContentError)) throw error;
    console.error(`knowledge base not analysed: ${error.message}`);
  }
}

main();
