import { expect } from 'chai';
import type { KnowledgeBase } from '../../knowledge/topics';
import type { MatchResult } from '../../matcher/matcher';
import { isLevel, isQuestionId, isReasonId, questionById, QUESTION_CODES, type Answers, type Protocol, type Step, type TriageState } from '../../triage';

/** What every caller of the matcher relies on, whatever the text. */
export function expectValidMatch(result: MatchResult, kb: KnowledgeBase): void {
  expect(['answer', 'suggest', 'none']).to.include(result.band);
  expect(Number.isFinite(result.confidence), `confidence ${result.confidence}`).to.equal(true);
  expect(result.confidence).to.be.within(0, 1);
  expect(result.candidates).to.be.an('array');
  for (const c of result.candidates) {
    expect(kb.byId.has(c.id), `unknown topic ${c.id}`).to.equal(true);
    expect(c.score).to.be.within(0, 1);
  }
  if (result.band === 'answer') {
    expect(result.topicId, 'an answer names its topic').to.be.a('string');
    expect(result.topicId).to.equal(result.candidates[0]?.id);
  } else {
    expect(result.topicId, 'only an answer names a topic').to.equal(undefined);
  }
  if (result.band === 'suggest') expect(result.candidates.length).to.be.at.least(1);
  if (result.outOfScope !== undefined) {
    expect(result.outOfScope).to.be.a('string');
    expect(result.band, 'an out-of-scope message is never answered').to.equal('none');
  }
}

/** Every answer is for a known question and uses that question's codes (or a number in its range). */
export function expectValidAnswers(protocol: Protocol, answers: Answers): void {
  for (const [id, value] of Object.entries(answers)) {
    if (!isQuestionId(id)) throw new Error(`unknown question id ${id}`);
    if (id === 'severity') {
      const q = questionById(protocol, id);
      expect(Number.isInteger(value), `severity ${String(value)}`).to.equal(true);
      expect(value).to.be.within(q.min ?? 0, q.max ?? 10);
      continue;
    }
    const codes = Array.isArray(value) ? value : [value];
    expect(codes.length, `${id} has no code`).to.be.at.least(1);
    for (const code of codes) expect(QUESTION_CODES[id], `${id}=${String(code)}`).to.include(code);
  }
}

/** A step the conversation can always render: a protocol question, or an outcome with a level and reasons. */
export function expectValidStep(protocol: Protocol, state: TriageState, step: Step): void {
  if (step.kind === 'question') {
    expect(protocol.questions.map((q) => q.id)).to.include(step.id);
    expect(state.pending).to.equal(step.id);
    expect(Number.isInteger(step.attempt) && step.attempt >= 1, `attempt ${step.attempt}`).to.equal(true);
    return;
  }
  expect(isLevel(step.level), `level ${step.level}`).to.equal(true);
  expect(step.reasons.length, 'an outcome says why').to.be.at.least(1);
  for (const reason of step.reasons) expect(isReasonId(reason), `reason ${reason}`).to.equal(true);
  expect(step.protocol).to.equal(protocol.version);
  expect(state.pending).to.equal(null);
}
