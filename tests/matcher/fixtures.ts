import * as path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/topics';
import { loadLexicon, type Lexicon } from '../../knowledge/lexicon';
import { Analyser } from '../../matcher/analyser';

export const projectRoot = findProjectRoot();
const knowledgeDir = path.join(projectRoot, 'knowledge');

/** The real knowledge base and lexicon, as the bot loads them. */
export function realKnowledge(): { kb: KnowledgeBase; lexicon: Lexicon } {
  return { kb: loadKnowledgeBase(knowledgeDir), lexicon: loadLexicon(knowledgeDir) };
}

/** An analyser over the real knowledge base's text, as the matcher builds it. */
export function realAnalyser(): Analyser {
  const { kb, lexicon } = realKnowledge();
  return new Analyser(lexicon, kb.topics.flatMap((t) => [t.title, ...t.questions, t.answer, t.detail ?? '']));
}
