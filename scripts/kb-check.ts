import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/topics';
import { loadLexicon } from '../knowledge/lexicon';
import { loadMessages } from '../knowledge/messages';
import { loadIntents } from '../knowledge/intents';
import { loadProtocol } from '../triage/protocol';
import { gsm7Length } from '../knowledge/gsm7';

/** Advice for editors beyond what the loaders enforce: warnings do not fail the check. */
export function knowledgeWarnings(kb: KnowledgeBase): string[] {
  const warnings: string[] = [];
  for (const topic of kb.topics) {
    if (topic.questions.length < 12) warnings.push(`topic "${topic.id}": only ${topic.questions.length} example questions; 12 or more match better`);
    if (!topic.followUps.length) warnings.push(`topic "${topic.id}": no follow-ups offered after the answer`);
    if (gsm7Length(topic.answer) > 290) warnings.push(`topic "${topic.id}": answer is ${gsm7Length(topic.answer)} characters, close to the 306 limit`);
  }
  return warnings;
}

function main(): void {
  const dir = path.join(findProjectRoot(), 'knowledge');
  try {
    const kb = loadKnowledgeBase(dir);
    loadLexicon(dir);
    loadMessages(dir);
    loadIntents(dir);
    const protocol = loadProtocol(path.join(dir, 'triage-protocol.json'));
    for (const warning of knowledgeWarnings(kb)) console.log(`warning: ${warning}`);
    const questions = kb.topics.reduce((n, t) => n + t.questions.length, 0);
    console.log(`knowledge OK: ${kb.topics.length} topics, ${questions} example questions (version ${kb.version}); triage protocol ${protocol.version}`);
  } catch (error) {
    console.error(`knowledge check FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (require.main === module) main();
