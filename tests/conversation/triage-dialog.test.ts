import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { finishCheck, outcomeOf, PATH_NO_INJURY, questionId, walkTo } from './journey';

const QUESTIONS = ['injury', 'weight_bearing', 'rapid_swelling', 'red_flags', 'age', 'duration', 'trend', 'location', 'severity', 'recurrent', 'aggravators'];

describe('the symptom check in conversation', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ now: () => new Date('2026-11-25T15:00:00Z') });
  });
  after(() => bot.stop());

  it('starts from "my knee hurts" with the persistence notice and the injury question', async () => {
    const turn = await new Person(bot.url).say('my knee hurts');
    expect(turn.text).to.match(/remember the result for 90 days/);
    expect(questionId(turn)).to.equal('injury');
    const actions = turn.activities.flatMap((a) => a.suggestedActions?.actions ?? []);
    expect(actions.map((a) => a.value)).to.deep.equal(['yes', 'no']);
  });

  it('starts from the "check my symptoms" button', async () => {
    expect(questionId(await new Person(bot.url).press('triage:start'))).to.equal('injury');
  });

  it('starts when someone describes an injury, whatever the topic ("I think I tore my ACL")', async () => {
    const person = new Person(bot.url);
    const turn = await person.say('I think I tore my ACL, it swelled up straight away');
    expect(turn.entity('kb.answer')).to.equal(undefined);
    expect(questionId(turn)).to.be.a('string');
  });

  for (const q of QUESTIONS) {
    describe(`at the ${q} question`, () => {
      it('"cancel" stops the check', async () => {
        const person = new Person(bot.url);
        await walkTo(person, q);
        const turn = await person.say('cancel');
        expect(questionId(turn)).to.equal(undefined);
        expect(outcomeOf(turn)).to.equal(undefined);
        expect((await person.say('what is runners knee')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
      });

      it('"help" explains and asks the same question again', async () => {
        const person = new Person(bot.url);
        await walkTo(person, q);
        expect(questionId(await person.say('help'))).to.equal(q);
      });

      it('a question about runner\'s knee is answered, then the same question asked again', async () => {
        const person = new Person(bot.url);
        await walkTo(person, q);
        const turn = await person.say('how long does recovery from runners knee take?');
        expect(turn.entity('kb.answer')?.id).to.equal('recovery-time');
        expect(questionId(turn)).to.equal(q);
      });

      it('an emergency gets the emergency answer at once', async () => {
        const person = new Person(bot.url);
        await walkTo(person, q);
        const outcome = outcomeOf(await person.say("I have crushing chest pain and I can't breathe"));
        expect(outcome?.level).to.equal('emergency');
        expect(outcome?.reasons).to.deep.equal(q === 'red_flags' ? ['possible_clot_in_lung'] : ['emergency_message']);
      });

      it('"book" offers booking and keeps the check open: "continue" asks the same question again', async () => {
        const person = new Person(bot.url);
        await walkTo(person, q);
        const offer = await person.say('book');
        expect(offer.entity('booking.offer')).to.not.equal(undefined);
        expect(offer.text).to.match(/symptom check is still open/);
        const actions = offer.activities.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.value);
        expect(actions).to.deep.equal(['booking:callback', 'triage:resume']);
        expect(questionId(await person.say('continue'))).to.equal(q);
      });
    });
  }

  it('asked for a person after an injury, then "No, I can\'t" to the four steps: the check goes on to be seen today, not dropped', async () => {
    const person = new Person(bot.url);
    expect(questionId(await person.say('I twisted my knee'))).to.equal('weight_bearing');
    const offer = await person.say('can I talk to a real person?');
    expect(offer.entity('booking.offer')).to.not.equal(undefined);
    // The old button, still on screen, answers the question that is still open.
    let turn = await person.press('no');
    for (let i = 0; i < 12 && questionId(turn); i++) turn = await person.say(questionId(turn) === 'red_flags' ? 'none' : 'no');
    expect(outcomeOf(turn)?.level).to.equal('urgent');
    expect(outcomeOf(turn)?.reasons).to.include('cannot_bear_weight');
  });

  it('"continue the check" starts one when none is open; "stop" offers the check again', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'age');
    const stopped = await person.say('stop');
    expect(stopped.text).to.match(/stopped the symptom check/);
    expect(stopped.activities.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.value)).to.include('triage:start');
    expect(questionId(await person.say('continue the check'))).to.equal('injury');
  });

  it('keeps what a question beside one\'s own symptoms told for the check taken up next, and asks none of it again', async () => {
    const person = new Person(bot.url);
    const answered = await person.say("how long does runners knee last? I've had pain behind my kneecap for 3 weeks");
    expect(answered.entity('kb.answer')?.id).to.equal('recovery-time');
    const asked: string[] = [];
    const outcome = await finishCheck(person, await person.say('yes please'), { injury: 'no', red_flags: 'none', age: '30', trend: 'same', severity: '3', recurrent: 'no', aggravators: 'stairs' }, asked);
    expect(asked).to.not.include('duration');
    expect(asked).to.not.include('location');
    expect(outcome).to.deep.equal({ level: 'book', reasons: ['persistent'] });
  });

  it('keeps it for the next turn only: after another question, the check asks everything', async () => {
    const person = new Person(bot.url);
    await person.say("how long does runners knee last? I've had pain behind my kneecap for 3 weeks");
    await person.say('does ice help?');
    const asked: string[] = [];
    await finishCheck(person, await person.press('triage:start'), { injury: 'no', red_flags: 'none', duration: '3 days', age: '30', trend: 'better', location: 'front', severity: '3', recurrent: 'no', aggravators: 'stairs' }, asked);
    expect(asked).to.include('duration');
  });

  it('puts an answer right after the outcome ("sorry, I meant 3 weeks not 3 days"): the check again with the other answers kept', async () => {
    const person = new Person(bot.url);
    const mild = { injury: 'no', red_flags: 'none', age: '30', duration: '3 days', trend: 'same', location: 'front', severity: '3', recurrent: 'no', aggravators: 'stairs' };
    expect(await finishCheck(person, await person.say('my knee hurts'), mild)).to.deep.equal({ level: 'self-care', reasons: ['mild_recent'] });
    const corrected = await person.say('sorry, I meant 3 weeks not 3 days');
    expect(corrected.text).to.match(/Thanks for telling me/);
    const asked: string[] = [];
    const outcome = await finishCheck(person, corrected, mild, asked);
    expect(asked).to.deep.equal(['red_flags']);
    expect(outcome).to.deep.equal({ level: 'book', reasons: ['persistent'] });
    // A message after the outcome that corrects nothing is read as any other.
    expect((await person.say('sorry, what is runners knee?')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
  });

  it('takes "bye" or "gotta go" in the middle as leaving for now, not an unclear answer: "continue" later goes on', async () => {
    const person = new Person(bot.url);
    expect(questionId(await person.say('my knee hurts'))).to.equal('injury');
    for (const leaving of ['bye!', 'thanks, I have to go']) {
      const turn = await person.say(leaving);
      expect(turn.text, leaving).to.match(/check will wait/);
      expect(questionId(turn)).to.equal(undefined);
    }
    const back = await person.say('continue');
    expect(questionId(back)).to.equal('injury');
    expect(back.text).to.not.match(/didn't quite get that/);
  });

  it('reads "ok thanks" after an answer that offers the check as thanks, and "yes please check" as taking it up', async () => {
    const thanks = new Person(bot.url);
    await thanks.say('what is runners knee');
    const turn = await thanks.say('ok thanks');
    expect(questionId(turn)).to.equal(undefined);
    expect(turn.text).to.match(/welcome/i);
    const check = new Person(bot.url);
    await check.say('I have a dull ache round my kneecap, what is it?');
    expect(questionId(await check.say('yes please check'))).to.equal('injury');
  });

  it('goes on with the open check for "ok lets do the check" or its button, keeping the answers given', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'age');
    for (const again of [() => person.say('ok lets do the check'), () => person.press('triage:start')]) {
      const turn = await again();
      expect(questionId(turn)).to.equal('age');
      expect(turn.text).to.not.match(/remember the result for 90 days/);
    }
  });

  it('gives the outcome\'s advice again for "what should I do now?" after it, not topics to choose from', async () => {
    const person = new Person(bot.url);
    const outcome = await finishCheck(person, await person.say("my knee locks and won't straighten"), { red_flags: 'none', injury: 'no', age: '30' });
    expect(outcome.level).to.equal('urgent');
    const again = await person.say('what should I do now?');
    expect(again.entity('triage.outcome')).to.include({ level: 'urgent' });
    expect(again.entity('kb.suggestions')).to.equal(undefined);
  });

  it('explains the warning-sign question on "I don\'t understand" (never a "no"), and counts a second time as unclear', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'red_flags');
    const explained = await person.say("I don't understand");
    expect(questionId(explained)).to.equal('red_flags');
    expect(explained.text).to.not.match(/how old/i);
    const again = await person.say("sorry, I still don't understand");
    // The second time is an unclear answer: asked again, or (unclear twice on a safety question) to be seen today.
    expect(questionId(again) === 'red_flags' || outcomeOf(again)?.level === 'urgent', again.text).to.equal(true);
  });

  // From a blind vignette set: "why?" at the age question was a question the FAQ could not answer, again and again.
  it('says why a question is asked on "why?", and counts a second "why?" as unclear', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'age');
    const why = await person.say('why?');
    expect(questionId(why)).to.equal('age');
    expect(why.text).to.match(/I ask because/);
    expect(why.entity('kb.noMatch')).to.equal(undefined);
    const asking = new Person(bot.url);
    await walkTo(asking, 'age');
    expect((await asking.say('Why do you need that?')).text).to.match(/I ask because/);
    // "why" again and again is an unclear answer: the check goes on without it (here to its end), never round and round.
    let next = await person.say('why');
    for (let i = 0; i < 3 && questionId(next) === 'age'; i++) next = await person.say('why');
    expect(questionId(next)).to.not.equal('age');
    expect(outcomeOf(next)?.reasons).to.include('unclear_answers');
  });

  // From a blind vignette set: "next question please", again and again, asked the same question for ever.
  it('takes "next question please" as no answer: asked again once, then the check goes on without it', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'duration');
    expect(questionId(await person.say('next question please'))).to.equal('duration');
    expect(questionId(await person.say('next question please'))).to.not.equal('duration');
  });

  it('asks the waiting question again on "ok where were we" after a question asked mid-check, counting nothing unclear', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'trend');
    await person.say('do you take insurance?');
    const back = await person.say('ok where were we');
    expect(questionId(back)).to.equal('trend');
    expect(back.text).to.not.match(/didn't (quite )?get that/i);
  });

  it('answers a question asked after "hold on." mid-check, but not one about something out of scope', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'trend');
    const insurance = await person.say('hold on. do you guys take insurance?');
    expect(insurance.entity('kb.answer')?.id).to.equal('insurance');
    expect(questionId(insurance)).to.equal('trend');
    // An answer that offers the check does not, in the middle of it.
    const pfps = await person.say("what's PFPS?");
    expect(pfps.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
    expect(pfps.text).to.not.match(/check your symptoms/);
    expect((await new Person(bot.url).say("what's PFPS?")).text).to.match(/check your symptoms/);
    const acl = await person.say('I tore my ACL last year. How long to recover?');
    expect(acl.entity('kb.answer')).to.equal(undefined);
    expect(acl.entity('kb.noMatch')).to.not.equal(undefined);
    expect(questionId(acl)).to.equal('trend');
  });

  it('keeps a warning sign told past the length limit of a long message for the check it starts', async () => {
    const person = new Person(bot.url);
    const story = 'I have been running for years and my knee has been fine until lately, so here is the whole story. '.repeat(25);
    const first = await person.say(`${story} Since this morning my knee is locked and I cannot straighten it at all. What should I do?`);
    expect(questionId(first)).to.be.a('string');
    const replies = { injury: 'no', weight_bearing: 'yes', red_flags: 'none of the others', age: '50', duration: '3 days', trend: 'better', location: 'front', severity: '2', recurrent: 'no', aggravators: 'nothing really' };
    const outcome = await finishCheck(person, first, replies);
    expect(outcome.level).to.equal('urgent');
    expect(outcome.reasons).to.include('locked_knee');
  });

  it('takes a recent operation told just after a hot, swollen knee\'s outcome ("oh and I had a knee scope"): an emergency', async () => {
    const person = new Person(bot.url);
    const urgent = await finishCheck(person, await person.say('my knee is sore'), { injury: 'no', red_flags: 'swollen and hot' });
    expect(urgent).to.deep.equal({ level: 'urgent', reasons: ['hot_swollen_knee'] });
    const added = await person.say('oh and I had a knee scope 3 weeks ago');
    expect(added.text).to.match(/Thanks for telling me/);
    const outcome = await finishCheck(person, added, { red_flags: 'none of the others' });
    expect(outcome.level).to.equal('emergency');
    expect(outcome.reasons).to.include('possible_joint_infection');
  });

  it('hears a knee gone hot and red, told at a later question, as the warning sign it is', async () => {
    const person = new Person(bot.url);
    const replies = { injury: 'no', red_flags: 'none', age: '40', duration: '5 days', trend: 'same', location: 'front', severity: '5', recurrent: 'no', aggravators: "stairs. and it's gone all hot and red this evening" };
    const outcome = await finishCheck(person, await person.say('my knee has been aching'), replies);
    expect(outcome.level).to.equal('urgent');
    expect(outcome.reasons).to.include('hot_swollen_knee');
  });

  it('adds an option texted just after the outcome ("sorry also 9") to the list answered last, and the outcome follows it', async () => {
    const person = new Person(bot.url, 'sms', '+14165550502');
    expect(questionId(await person.say('knee pain'))).to.equal('injury');
    expect(questionId(await person.say('2'))).to.equal('red_flags');
    const booked = await person.say('4');
    expect(outcomeOf(booked)?.level).to.equal('book');
    const added = await person.say('sorry also 9');
    expect(added.text).to.match(/Thanks for telling me/);
    // The warning signs are asked once more; "none" there does not take back the sign told.
    const outcome = await finishCheck(person, added, { red_flags: '14', age: '30' });
    expect(outcome.level).to.equal('urgent');
    expect(outcome.reasons).to.include('cannot_bear_weight');
  });

  it('on SMS, offers booking mid-check without numbered options, so "2" still answers the open question', async () => {
    const person = new Person(bot.url, 'sms', '+14165550503');
    await walkTo(person, 'severity');
    const offer = await person.say('book');
    expect(offer.text).to.match(/symptom check is still open/);
    expect(offer.text).to.not.match(/Reply 1/);
    const next = await person.say('2');
    expect(questionId(next)).to.not.equal('severity');
  });

  it('asks the warning-sign question again when its card is sent with nothing ticked', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'red_flags');
    const turn = await person.post({ type: 'message', value: { codes: '' } });
    expect(turn.text).to.match(/Nothing came through as an answer/);
    expect(questionId(turn)).to.equal('red_flags');
  });

  it('takes a warning sign ticked late on the warning-sign card, after the check moved on', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'duration');
    const turn = await person.post({ type: 'message', value: { codes: 'hot_swollen' } });
    expect(outcomeOf(turn)?.level).to.equal('urgent');
    expect(outcomeOf(turn)?.reasons).to.deep.equal(['hot_swollen_knee']);
  });

  it('an injury answer still unclear after two asks makes the outcome at least urgent, and still asks the warning signs', async () => {
    const person = new Person(bot.url);
    const first = await person.say('my knee hurts');
    expect(questionId(first)).to.equal('injury');
    expect(questionId(await person.say('purple bananas'))).to.equal('injury');
    const asked: string[] = [];
    const outcome = await finishCheck(person, await person.say('the moon'), { red_flags: 'none', age: '30' }, asked);
    expect(asked).to.include('red_flags');
    expect(outcome.level).to.equal('urgent');
    expect(outcome.reasons).to.include('unclear_safety_answer');
  });

  it('a duration still unclear after two asks is skipped and makes the outcome at least book', async () => {
    const person = new Person(bot.url);
    const turn = await walkTo(person, 'duration');
    expect(questionId(turn)).to.equal('duration');
    expect(questionId(await person.say('purple'))).to.equal('duration');
    const outcome = await finishCheck(person, await person.say('blue'), { trend: 'better', location: 'front', severity: '2', recurrent: 'no', aggravators: 'running' });
    expect(outcome.level).to.equal('book');
    expect(outcome.reasons).to.include('unclear_answers');
  });

  it('says every outcome is not a diagnosis', async () => {
    const person = new Person(bot.url);
    const turn = await walkTo(person, 'duration');
    await finishCheck(person, turn, { duration: '3 days', trend: 'better', location: 'front', severity: '2', recurrent: 'no', aggravators: 'running' });
    const again = new Person(bot.url);
    const last = await again.say('my knee is deformed');
    expect(last.text).to.match(/not a diagnosis/i);
  });

  it('gives crisis resources before anything else, even in the middle of the check', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'age');
    const turn = await person.say('honestly I just want to kill myself');
    expect(turn.entity('safety.crisis')).to.not.equal(undefined);
    expect(turn.text).to.match(/9-8-8/);
  });

  it('gives crisis resources first, then the usual reply, for crisis talk only the model reads', async () => {
    const turn = await new Person(bot.url).say('I scratch my shins raw with my nails, it\'s the only thing that takes the edge off when I can\'t run');
    const kinds = turn.activities.map((a) => a.entities?.[0]?.type);
    const crisisAt = kinds.indexOf('safety.crisis');
    expect(crisisAt, 'crisis resources').to.be.at.least(0);
    expect(turn.text).to.match(/9-8-8/);
    // After the resources, the reply the message would have had (here: no answer in the knowledge base).
    expect(kinds.slice(crisisAt + 1)).to.include('kb.noMatch');
  });

  it('gives crisis resources alone for crisis wording the phrase lists name', async () => {
    const turn = await new Person(bot.url).say('I want to kill myself, my knee is sore');
    expect(turn.entity('safety.crisis')).to.not.equal(undefined);
    expect(turn.entity('triage.question')).to.equal(undefined);
  });

  it('does not treat a negated warning sign as an emergency', async () => {
    const turn = await new Person(bot.url).say('no chest pain and not short of breath, just wondering what runners knee is');
    expect(outcomeOf(turn)).to.equal(undefined);
  });
});

