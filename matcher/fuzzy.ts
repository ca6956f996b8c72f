import Fuse from 'fuse.js';
import { words } from './phrases';

/** Most words of a message compared: each costs a fuzzy search of every question. */
const MAX_WORDS = 12;

const OPTIONS = Object.freeze({ useTokenSearch: true, includeScore: true, ignoreLocation: true, threshold: 0.3, shouldSort: false });

/**
 * Fuzzy likeness between a message and a few example questions, by Fuse.js token search: each
 * word of the message is looked for in each question allowing for typos, weighted by how rare it
 * is among those questions. The term index picks the questions first (each candidate topic's
 * best), so the fuzzy scoring sees a handful of questions however big the knowledge base.
 */
export class FuzzyScorer {
  /** Questions normalised as messages are, the first time each is compared. */
  private readonly written = new Map<string, string>();

  /**
   * `questions[topic]`: the topic's questions, in the order the term index was given them;
   * `ignored`: words not worth a fuzzy search of their own (stop words).
   */
  constructor(
    private readonly questions: readonly (readonly string[])[],
    private readonly ignored: ReadonlySet<string>,
  ) {}

  /** Per candidate (topic and question), the likeness 0..1 of that question to the message's words (as `words` reads them). */
  likeness(message: readonly string[], candidates: readonly { topic: number; question: number }[]): number[] {
    const out = candidates.map(() => 0);
    const content = message.filter((word) => !this.ignored.has(word)).slice(0, MAX_WORDS);
    const docs: string[] = [];
    const owner: number[] = [];
    candidates.forEach(({ topic, question }, i) => {
      const text = this.questions[topic]?.[question];
      if (text === undefined) return;
      docs.push(this.write(text));
      owner.push(i);
    });
    if (!content.length || !docs.length) return out;
    for (const hit of new Fuse(docs, OPTIONS).search(content.join(' '))) out[owner[hit.refIndex]] = 1 - (hit.score ?? 1);
    return out;
  }

  private write(question: string): string {
    let text = this.written.get(question);
    if (text === undefined) {
      text = words(question).join(' ');
      this.written.set(question, text);
    }
    return text;
  }
}
