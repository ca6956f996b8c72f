import { expect } from 'chai';
import { LEVELS } from '../../triage/ids';
import { emergencyMessageOutcome, outcomeWords } from '../../triage/outcome-text';
import { Protocol } from '../../triage/protocol';
import { protocol } from './helpers';

describe('triage outcome words', () => {
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  it('sends an emergency to 911 without offering a booking', () => {
    const words = outcomeWords(p, emergencyMessageOutcome(p));
    // What to do comes first (an SMS may split the reply): the headline says it.
    expect(words.headline).to.include('911');
    expect(words.offerBooking).to.equal(false);
    expect(words.why).to.deep.equal([p.reasons.get('emergency_message')]);
  });

  it('offers no physio booking as the answer to an urgent outcome', () => {
    expect(outcomeWords(p, { level: 'urgent', reasons: ['locked_knee'] }).offerBooking).to.equal(false);
  });

  it('lists the warning signs when a safety answer stayed unclear', () => {
    const words = outcomeWords(p, { level: 'urgent', reasons: ['unclear_safety_answer'] });
    expect(words.warningSigns).to.equal(p.messages.unclearSafety);
    expect(outcomeWords(p, { level: 'urgent', reasons: ['locked_knee'] }).warningSigns).to.equal(null);
  });

  it('sends a doctor outcome to the family doctor within a few days, or to the surgeon after recent surgery, and offers physio after', () => {
    const words = outcomeWords(p, { level: 'doctor', reasons: ['recent_surgery'] });
    const advice = words.advice.join(' ');
    expect(advice).to.match(/family doctor within a few days/);
    expect(advice).to.match(/surgeon/);
    expect(words.offerBooking).to.equal(true);
  });

  it('gives a self-care plan with return criteria, and offers booking anyway', () => {
    const words = outcomeWords(p, { level: 'self-care', reasons: ['mild_recent'] });
    const plan = words.advice.join(' ').toLowerCase();
    // The guide's plan (no running until walking and stairs are pain-free), and where each kind of warning sign should go.
    for (const part of ['stop running until walking and stairs are pain-free', 'ice', 'isometric', 'shoes', 'gradually', '1 to 2 weeks', 'worse', 'call 911', 'chest pain', 'cold, pale or blue foot', 'same day', 'calf']) expect(plan).to.include(part);
    expect(words.offerBooking).to.equal(true);
  });

  it('adds prevention tips when the pain has gone', () => {
    expect(outcomeWords(p, { level: 'self-care', reasons: ['resolved'] }).tips).to.deep.equal(p.messages.resolvedTips);
    // Gone is gone: no rest, ice and "book if it isn't better" plan beside the tips.
    // Said once, in the headline: no reason line or tip saying it again.
    const words = outcomeWords(p, { level: 'self-care', reasons: ['resolved'] });
    expect(words.why).to.deep.equal([]);
    expect([words.headline, ...words.tips].join(' ').match(/gone/g)).to.have.length(1);
    expect(outcomeWords(p, { level: 'self-care', reasons: ['resolved'] }).advice).to.deep.equal([]);
    expect(outcomeWords(p, { level: 'self-care', reasons: ['mild_recent'] }).advice.length).to.be.greaterThan(0);
    // Nor a "start with self-care" headline for someone who is better.
    expect(outcomeWords(p, { level: 'self-care', reasons: ['resolved'] }).headline).to.equal(p.messages.resolvedHeadline);
    expect(outcomeWords(p, { level: 'self-care', reasons: ['mild_recent'] }).headline).to.not.equal(p.messages.resolvedHeadline);
  });

  it('lists the warning signs for an unclear safety answer without saying again that it was unclear and to be seen today', () => {
    const words = outcomeWords(p, { level: 'urgent', reasons: ['unclear_safety_answer'] });
    expect(words.headline).to.match(/seen today/);
    expect(words.warningSigns).to.match(/^Call 911/).and.not.match(/couldn't be sure|please be seen today/i);
  });

  it('says it is not a diagnosis at every level', () => {
    for (const level of LEVELS) expect(outcomeWords(p, { level, reasons: [] }).notDiagnosis).to.match(/not a diagnosis/i);
  });
});