describe('the check with people who call 911, start over, stop, or ask what the outcome means', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('says calling 911 or being in the ER is the right place, and stops the check, counting nothing unclear', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'weight_bearing');
    const calling = await person.say("I'm calling 911 now");
    expect(calling.text).to.match(/right place/);
    expect(calling.text).to.match(/stopped the symptom check/);
    expect(questionId(calling)).to.equal(undefined);
    expect(outcomeOf(calling)).to.equal(undefined);
    const waiting = await new Person(bot.url).say("I'm in the ER right now with my knee, waiting to be seen");
    expect(waiting.text).to.match(/right place/);
    expect(questionId(waiting)).to.equal(undefined);
    // A hospital stay told as past, a physio visit to come, or a question is no call for help: the check goes on.
    const past = await new Person(bot.url).say('I was in the hospital last month for my knee scope and it still hurts');
    expect(past.text).to.not.match(/right place/);
    expect(questionId(past)).to.be.a('string');
    const asking = new Person(bot.url);
    await walkTo(asking, 'red_flags');
    for (const text of ['should I be calling 911?', "I'm waiting to be seen by a physio next week"]) expect((await asking.say(text)).text, text).to.not.match(/right place/);
  });

  it('starts the check again on "start over", and on "cancel" says to be seen today when the answers so far call for it', async () => {
    const restarting = new Person(bot.url);
    await walkTo(restarting, 'rapid_swelling');
    const again = await restarting.say('start over');
    expect(again.text).to.match(/start the symptom check again/);
    expect(questionId(again)).to.equal('injury');
    const stopping = new Person(bot.url);
    expect(questionId(await stopping.say('my knee hurts'))).to.equal('injury');
    expect(questionId(await stopping.say('yes I fell'))).to.equal('weight_bearing');
    expect(questionId(await stopping.say("no I can't"))).to.be.a('string');
    const stopped = await stopping.say('cancel');
    expect(stopped.text).to.match(/should be seen today/);
    expect(stopped.text).to.match(/stopped the symptom check/);
    // With nothing serious told, stopping says only that; "stop asking me so many questions" stops it too.
    const mild = new Person(bot.url);
    await walkTo(mild, 'age');
    expect((await mild.say('cancel')).text).to.not.match(/seen today/);
    const tired = new Person(bot.url);
    await walkTo(tired, 'injury');
    expect((await tired.say('stop asking me so many questions')).text).to.match(/stopped the symptom check/);
  });

  it('gives the outcome again for "what does that mean?" asked just after it, not what runner\'s knee is', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'duration');
    const outcome = await person.say('8 weeks');
    expect(outcomeOf(outcome)?.level).to.equal('book');
    const meaning = await person.say('what does that mean?');
    expect(outcomeOf(meaning)?.level).to.equal('book');
    expect(meaning.entity('kb.answer')).to.equal(undefined);
  });

  // From a black-box audit: "why?" after the outcome answered the topic asked before the check.
  it('says why for "why?" and "why do I need to book?" just after the outcome, and leans "how long?" on no topic from before the check', async () => {
    const person = new Person(bot.url);
    expect((await person.say('what is runners knee')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
    await finishCheck(person, await person.say('my knee hurts'), { ...PATH_NO_INJURY, duration: '8 weeks' });
    const why = await person.say('why?');
    expect(why.text).to.match(/two weeks or more/);
    expect(why.entity('kb.answer')).to.equal(undefined);
    // The reasons alone: the outcome is not given (nor counted) a second time.
    expect(outcomeOf(why)).to.equal(undefined);
    expect(outcomeOf(await person.say('what does that mean?'))?.level).to.equal('book');
    expect((await person.say('how long?')).entity('kb.answer')?.id).to.not.equal('what-is-runners-knee');
    const again = new Person(bot.url);
    await finishCheck(again, await again.say('my knee hurts'), { ...PATH_NO_INJURY, duration: '8 weeks' });
    expect((await again.say('why do I need to book?')).text).to.match(/two weeks or more/);
    // A question of its own after the outcome is answered as one.
    const asked = new Person(bot.url);
    await finishCheck(asked, await asked.say('my knee hurts'), { ...PATH_NO_INJURY, duration: '8 weeks' });
    const own = await asked.say('why do I get runners knee?');
    expect(own.entity('kb.answer')).to.not.equal(undefined);
    expect(own.text).to.not.match(/from your answers/);
  });

  it('puts the outcome right for "wait, actually I did fall" and "I\'m 58 not 38" told after it', async () => {
    const fell = new Person(bot.url);
    const mild = await finishCheck(fell, await fell.say('my knee hurts'), { ...PATH_NO_INJURY });
    expect(mild.level).to.equal('self-care');
    expect(questionId(await fell.say('wait, actually I did fall'))).to.equal('weight_bearing');
    const older = new Person(bot.url);
    const first = await finishCheck(older, await older.say('I twisted my knee'), { weight_bearing: 'yes', rapid_swelling: 'no', red_flags: 'none', age: '38' });
    expect(first).to.deep.equal({ level: 'book', reasons: ['injury'] });
    const corrected = await older.say("I'm 58 not 38");
    const outcome = await finishCheck(older, corrected, { red_flags: 'none' });
    expect(outcome).to.deep.equal({ level: 'urgent', reasons: ['injury_over_55'] });
  });

  it('asks again, as unclear, for "??" or "why do u need to know that", and takes a question at the duration question as no answer', async () => {
    const person = new Person(bot.url, 'sms');
    await walkTo(person, 'location');
    const marks = await person.say('??');
    expect(marks.entity('kb.noMatch')).to.equal(undefined);
    expect(questionId(marks)).to.equal('location');
    const why = new Person(bot.url);
    await walkTo(why, 'age');
    // Why it is asked, once; asked again, unclear twice: the check goes on without it.
    const explained = await why.say('why do u need to know that');
    expect(questionId(explained)).to.equal('age');
    expect(explained.text).to.match(/I ask because/);
    expect(questionId(await why.say('why do u need to know that'))).to.equal('age');
    expect(outcomeOf(await why.say('why do u need to know that'))).to.deep.equal({ level: 'book', reasons: ['unclear_answers'] });
    const racing = new Person(bot.url);
    await walkTo(racing, 'duration');
    const race = await racing.say('can I still run my race on Saturday?');
    expect(questionId(race)).to.equal('duration');
    expect(race.entity('kb.answer')).to.not.equal(undefined);
  });

  // A child who "won't put weight on" the leg is read as not bearing weight, the safe side, even beside a limp.
  it('reads a parent\'s "he won\'t put weight on his leg" as not bearing weight: to be seen today', async () => {
    const person = new Person(bot.url);
    const first = await person.say("my son is 9 and fell off the trampoline, he's limping and won't put weight on his leg");
    const outcome = await finishCheck(person, first, { weight_bearing: "he won't put weight on it", rapid_swelling: 'no', red_flags: 'none' });
    expect(outcome.level).to.equal('urgent');
    expect(outcome.reasons).to.include('cannot_bear_weight');
  });

  it('says what it keeps for "what did you save about me?"', async () => {
    const turn = await new Person(bot.url).say('what did you save about me?');
    expect(turn.text).to.match(/delete my data/);
    expect(turn.entity('kb.noMatch')).to.equal(undefined);
  });

  // From a black-box test: asking for a call-back mid-check dropped the check's safety questions, with no word of it.
  it('keeps the check open when a call-back is asked for in its middle, and takes the call-back when asked again', async () => {
    const person = new Person(bot.url);
    expect(questionId(await person.say('my knee hurts, I twisted it'))).to.equal('weight_bearing');
    const first = await person.say('can someone call me back?');
    expect(first.text).to.match(/symptom check is still open/);
    expect(first.entity('booking.question')).to.equal(undefined);
    expect(questionId(await person.say('continue'))).to.equal('weight_bearing');
    expect(questionId(await person.say('yes'))).to.equal('rapid_swelling');
    expect((await person.say('just call me back please')).entity('booking.question')?.id).to.equal('consent');
  });

  it('asks the check first when a call-back is asked for with one\'s own knee told, and takes the call-back when asked again', async () => {
    const person = new Person(bot.url, 'sms', '+14165550163');
    const first = await person.say("can the clinic call me today? it's urgent, my knee is really bad");
    expect(first.text).to.match(/to skip them, say "call me back" again/);
    expect(questionId(first)).to.equal('injury');
    expect((await person.say('call me back')).entity('booking.question')?.id).to.equal('consent');
    // Asked with no knee told, the call-back at once.
    expect((await new Person(bot.url).say('can someone call me back?')).entity('booking.question')?.id).to.equal('consent');
  });

  it('understands "I want my data deleted", and "who will see my details?" asked at the call-back\'s consent', async () => {
    expect((await new Person(bot.url).say('I want my data deleted')).entity('privacy.deleted')).to.not.equal(undefined);
    const person = new Person(bot.url);
    await person.press('booking:callback');
    const asked = await person.say('who will see my details?');
    expect(asked.text).to.match(/clinic's staff only/);
    expect(asked.entity('booking.question')?.id).to.equal('consent');
  });

  it('answers "when will you call me?" after a call-back request with the request, not a second one', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    await person.say('yes');
    await person.say('Sam Lee');
    await person.say('416-555-0123');
    const done = await person.say('weekday mornings');
    const reference = String(done.entity('booking.requested')?.reference);
    const asked = await person.say('when will you call me?');
    expect(asked.text).to.include(reference);
    expect(asked.entity('booking.question')).to.equal(undefined);
    // Back in a new conversation, another request is made only after being told of this one.
    const later = new Person(bot.url, 'webchat', person.userId);
    const again = await later.press('booking:callback');
    expect(again.text).to.include(`You already have a call-back request with the clinic (reference ${reference})`);
    expect((await later.say('no thanks')).text).to.include(`Your call-back request ${reference} stands`);
    // "oops wrong time" is about the request, not a new symptom check.
    const wrong = await person.say('oops wrong time');
    expect(wrong.text).to.include(reference).and.match(/can't change it here/);
    expect(wrong.entity('triage.question')).to.equal(undefined);
    expect((await person.say("I don't need the call back anymore")).text).to.match(/withdrawn your call-back request/);
  });
});

describe('the check with what people text: late signs, loose ages, denials after a sign, hedged answers', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());
  const injured = { weight_bearing: 'yes', rapid_swelling: 'no', red_flags: 'none' };

  it('takes a warning sign told after the outcome with a question ("it wakes me up at night too, is that normal?") into it', async () => {
    const person = new Person(bot.url, 'sms');
    const first = await finishCheck(person, await person.say('knee pain'), { injury: 'no', red_flags: 'none', age: '64', duration: '3 weeks' });
    expect(first).to.deep.equal({ level: 'book', reasons: ['persistent'] });
    const late = await person.say('it wakes me up at night too, is that normal?');
    expect(late.text).to.match(/Thanks for telling me/);
    expect(await finishCheck(person, late, { red_flags: 'none' })).to.deep.equal({ level: 'doctor', reasons: ['night_pain_or_weight_loss'] });
    // A question that only asks tells nothing.
    const asking = new Person(bot.url);
    await finishCheck(asking, await asking.say('knee pain'), { injury: 'no', red_flags: 'none', age: '64', duration: '3 weeks' });
    expect((await asking.say('does it hurt at night with runners knee?')).text).to.not.match(/Thanks for telling me/);
  });

  it('reads "fifty something" after a fall as the fifties, and takes "I\'m 56 actually" after the outcome as the age', async () => {
    const loose = new Person(bot.url, 'sms');
    expect(await finishCheck(loose, await loose.say('I fell off a ladder'), { ...injured, age: 'fifty something' })).to.deep.equal({ level: 'urgent', reasons: ['injury_over_55'] });
    const corrected = new Person(bot.url, 'sms');
    expect(await finishCheck(corrected, await corrected.say('I fell off a ladder'), { ...injured, age: '45' })).to.deep.equal({ level: 'book', reasons: ['injury'] });
    const late = await corrected.say("I'm 56 actually");
    expect(await finishCheck(corrected, late, { red_flags: 'none' })).to.deep.equal({ level: 'urgent', reasons: ['injury_over_55'] });
  });

  it('takes "chest pain? no" as no chest pain, and asks again after "she hobbles a bit but won\'t really put weight on it"', async () => {
    const person = new Person(bot.url, 'sms');
    await walkTo(person, 'red_flags');
    const denied = await person.say('chest pain? no');
    expect(outcomeOf(denied)?.level).to.not.equal('emergency');
    const hedged = new Person(bot.url, 'sms');
    expect(questionId(await hedged.say('my daughter twisted her knee at hockey'))).to.equal('weight_bearing');
    expect(questionId(await hedged.say("she hobbles a bit but won't really put weight on it"))).to.equal('weight_bearing');
  });

  it('answers "im going to the ER now" mid-check, "what should we do" after an urgent outcome, and a privacy question during the emergency hold', async () => {
    const going = new Person(bot.url, 'sms');
    await walkTo(going, 'red_flags');
    expect((await going.say('im going to the ER now')).text).to.match(/right place/);
    const urgent = new Person(bot.url);
    expect(questionId(await urgent.say('my knee hurts'))).to.equal('injury');
    expect(questionId(await urgent.say('yes I fell'))).to.equal('weight_bearing');
    const outcome = await finishCheck(urgent, await urgent.say("no I can't"), { red_flags: 'none' });
    expect(outcome.level).to.equal('urgent');
    expect(outcomeOf(await urgent.say('what should we do'))?.level).to.equal('urgent');
    const held = new Person(bot.url);
    expect(outcomeOf(await held.say('my foot is cold and blue'))?.level).to.equal('emergency');
    const privacy = await held.say('what do you keep about me?');
    expect(privacy.text).to.match(/delete my data/);
    expect(privacy.text).to.match(/call 911/);
  });

  it('offers physio booking after a doctor outcome as something for after the doctor', async () => {
    const person = new Person(bot.url);
    expect(questionId(await person.say('my knee hurts'))).to.equal('injury');
    expect(questionId(await person.say('no'))).to.equal('red_flags');
    const turn = await person.say('it aches at night');
    expect(outcomeOf(turn)?.level).to.equal('doctor');
    expect(turn.entity('booking.offer')).to.not.equal(undefined);
    expect(turn.text).to.match(/Once you've seen your doctor, you can book/);
  });
});

