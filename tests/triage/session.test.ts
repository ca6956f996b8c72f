import { expect } from 'chai';
import type { Answers } from '../../triage/answers';
import { Level, ReasonId } from '../../triage/ids';
import { Protocol } from '../../triage/protocol';
import { addedOptionAnswers, answerTurn, answerWithCode, correctedAnswers, currentStep, startSession, TriageState } from '../../triage/session';
import { converse, Replies } from './conversation';
import { CTX, protocol } from './helpers';

interface FreeTextRuleCase {
  rule: number;
  returning?: boolean;
  replies: Replies;
  level: Level;
  reasons: ReasonId[];
}

const MILD: Replies = { injury: 'no', red_flags: 'none', age: '40', duration: '2 days', trend: 'better', location: 'front', severity: '3', recurrent: 'no', aggravators: 'running' };

// Every rule of the table, reached through free-text replies.
const FREE_TEXT_CASES: FreeTextRuleCase[] = [
  { rule: 0, replies: { injury: 'no', red_flags: 'my knee looks deformed' }, level: 'emergency', reasons: ['deformity'] },
  { rule: 1, replies: { injury: 'no', red_flags: "it's hot and swollen and I've got a fever" }, level: 'emergency', reasons: ['possible_joint_infection'] },
  { rule: 2, replies: { injury: 'no', red_flags: 'hot and swollen, had surgery on it last month' }, level: 'emergency', reasons: ['possible_joint_infection'] },
  { rule: 3, replies: { injury: 'no', red_flags: 'I get short of breath' }, level: 'emergency', reasons: ['possible_clot_in_lung'] },
  { rule: 4, replies: { injury: 'no', red_flags: 'my foot went pale and cold' }, level: 'emergency', reasons: ['circulation_or_nerve'] },
  { rule: 5, replies: { injury: 'yes I fell', weight_bearing: "no I can't", red_flags: 'none' }, level: 'urgent', reasons: ['cannot_bear_weight'] },
  { rule: 6, replies: { injury: 'no', red_flags: "I can't put weight on it" }, level: 'urgent', reasons: ['cannot_bear_weight'] },
  { rule: 7, replies: { injury: 'yep, tripped', weight_bearing: 'yes', rapid_swelling: 'no', red_flags: 'none', age: "I'm 63" }, level: 'urgent', reasons: ['injury_over_55'] },
  { rule: 8, replies: { injury: 'yes', weight_bearing: 'yes', rapid_swelling: 'yes within an hour', red_flags: 'none' }, level: 'urgent', reasons: ['rapid_swelling_after_injury'] },
  { rule: 9, replies: { injury: 'no', red_flags: "it's warm and swollen, no fever" }, level: 'urgent', reasons: ['hot_swollen_knee'] },
  { rule: 10, replies: { injury: 'no', red_flags: 'my calf is swollen and tender' }, level: 'urgent', reasons: ['possible_clot'] },
  { rule: 11, replies: { injury: 'no', red_flags: 'it locks up' }, level: 'urgent', reasons: ['locked_knee'] },
  { rule: 12, replies: { injury: ['umm', 'what do you mean'], red_flags: 'none' }, level: 'urgent', reasons: ['unclear_safety_answer'] },
  { rule: 13, replies: { injury: 'no', red_flags: 'it aches at night' }, level: 'doctor', reasons: ['night_pain_or_weight_loss'] },
  { rule: 14, replies: { injury: 'no', red_flags: 'I had a knee injection 3 weeks ago' }, level: 'doctor', reasons: ['recent_surgery'] },
  { rule: 15, replies: { injury: 'yes I banged it', weight_bearing: 'yes', rapid_swelling: 'no', red_flags: 'none', age: '30' }, level: 'book', reasons: ['injury'] },
  { rule: 16, replies: { injury: 'no', red_flags: 'none', age: "she's 11" }, level: 'book', reasons: ['child'] },
  { rule: 17, replies: { injury: 'no', red_flags: 'it buckles sometimes' }, level: 'book', reasons: ['giving_way'] },
  { rule: 18, replies: { injury: 'no', red_flags: 'a little puffy' }, level: 'book', reasons: ['swelling'] },
  { rule: 19, replies: { injury: 'no', red_flags: 'tingling in my foot now and then' }, level: 'book', reasons: ['nerve_symptoms'] },
  { rule: 20, returning: true, replies: { returning_status: 'worse than before', injury: 'no', red_flags: 'none' }, level: 'book', reasons: ['returning'] },
  { rule: 21, replies: { ...MILD, duration: 'about 3 weeks' }, level: 'book', reasons: ['persistent'] },
  { rule: 22, replies: { ...MILD, duration: '8 days', trend: 'no change' }, level: 'book', reasons: ['persistent'] },
  { rule: 23, replies: { ...MILD, trend: "it's getting worse" }, level: 'book', reasons: ['worsening'] },
  { rule: 24, replies: { ...MILD, location: 'back of my knee' }, level: 'book', reasons: ['atypical_location'] },
  { rule: 25, replies: { ...MILD, severity: 'a 9' }, level: 'book', reasons: ['severe'] },
  { rule: 26, replies: { ...MILD, recurrent: 'yes, had it last year' }, level: 'book', reasons: ['recurrent'] },
  { rule: 27, replies: { ...MILD, aggravators: 'walking' }, level: 'book', reasons: ['daily_activities'] },
  { rule: 28, replies: { ...MILD, duration: ['no clue', "can't remember"] }, level: 'book', reasons: ['unclear_answers'] },
  { rule: 29, returning: true, replies: { returning_status: "it's gone" }, level: 'self-care', reasons: ['resolved'] },
  { rule: 30, replies: MILD, level: 'self-care', reasons: ['mild_recent'] },
];

