import { expect } from 'chai';
import type { Person, TurnResult } from '../support/bot';

/** Replies that walk a check to any question: injury=yes reaches the injury follow-ups, injury=no the rest. */
export const PATH_AFTER_INJURY: Record<string, string> = { injury: 'yes I twisted it', weight_bearing: 'yes', rapid_swelling: 'no', red_flags: 'none of those', age: '30' };
export const PATH_NO_INJURY: Record<string, string> = {
  injury: 'no', red_flags: 'none', age: '30', duration: '3 days', trend: 'getting better', location: 'around the kneecap',
  severity: '3', recurrent: 'no', aggravators: 'running',
};

export function questionId(turn: TurnResult): string | undefined {
  const q = turn.entity('triage.question');
  return typeof q?.id === 'string' ? q.id : undefined;
}

/** Starts a check and answers until `target` is asked; fails if it never is. */
export async function walkTo(person: Person, target: string): Promise<TurnResult> {
  const path = target in PATH_NO_INJURY && !['weight_bearing', 'rapid_swelling'].includes(target) ? PATH_NO_INJURY : PATH_AFTER_INJURY;
  let turn = await person.say('my knee hurts');
  for (let i = 0; i < 15; i++) {
    const id = questionId(turn);
    if (id === target) return turn;
    expect(id, `expected to reach ${target}`).to.be.a('string');
    turn = await person.say(path[id ?? ''] ?? 'no');
  }
  throw new Error(`never reached ${target}`);
}

export interface Outcome {
  level: string;
  reasons: string[];
}

export function outcomeOf(turn: TurnResult): Outcome | undefined {
  const o = turn.entity('triage.outcome');
  if (!o) return undefined;
  return { level: String(o.level), reasons: Array.isArray(o.reasons) ? o.reasons.map(String) : [] };
}

/** Answers every question from `replies` until an outcome; fails on a question it has no reply for. */
export async function finishCheck(person: Person, first: TurnResult, replies: Record<string, string | string[]>, asked: string[] = []): Promise<Outcome> {
  let turn = first;
  const times: Record<string, number> = {};
  for (let i = 0; i < 20; i++) {
    const outcome = outcomeOf(turn);
    if (outcome) return outcome;
    const id = questionId(turn);
    if (!id) throw new Error(`no question and no outcome; bot said: ${turn.text}`);
    asked.push(id);
    if (!(id in replies)) throw new Error(`asked ${id}, which has no reply (asked so far: ${asked.join(', ')})`);
    const reply = replies[id];
    const n = (times[id] = (times[id] ?? 0) + 1);
    turn = await person.say(Array.isArray(reply) ? reply[Math.min(n, reply.length) - 1] : reply);
  }
  throw new Error('the check did not end');
}