describe('questions the bot cannot answer in the middle of the check', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('are not counted as unclear answers: the same question is asked again, and the outcome is not raised', async () => {
    const person = new Person(bot.url);
    expect(questionId(await person.say('my knee hurts'))).to.equal('injury');
    for (const question of ['is it normal for my knee to click?', 'can I take ibuprofen']) {
      const turn = await person.say(question);
      expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
      expect(questionId(turn)).to.equal('injury');
    }
    const outcome = await finishCheck(person, await person.say('no'), { red_flags: 'none', age: '30', duration: '3 days', trend: 'better', location: 'front', severity: '2', recurrent: 'no', aggravators: 'running' });
    expect(outcome).to.deep.equal({ level: 'self-care', reasons: ['mild_recent'] });
  });

  it('do not include a hesitant reply with a question mark: "not really, maybe I bumped it?" is asked again, not "I can\'t answer that"', async () => {
    const person = new Person(bot.url);
    expect(questionId(await person.say('my knee hurts'))).to.equal('injury');
    const turn = await person.say('not really, maybe I bumped it?');
    expect(turn.entity('kb.noMatch')).to.equal(undefined);
    expect(turn.text).to.match(/didn't quite get that/);
    expect(questionId(turn)).to.equal('injury');
  });
});

describe('a check finished in the same conversation, days before (an SMS thread is one conversation)', () => {
  let bot: TestBot;
  let now = new Date('2026-11-20T15:00:00Z');
  before(async () => {
    bot = await startTestBot({ now: () => now });
  });
  after(() => bot.stop());

  it('makes the person returning: asked how the knee is now, not asked everything again; an hour later it does not', async () => {
    now = new Date('2026-11-20T15:00:00Z');
    const person = new Person(bot.url);
    const mild = { injury: 'no', red_flags: 'none', age: '30', duration: '3 days', trend: 'same', location: 'front', severity: '3', recurrent: 'no', aggravators: 'stairs' };
    expect((await finishCheck(person, await person.say('my knee hurts'), mild)).level).to.equal('self-care');
    now = new Date('2026-11-20T16:00:00Z');
    expect(questionId(await person.say('my knee still hurts'))).to.equal('injury');
    await person.say('cancel');
    now = new Date('2026-11-23T15:00:00Z');
    expect(questionId(await person.say('hey its me again, knee still sore'))).to.equal('returning_status');
  });
});