function reply(p: Protocol, state: TriageState, text: string) {
  return answerTurn(p, state, text, CTX);
}

describe('triage session', () => {
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  describe('every rule fires with free-text replies', () => {
    it('has a case for every rule of the table', () => {
      expect(FREE_TEXT_CASES.map((c) => c.rule)).to.deep.equal(p.rules.map((_, i) => i));
    });
    for (const c of FREE_TEXT_CASES) {
      it(`rule ${c.rule}: ${c.level} with ${c.reasons.join(', ')}`, () => {
        const result = converse(p, undefined, c.returning ?? false, c.replies);
        expect({ level: result.level, reasons: result.reasons }).to.deep.equal({ level: c.level, reasons: c.reasons });
      });
    }
  });

  it('starts with the first question and counts the ask', () => {
    const { state, step } = startSession(p, { returning: false, ctx: CTX });
    expect(step).to.deep.equal({ kind: 'question', id: 'injury', attempt: 1 });
    expect(state.pending).to.equal('injury');
    expect(state.asks).to.deep.equal({ injury: 1 });
  });

  it('asks a safety question a second time, then treats it as unclear: urgent, and red flags are still asked', () => {
    let { state } = startSession(p, { returning: false, ctx: CTX });
    let turn = reply(p, state, 'hmm');
    expect(turn.understood).to.equal(false);
    expect(turn.step).to.deep.equal({ kind: 'question', id: 'injury', attempt: 2 });
    turn = reply(p, turn.state, 'what?');
    expect(turn.state.unclear).to.deep.equal(['injury']);
    expect(turn.step).to.deep.include({ id: 'red_flags', attempt: 1 });
    turn = reply(p, turn.state, 'none of those');
    expect(turn.step).to.deep.equal({ kind: 'outcome', level: 'urgent', reasons: ['unclear_safety_answer'], protocol: p.version });
    state = turn.state;
    expect(state.pending).to.equal(null);
  });

  it('skips another question unclear after two asks, and the outcome is at least book', () => {
    const result = converse(p, undefined, false, { injury: 'no', red_flags: 'none', age: '30', duration: ['a while', 'dunno'] });
    expect(result.asked).to.deep.equal(['injury', 'red_flags', 'age', 'duration', 'duration']);
    expect(result.state.unclear).to.deep.equal(['duration']);
    expect(result.reasons).to.deep.equal(['unclear_answers']);
  });

  it('accepts an answer understood at the second ask without marking it unclear', () => {
    const result = converse(p, undefined, false, { injury: ['hmm', 'no'], red_flags: 'swollen' });
    expect(result.state.unclear).to.deep.equal([]);
    expect(result.reasons).to.deep.equal(['swelling']);
  });

  it('records what the opening volunteers and never asks it again', () => {
    const { state, step } = startSession(p, { returning: false, openingText: 'my knee hurts since I twisted it 3 days ago', ctx: CTX });
    expect(state.answers).to.deep.include({ injury: 'yes', duration: 'lt1w' });
    expect(state.volunteered).to.have.members(['injury', 'duration']);
    expect(step).to.deep.include({ id: 'weight_bearing' });
  });

  it('records what an answer volunteers for later questions', () => {
    let { state } = startSession(p, { returning: false, ctx: CTX });
    const turn = reply(p, state, "yes I twisted it and now I can't put weight on it");
    expect(turn.state.answers).to.deep.include({ injury: 'yes', weight_bearing: 'no' });
    expect(turn.step).to.deep.include({ id: 'red_flags' });
    state = reply(p, turn.state, 'none').state;
    expect(currentStep(p, state)).to.deep.include({ kind: 'outcome', level: 'urgent', reasons: ['cannot_bear_weight'] });
  });

  it('lets a later aside change an answer only when it makes the outcome more serious', () => {
    let { state } = startSession(p, { returning: false, ctx: CTX });
    state = reply(p, state, 'no').state;
    state = reply(p, state, 'none').state;
    // "No injury", then while giving the age: "twisted it yesterday". The injury counts, and its questions are asked.
    const turn = reply(p, state, '42, twisted it yesterday tho');
    expect(turn.state.answers).to.deep.include({ injury: 'yes', age: 'adult' });
    expect(turn.step).to.deep.include({ id: 'weight_bearing' });
    // The other way, an aside that would make it milder does not undo an injury already told.
    let other = startSession(p, { returning: false, ctx: CTX }).state;
    other = reply(p, other, 'yes I fell').state;
    other = reply(p, other, 'yes').state;
    other = reply(p, other, 'no').state;
    other = reply(p, other, 'none').state;
    expect(reply(p, other, '30, and no it was not an injury').state.answers).to.deep.include({ injury: 'yes' });
  });

  it('asks red flags even when one was volunteered, and keeps the volunteered one', () => {
    const start = startSession(p, { returning: false, openingText: 'my knee is swollen', ctx: CTX });
    expect(start.state.answers.red_flags).to.deep.equal(['swollen']);
    const afterInjury = reply(p, start.state, 'no');
    expect(afterInjury.step).to.deep.include({ id: 'red_flags' });
    const end = reply(p, afterInjury.state, 'none of the others');
    expect(end.step).to.deep.include({ kind: 'outcome', level: 'book', reasons: ['swelling'] });
  });

  it('asks red flags again when the reply to them is unclear, even after one was volunteered', () => {
    const result = converse(p, 'my knee is swollen', false, { injury: 'no', red_flags: ['huh?', 'what do you mean'] });
    expect(result.asked).to.deep.equal(['injury', 'red_flags', 'red_flags']);
    expect({ level: result.level, reasons: result.reasons }).to.deep.equal({ level: 'urgent', reasons: ['unclear_safety_answer'] });
    expect(result.state.answers.red_flags).to.deep.equal(['swollen']);
  });

  it('keeps a fever told before the warning signs: a swollen knee told then, or later, is fever with a hot swollen knee', () => {
    // From a black-box test: "I have a fever and my knee hurts", then "it is a bit swollen", ended in a routine booking.
    const opening = converse(p, 'I have a fever and my knee hurts', false, { injury: 'no', red_flags: 'it is a bit swollen' });
    expect({ level: opening.level, reasons: opening.reasons }).to.deep.equal({ level: 'emergency', reasons: ['possible_joint_infection'] });
    let { state } = startSession(p, { returning: false, ctx: CTX });
    state = reply(p, state, "no, but I've been running a fever since yesterday").state;
    expect(answerWithCode(p, state, 'swollen', CTX).step).to.deep.include({ kind: 'outcome', level: 'emergency', reasons: ['possible_joint_infection'] });
    // Denied, or told as past, it changes nothing.
    for (const text of ['no fever, my knee hurts', 'my knee hurts, I had a fever last month']) {
      const told = converse(p, text, false, { injury: 'no', red_flags: 'it is a bit swollen', age: '40' });
      expect({ level: told.level, reasons: told.reasons }, text).to.deep.equal({ level: 'book', reasons: ['swelling'] });
    }
  });

  it('takes "sorry, I meant 5 weeks not 5 days" at a later question as the longer time, which makes it persistent', () => {
    const result = converse(p, 'my knee hurts', false, { ...MILD, duration: '5 days', trend: ['sorry, I meant 5 weeks not 5 days', 'same'] });
    expect(result.state.answers.duration).to.equal('2to6w');
    expect(result.reasons).to.include('persistent');
  });

  it('takes button values, several codes comma-separated', () => {
    let { state } = startSession(p, { returning: false, ctx: CTX });
    state = answerWithCode(p, state, 'no', CTX).state;
    const turn = answerWithCode(p, state, 'hot_swollen,calf_swelling', CTX);
    expect(turn.understood).to.equal(true);
    expect(turn.step).to.deep.include({ kind: 'outcome', level: 'urgent', reasons: ['hot_swollen_knee', 'possible_clot'] });
  });

  /** Through injury (no), warning signs (none) and age (adult): the check waits at the duration question. */
  function atDuration(): TriageState {
    let { state } = startSession(p, { returning: false, ctx: CTX });
    for (const code of ['no', 'none', 'adult']) state = answerWithCode(p, state, code, CTX).state;
    expect(state.pending).to.equal('duration');
    return state;
  }

  it('takes a warning sign ticked late on the warning-sign card, after the check moved on: urgent, not an unclear answer', () => {
    const late = answerWithCode(p, atDuration(), 'hot_swollen', CTX);
    expect(late.understood).to.equal(true);
    expect(late.step).to.deep.include({ kind: 'outcome', level: 'urgent', reasons: ['hot_swollen_knee'] });
  });

  it('joins late-ticked signs to those told, and takes a late card with only "none" as no answer to the question waiting', () => {
    const late = answerWithCode(p, atDuration(), 'swollen,giving_way', CTX);
    expect(late.step).to.deep.include({ kind: 'outcome', level: 'book' });
    expect(late.state.answers.red_flags).to.include.members(['swollen', 'giving_way']);
    const none = answerWithCode(p, atDuration(), 'none', CTX);
    expect(none.understood).to.equal(false);
  });

  it('reads what a message after the outcome puts right, and nothing from one that corrects nothing', () => {
    const before = { injury: 'no', duration: 'lt1w', location: 'front' } as const;
    expect(correctedAnswers(p, before, 'sorry, I meant 3 weeks not 3 days', CTX)).to.deep.include({ duration: '2to6w', location: 'front', injury: 'no' });
    expect(correctedAnswers(p, before, "oops, it's on the outer side", CTX)).to.deep.include({ location: 'outer', duration: 'lt1w' });
    expect(correctedAnswers(p, before, 'sorry, what is runners knee?', CTX)).to.equal(null);
    expect(correctedAnswers(p, before, 'i meant 3 days', CTX), 'the same answer again').to.equal(null);
    expect(correctedAnswers(p, before, 'it has been 3 weeks', CTX), 'no correction said').to.equal(null);
    // What is ruled out is no answer; a bare value puts right the answer that gave the outcome.
    const injured = { injury: 'yes', weight_bearing: 'yes', rapid_swelling: 'no', age: 'adult', severity: 3 } as const;
    expect(correctedAnswers(p, injured, "sorry, I'm 60 not 30", CTX)).to.deep.include({ age: 'older' });
    expect(correctedAnswers(p, injured, 'oops I meant 60', CTX, 'age')).to.deep.include({ age: 'older' });
    expect(correctedAnswers(p, injured, 'sorry I meant 8', CTX, 'severity')).to.deep.include({ severity: 8, age: 'adult' });
    expect(correctedAnswers(p, injured, 'oops wrong chat', CTX, 'age')).to.equal(null);
    // Only a number is ruled out: "not getting better" is never read as "better".
    expect(correctedAnswers(p, { ...before, trend: 'worse' }, "sorry, it's not getting better", CTX)?.trend).to.not.equal('better');
  });

  it('adds option numbers texted after the outcome to the "choose all that fit" list answered last, and nothing else', () => {
    const before: Answers = { injury: 'no', red_flags: ['swollen'] };
    expect(addedOptionAnswers(p, before, 'red_flags', 'oh and 11')?.red_flags).to.have.members(['swollen', 'giving_way']);
    expect(addedOptionAnswers(p, before, 'red_flags', 'sorry, also 9')?.red_flags).to.have.members(['swollen', 'cannot_walk']);
    expect(addedOptionAnswers(p, before, 'red_flags', '11'), 'nothing says it adds').to.equal(null);
    expect(addedOptionAnswers(p, before, 'red_flags', 'and what about ice?')).to.equal(null);
    expect(addedOptionAnswers(p, before, 'red_flags', '1 and 2'), 'an "and" between numbers only lists them').to.equal(null);
    expect(addedOptionAnswers(p, before, 'red_flags', 'oh and 1 and 2')?.red_flags).to.have.members(['swollen', 'deformity', 'fever_hot_swollen']);
    // After a list of six, "also 9" is the warning signs' number 9.
    expect(addedOptionAnswers(p, { aggravators: ['running'] }, 'aggravators', 'sorry also 9')?.red_flags).to.deep.equal(['cannot_walk']);
  });

  it('reads a button value that is not a code as typed text', () => {
    const { state } = startSession(p, { returning: false, ctx: CTX });
    const turn = answerWithCode(p, state, 'nope', CTX);
    expect(turn.understood).to.equal(true);
    expect(turn.state.answers.injury).to.equal('no');
  });

  it('keeps a state that survives a JSON round trip', () => {
    const first = startSession(p, { returning: true, openingText: 'hi, knee again', ctx: CTX });
    const saved: TriageState = JSON.parse(JSON.stringify(first.state));
    const a = reply(p, first.state, 'worse');
    const b = reply(p, saved, 'worse');
    expect(b).to.deep.equal(a);
  });

  it('gives the same outcome again when a reply comes after the end', () => {
    const result = converse(p, undefined, false, { injury: 'no', red_flags: 'my kneecap is out of place' });
    const after = reply(p, result.state, 'hello?');
    expect(after.step).to.deep.include({ kind: 'outcome', level: 'emergency', reasons: ['deformity'] });
    expect(after.understood).to.equal(false);
  });

  // From a black-box audit: how the knee is since last time, told in a returning person's opening, was asked again.
  it('takes how the knee is since last time from a returning person\'s opening, and reads no such thing from a new person\'s', () => {
    const better = startSession(p, { returning: true, openingText: 'hi, my knee is a bit better than last time but still sore on stairs', ctx: CTX });
    expect(better.state.answers.returning_status).to.equal('better');
    expect(better.step).to.deep.include({ kind: 'question', id: 'injury' });
    const worse = converse(p, "it's worse than when we talked", true, { injury: 'no', red_flags: 'none' });
    expect(worse.asked).to.not.include('returning_status');
    expect({ level: worse.level, reasons: worse.reasons }).to.deep.equal({ level: 'book', reasons: ['returning'] });
    // "Better" alone, or a new person's "better than last time", tells nothing of an earlier check.
    expect(startSession(p, { returning: true, openingText: 'my knee is better', ctx: CTX }).step).to.deep.include({ kind: 'question', id: 'returning_status' });
    expect(startSession(p, { returning: false, openingText: 'my knee is a bit better than last time', ctx: CTX }).state.answers.returning_status).to.equal(undefined);
  });

  it('reads no time from a returning person\'s words about the last chat, so "it is gone" ends kindly', () => {
    const result = converse(p, 'Hi again! Back about my knee from a couple of weeks ago.', true, { returning_status: "All good now, I haven't had any pain since last weekend." });
    expect({ level: result.level, reasons: result.reasons }).to.deep.equal({ level: 'self-care', reasons: ['resolved'] });
    // What else they tell is the pain's: "been 5 weeks total now", "going on since Halloween".
    const total = converse(p, "Hey, I used this a couple of weeks ago for my knee. It's about the same, been 5 weeks total now.", true, { returning_status: 'same', injury: 'no', red_flags: 'none' });
    expect({ level: total.level, reasons: total.reasons }).to.deep.equal({ level: 'book', reasons: ['returning', 'persistent'] });
    const since = converse(p, "Back again, I did the knee check on the 10th. It's getting worse now, it's been going on since Halloween.", true, { returning_status: 'worse', injury: 'no', red_flags: 'none' });
    expect({ level: since.level, reasons: since.reasons }).to.deep.equal({ level: 'book', reasons: ['returning', 'persistent', 'worsening'] });
    // "Back again" is the person, not the pain come back.
    expect(since.state.answers.recurrent).to.equal(undefined);
  });

  it('ends kindly when the pain is gone, a time in the story of getting better being a rest taken ("backed off the mileage for two weeks"), not the pain', () => {
    const story = "So I did the exercises you suggested, got new shoes, backed off the mileage for two weeks, and now I'm back to my normal runs. The pain is gone completely.";
    const result = converse(p, 'Hello, I checked my knee with you a few weeks ago', true, { returning_status: story });
    expect({ level: result.level, reasons: result.reasons, asked: result.asked }).to.deep.equal({ level: 'self-care', reasons: ['resolved'], asked: ['returning_status'] });
  });

  it('never sets aside a warning sign told before "it is gone", and asks the warning signs then', () => {
    const result = converse(p, 'back about my knee, it keeps locking', true, { returning_status: "it's gone", red_flags: 'no others' });
    expect({ level: result.level, reasons: result.reasons, asked: result.asked }).to.deep.equal({ level: 'urgent', reasons: ['locked_knee'], asked: ['returning_status', 'red_flags'] });
  });

  it('asks the warning signs when one is told with "it is gone", which can still make it an emergency', () => {
    const result = converse(p, 'hi again', true, { returning_status: "it's gone but now my calf is swollen", red_flags: "i'm short of breath too" });
    expect({ level: result.level, reasons: result.reasons }).to.deep.equal({ level: 'emergency', reasons: ['possible_clot_in_lung'] });
    // So is an injury told with it: its questions are asked.
    expect(converse(p, 'hi again', true, { returning_status: "it's gone, but i fell on it yesterday", weight_bearing: 'no', red_flags: 'none' }).reasons).to.deep.equal(['cannot_bear_weight']);
    // "Gone" alone still ends the check at once.
    expect(converse(p, 'hi again', true, { returning_status: 'gone' }).asked).to.deep.equal(['returning_status']);
  });

  it('treats an empty reply as not understood', () => {
    const { state } = startSession(p, { returning: false, ctx: CTX });
    expect(reply(p, state, '   ').understood).to.equal(false);
  });

  it('does not count a reply that answers another question ("actually I did fall") as an ask of the one waiting', () => {
    let { state } = startSession(p, { returning: false, ctx: CTX });
    const say = (text: string) => {
      const result = reply(p, state, text);
      state = result.state;
      return result.step;
    };
    say('no');
    expect(say('none')).to.deep.include({ kind: 'question', id: 'age', attempt: 1 });
    expect(say('actually I did fall, last week on the ice')).to.deep.include({ kind: 'question', id: 'weight_bearing' });
    say('yes');
    expect(say('no')).to.deep.include({ kind: 'question', id: 'age', attempt: 1 });
    // Not understood at its first real ask, age is asked once more: after an injury it decides between book and urgent.
    expect(say('prefer not to say')).to.deep.include({ kind: 'question', id: 'age', attempt: 2 });
    expect(say('58')).to.deep.include({ kind: 'outcome', level: 'urgent', reasons: ['injury_over_55'] });
  });

  it('tells the step a saved state is at without changing it', () => {
    const { state, step } = startSession(p, { returning: false, ctx: CTX });
    expect(currentStep(p, state)).to.deep.equal(step);
  });
});
