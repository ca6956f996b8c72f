import type { KnowledgeBase, Topic } from '../knowledge/topics';

const OPENERS = ['', 'quick question ', 'hey ', 'so ', 'um ', 'i was wondering ', 'coach asked ', 'for my daughter '];
const CONTEXTS = ['', ' after running', ' for a marathon', ' with a sore knee', ' as a beginner', ' on trails', ' in winter', ' at 50'];
const SPORTS = ['running', 'cycling', 'hiking', 'soccer', 'basketball', 'skiing', 'tennis', 'rowing', 'dance', 'yoga'];

/** A large knowledge base made from the real one: every topic repeated with varied wording. */
export function syntheticKnowledgeBase(kb: KnowledgeBase, size: number): KnowledgeBase {
  const topics: Topic[] = [];
  for (let i = 0; i < size; i++) {
    const base = kb.topics[i % kb.topics.length];
    const variant = Math.floor(i / kb.topics.length);
    const sport = SPORTS[variant % SPORTS.length];
    const opener = OPENERS[variant % OPENERS.length];
    const context = CONTEXTS[(variant >> 3) % CONTEXTS.length];
    topics.push({
      ...base,
      id: `${base.id}-${variant}`,
      title: `${base.title} (${sport} ${variant})`,
      questions: base.questions.map((q, k) => `${k % 2 ? opener : ''}${q}${k % 3 ? context : ''} ${sport} v${variant}`),
      followUps: [],
    });
  }
  return { version: 'synthetic', clinicName: kb.clinicName, topics, byId: new Map(topics.map((t) => [t.id, t])) };
}
