import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { finishCheck, outcomeOf, PATH_NO_INJURY, questionId, walkTo } from './journey';

// What a black-box test of the bot found people saying after the emergency answer, crisis resources or an outcome,
// and in the middle of the check.

describe('after the emergency answer', () => {
  let bot: TestBot;
  let now = new Date('2026-11-25T15:00:00Z');
  before(async () => {
    bot = await startTestBot({ now: () => now });
  });
  after(() => bot.stop());

  it('answers "ok thanks", a first-aid question and a request to book physio instead with the emergency advice, until "start over"', async () => {
    const person = new Person(bot.url);
    expect(outcomeOf(await person.say('my knee is bent sideways after a fall'))?.level).to.equal('emergency');
    for (const text of ['ok thanks', 'should i put ice on it while i wait for the ambulance?', "I don't want to go to the ER, can I just book a physio appointment?"]) {
      const turn = await person.say(text);
      expect(turn.text, text).to.match(/call 911/);
      expect(questionId(turn), text).to.equal(undefined);
      expect(turn.entity('kb.answer'), text).to.equal(undefined);
      expect(turn.entity('booking.offer'), text).to.equal(undefined);
    }
    await person.say('start over');
    expect((await person.say('what is runners knee')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
  });

  it('keeps giving the emergency advice after "delete my data": deleting what is kept does not make the emergency safe', async () => {
    const person = new Person(bot.url);
    expect(outcomeOf(await person.say('my kneecap is sticking out sideways and my leg looks deformed'))?.level).to.equal('emergency');
    expect((await person.say('delete my data')).entity('privacy.deleted')).to.not.equal(undefined);
    const turn = await person.say('book me in for tomorrow');
    expect(turn.text).to.match(/call 911/);
    expect(turn.entity('booking.offer')).to.equal(undefined);
  });

  it('lets go when the person tells of having been seen since, and reads the rest of the message', async () => {
    const person = new Person(bot.url);
    expect(outcomeOf(await person.say('my knee is bent sideways after a fall'))?.level).to.equal('emergency');
    expect((await person.say("I haven't been seen yet, can I book physio?")).text).to.match(/call 911/);
    const seen = await person.say("ok I went to the ER and they said it's just bursitis, can I book physio now?");
    expect(seen.text).to.match(/glad you've been checked/);
    expect(seen.entity('booking.offer')).to.not.equal(undefined);
    expect((await person.say('what is runners knee')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
  });

  it('says the call-back request being taken was not sent when an emergency is told at its last question', async () => {
    const requests = () => bot.running.database.sql.query('SELECT reference FROM booking_requests', []);
    const before = (await requests()).length;
    const person = new Person(bot.url, 'sms', '+14165550151');
    for (const text of ['call me back', 'yes', 'Nina', '1']) await person.say(text);
    const turn = await person.say('any time, oh and my foot has gone cold and blue since this afternoon');
    expect(outcomeOf(turn)?.level).to.equal('emergency');
    expect(turn.text).to.match(/haven't sent your call-back request/);
    expect(await requests()).to.have.length(before);
  });

  // From a third black-box test: a walk-in's doctor, and an ER that named the sign and put it right.
  it('lets go when told "the doctor at the walk-in said its fine" or "they said it was a dislocation, they put it back"', async () => {
    const walkIn = new Person(bot.url);
    expect(outcomeOf(await walkIn.say('my knee is hot swollen and I have a fever'))?.level).to.equal('emergency');
    const seen = await walkIn.say('the doctor at the walk-in said its fine, just bursitis. can i book physio now?');
    expect(seen.text).to.match(/glad you've been checked/);
    expect(seen.entity('booking.offer')).to.not.equal(undefined);
    const er = new Person(bot.url);
    expect(outcomeOf(await er.say('my kneecap has moved to the side of my knee and it looks weird'))?.level).to.equal('emergency');
    const back = await er.say('I went to the ER and they said it was a dislocation, they put it back. can I book physio now?');
    expect(outcomeOf(back), 'no new emergency answer for the sign that was seen to').to.equal(undefined);
    expect(back.text).to.match(/glad you've been checked/);
  });

  // From a second black-box test: being at the hospital, or having left it, is not having been seen.
  it('keeps the hold for someone not yet seen, without telling one who called 911 or waits in the ER to do it again', async () => {
    const person = new Person(bot.url);
    expect(outcomeOf(await person.say('my knee is hot and swollen and I have a fever'))?.level).to.equal('emergency');
    const left = await person.say('I went to the hospital but left before being seen, the wait was too long. can I book physio?');
    // (In Web Chat "call 911" is a telephone link.)
    expect(left.text.replace(/\[([^\]]*)\]\(tel:[^)]*\)/g, '$1')).to.match(/call 911 or go to the nearest emergency department/).and.not.match(/glad/);
    expect(left.entity('booking.offer')).to.equal(undefined);
    for (const text of ["I'm at the hospital now waiting to be seen, how long is recovery usually?", "I called 911 and I'm waiting for the ambulance", "I'm at emerg, still haven't seen a doctor",
      'ok my daughter is driving me to the ER now. thank you', "we're heading to emergency now", 'ok calling 911']) {
      const turn = await person.say(text);
      expect(turn.text, text).to.match(/you're getting help/).and.not.match(/glad/);
      expect(turn.entity('kb.answer'), text).to.equal(undefined);
    }
    const seen = await person.say('update: the ER doctor popped it back in yesterday and said to do physio. how do I book?');
    expect(seen.text).to.match(/glad you've been checked/);
    expect(seen.entity('booking.offer')).to.not.equal(undefined);
  });

  it('holds after an emergency outcome of the check too, and lets go after the hold has passed', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'red_flags');
    expect(outcomeOf(await person.say('my foot is cold and blue'))?.level).to.equal('emergency');
    expect((await person.say('thanks')).text).to.match(/call 911/);
    now = new Date(now.getTime() + 13 * 3_600_000);
    try {
      expect((await person.say('what is runners knee')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
    } finally {
      now = new Date('2026-11-25T15:00:00Z');
    }
  });
});

describe('a message too long to read whole', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  const story = 'I have been running for years and my knee has been sore on and off, mostly on long runs. '.repeat(50);
  it('is still screened to its end: chest pain told after 4,000 characters gets the emergency answer', async () => {
    const turn = await new Person(bot.url).say(`${story} Also since this morning I have chest pain.`);
    expect(outcomeOf(turn)?.level).to.equal('emergency');
  });

  it('is still screened to its end: crisis talk at the end gets the resources', async () => {
    const turn = await new Person(bot.url).say(`${story} Honestly I just want to end my life.`);
    expect(turn.entity('safety.crisis')).to.not.equal(undefined);
  });
});

describe('after an urgent outcome', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('says physio does not replace being seen today before any booking offer', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'red_flags');
    const outcome = outcomeOf(await person.say('my calf is red and swollen'));
    expect(outcome?.level).to.equal('urgent');
    const turn = await person.say('can i just book a physio appointment instead?');
    expect(turn.entity('booking.offer')).to.not.equal(undefined);
    expect(turn.activities[0].text).to.match(/be(ing)? seen today/);
    expect(turn.activities[0].text, 'the sign may be the calf, not the knee').to.not.include('knee examined');
    // Said once: the call-back asked for next does not say it again.
    const callback = await person.press('booking:callback');
    expect(callback.entity('booking.question')?.id).to.equal('consent');
    expect(callback.text).to.not.match(/be(ing)? seen today/);
  });

  // From a third black-box test: the urgent advice for a hot, swollen knee says to call 911 with a fever; a fever told next is the emergency.
  for (const fever of ['I also have a fever of 39', 'i feel feverish and shivery too', 'ok, also i have chills and a temperature', 'i have a fever too, is that bad?']) {
    it(`gives the emergency answer when "${fever}" follows a hot, swollen knee's outcome`, async () => {
      const person = new Person(bot.url);
      const first = await person.say('my knee is hot and swollen');
      expect(outcomeOf(await person.say(questionId(first) === 'red_flags' ? 'no' : 'none'))?.level).to.equal('urgent');
      const turn = await person.say(fever);
      expect(outcomeOf(turn)).to.deep.equal({ level: 'emergency', reasons: ['possible_joint_infection'] });
      expect(turn.text).to.match(/changes my advice/).and.match(/Call 911/);
    });
  }

  it('says physio cannot replace being seen today to "can i just book physio instead? i dont want to sit in emerg"', async () => {
    const person = new Person(bot.url, 'sms', '+14165550142');
    await person.say('slipped on ice this morning and landed on my knee');
    await person.say('no i cant, hurts way too much to put any weight on it');
    expect(outcomeOf(await person.say('14'))?.level).to.equal('urgent');
    const turn = await person.say('can i just book physio instead? i dont want to sit in emerg for 8 hours');
    expect(turn.activities[0].text).to.match(/can't replace being seen today/);
  });

  // From a black-box test: "can't I just see a physio?" after advice to be seen today got "Yes, physiotherapy..." and a booking button.
  it('says physio cannot replace being seen today before an answer about physio that offers booking, after an urgent outcome', async () => {
    const person = new Person(bot.url);
    await person.say('my knee hurts');
    await person.say('no');
    expect(outcomeOf(await person.say('it locks'))?.level).to.equal('urgent');
    const turn = await person.say("can't I just see a physio?");
    expect(turn.activities[0].text).to.match(/can't replace being seen today/);
    expect(turn.entity('kb.answer')?.id).to.equal('physiotherapy');
    // A question that offers no booking is answered as it is.
    expect((await person.say('what is runners knee')).activities[0].text).to.not.match(/can't replace/);
  });

  it('says a doctor comes first before a booking asked for after a doctor outcome ("can I just book?")', async () => {
    const person = new Person(bot.url);
    await person.say('my knee hurts');
    await person.say('no');
    const outcome = await finishCheck(person, await person.say('i had knee surgery 5 weeks ago'), PATH_NO_INJURY);
    expect(outcome.level).to.equal('doctor');
    const asked = await person.say('can I just book?');
    expect(asked.activities[0].text).to.match(/a doctor should see your knee first/);
    expect(asked.entity('booking.offer')).to.not.equal(undefined);
  });

  for (const question of ['is it normal that i feel feverish?', 'could it be because I have a fever?']) {
    it(`gives the emergency answer when "${question}" follows a hot, swollen knee's outcome`, async () => {
      const person = new Person(bot.url);
      const first = await person.say('my knee is hot and swollen');
      expect(outcomeOf(await person.say(questionId(first) === 'red_flags' ? 'none' : 'no'))?.level).to.equal('urgent');
      expect(outcomeOf(await person.say(question))?.level).to.equal('emergency');
    });
  }

  it('takes "is it normal that it gives way on stairs?" after a self-care outcome as a sign told, and checks again', async () => {
    const person = new Person(bot.url);
    expect((await finishCheck(person, await person.say('my knee hurts'), PATH_NO_INJURY)).level).to.equal('self-care');
    const turn = await person.say('is it normal that it gives way on stairs?');
    expect(turn.text).to.match(/go through the check again/);
    expect((await finishCheck(person, turn, { ...PATH_NO_INJURY, red_flags: 'none of the others' })).reasons).to.include('giving_way');
  });

  it('says not to wait when asked "can I wait till Monday?" after advice to be seen today, and nothing of it after self-care', async () => {
    const person = new Person(bot.url);
    expect(outcomeOf(await person.say('my knee locks'))?.level ?? outcomeOf(await person.say('none'))?.level).to.equal('urgent');
    expect((await person.say("I can't get to urgent care today, can I wait till Monday?")).text).to.match(/waiting isn't advised/);
    const mild = new Person(bot.url);
    expect((await finishCheck(mild, await mild.say('my knee hurts'), PATH_NO_INJURY)).level).to.equal('self-care');
    expect((await mild.say('can i wait till monday to run again?')).text).to.not.match(/waiting isn't advised/);
  });

  it('does not make a fever told after an outcome with no hot or swollen knee an emergency', async () => {
    const person = new Person(bot.url);
    expect((await finishCheck(person, await person.say('my knee hurts'), PATH_NO_INJURY)).level).to.equal('self-care');
    expect(outcomeOf(await person.say('I also have a fever of 39'))?.level).to.not.equal('emergency');
  });

  it('takes a warning sign ticked on the list card after the check has ended, and never drops it', async () => {
    const person = new Person(bot.url);
    expect((await finishCheck(person, await person.say('my knee hurts'), PATH_NO_INJURY)).level).to.equal('self-care');
    const turn = await person.post({ type: 'message', value: { codes: 'calf_swelling' } });
    expect(turn.entity('kb.noMatch')).to.equal(undefined);
    expect(turn.text).to.match(/go through the check again/);
    expect(await finishCheck(person, turn, { ...PATH_NO_INJURY, red_flags: 'none of the others' })).to.deep.equal({ level: 'urgent', reasons: ['possible_clot'] });
    // With no check before it, the card's signs start one.
    const stranger = new Person(bot.url);
    expect(questionId(await stranger.post({ type: 'message', value: { codes: 'hot_swollen,calf_swelling' } }))).to.equal('red_flags');
  });
});

// From a black-box test by SMS, where one number is one conversation for weeks.
describe('a check left unfinished for days', () => {
  let bot: TestBot;
  let now = new Date('2026-11-20T15:00:00Z');
  before(async () => {
    bot = await startTestBot({ now: () => now });
  });
  after(() => bot.stop());

  it('sets its answers aside, says so, and asks the warning signs again rather than reading on from a week-old question', async () => {
    const person = new Person(bot.url, 'sms', '+14165550161');
    await walkTo(person, 'duration');
    now = new Date(now.getTime() + 7 * 86_400_000);
    const turn = await person.say('hi, sorry i forgot to finish last week. knee is worse now');
    expect(turn.text).to.match(/set its answers aside/);
    expect(questionId(turn)).to.not.equal('trend');
    const outcome = await finishCheck(person, turn, { ...PATH_NO_INJURY, returning_status: 'worse', red_flags: '14' });
    expect(outcome.level).to.not.equal(undefined);
  });

  it('takes a warning sign picked from the list hours late, rather than setting it aside', async () => {
    const person = new Person(bot.url, 'sms', '+14165550163');
    await walkTo(person, 'red_flags');
    now = new Date(now.getTime() + 13 * 3_600_000);
    const turn = await person.say('5');
    expect(turn.text).to.not.match(/set its answers aside/);
    expect((await finishCheck(person, turn, PATH_NO_INJURY)).reasons).to.include('possible_clot');
  });

  it('goes on with a check answered within the hours', async () => {
    const person = new Person(bot.url, 'sms', '+14165550162');
    await walkTo(person, 'duration');
    now = new Date(now.getTime() + 2 * 3_600_000);
    expect(questionId(await person.say('3 days'))).to.equal('trend');
  });
});

describe('a warning sign asked about in the middle of the check', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  // From a fourth black-box test: signs that need no same-day care, asked about as one's own, are told all the same.
  for (const [text, level, reason] of [
    ['is it normal that it wakes me up at night?', 'doctor', 'night_pain_or_weight_loss'],
    ['is it normal that it gives way sometimes?', 'book', 'giving_way'],
  ] as const) {
    it(`keeps "${text}", asked at the trend question, as a sign told (${level})`, async () => {
      const person = new Person(bot.url);
      await walkTo(person, 'trend');
      const turn = await person.say(text);
      expect(turn.entity('kb.answer')).to.equal(undefined);
      const outcome = outcomeOf(turn) ?? (await finishCheck(person, turn, PATH_NO_INJURY));
      expect(outcome.level).to.equal(level);
      expect(outcome.reasons).to.include(reason);
    });
  }

  it('answers a general question about a sign mid-check without taking it as one\'s own ("does runners knee cause night pain?")', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'trend');
    const turn = await person.say('does runners knee cause night pain?');
    expect(questionId(turn)).to.equal('trend');
    expect((await finishCheck(person, turn, PATH_NO_INJURY)).level).to.equal('self-care');
  });

  for (const [at, text] of [['duration', 'by the way is it normal that my calf is red and swollen and sore?'], ['age', 'should i worry that my calf is swollen and red?']] as const) {
    it(`keeps "${text}", asked at the ${at} question, as a sign told, and ends with the advice to be seen today`, async () => {
      const person = new Person(bot.url);
      await walkTo(person, at);
      const turn = await person.say(text);
      expect(turn.entity('kb.answer')).to.equal(undefined);
      const outcome = outcomeOf(turn) ?? (await finishCheck(person, turn, PATH_NO_INJURY));
      expect(outcome).to.deep.equal({ level: 'urgent', reasons: ['possible_clot'] });
    });
  }
});

describe('after crisis resources', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('gives them before anything else in a first message, with no welcome ahead of them', async () => {
    const turn = await new Person(bot.url).say('i feel like ending it all');
    expect(turn.activities[0].entities?.map((e) => e.type)).to.include('safety.crisis');
    expect(turn.text).to.not.match(/knee pain assistant/);
  });

  it('answers "ok" kindly instead of starting a check', async () => {
    const person = new Person(bot.url);
    expect((await person.say('i want to kill myself')).entity('safety.crisis')).to.not.equal(undefined);
    const turn = await person.say('ok');
    expect(questionId(turn)).to.equal(undefined);
    expect(turn.text).to.match(/9-8-8/);
  });

  it('asks the check\'s question again gently, without counting the next message as an unclear answer', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'injury');
    expect((await person.say('honestly i just want to kill myself, this pain never ends')).entity('safety.crisis')).to.not.equal(undefined);
    const resumed = await person.say('ok');
    expect(questionId(resumed)).to.equal('injury');
    expect(resumed.text).to.not.match(/didn't quite get that/);
    const outcome = await finishCheck(person, await person.say('blah'), { ...PATH_NO_INJURY, injury: 'no' });
    expect(outcome.reasons).to.not.include('unclear_safety_answer');
  });
});

describe('the check with people who pause, go back or mention something else', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('does not count "thanks" or "hold on, let me think" as unclear answers to a safety question', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'injury');
    for (const text of ['thanks', 'hold on, let me think', 'one sec']) expect(questionId(await person.say(text)), text).to.equal('injury');
    const outcome = await finishCheck(person, await person.say('no'), PATH_NO_INJURY);
    expect(outcome).to.deep.equal({ level: 'self-care', reasons: ['mild_recent'] });
  });

  it('explains what a question means when asked ("what do you mean by injury?", "does a fever count?"), then asks it again', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'injury');
    const injury = await person.say('what do you mean by injury?');
    expect(injury.text).to.match(/came on gradually/);
    expect(questionId(injury)).to.equal('injury');
    expect(questionId(await person.say('no'))).to.equal('red_flags');
    const signs = await person.say('does a fever count?');
    expect(signs.text).to.match(/Hot or red and swollen/);
    expect(questionId(signs)).to.equal('red_flags');
  });

  it('"back" asks the question answered last again, and takes the new answer', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'age');
    expect(questionId(await person.say('go back'))).to.equal('red_flags');
    // With the injury denied, nothing asked after the warning signs could raise a knee that gives way above booking.
    expect(outcomeOf(await person.say('it gives way sometimes'))).to.deep.equal({ level: 'book', reasons: ['giving_way'] });
  });

  it('reads "no chest pain, not short of breath" to "can you take four steps?" as no answer, not as "I can\'t"', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'weight_bearing');
    const turn = await person.say('no chest pain, not short of breath');
    expect(questionId(turn)).to.equal('weight_bearing');
  });

  it('takes a bare number on Web Chat, where the options are buttons, as no option: "3" to how long is asked again', async () => {
    const person = new Person(bot.url);
    await walkTo(person, 'duration');
    expect(questionId(await person.say('3'))).to.equal('duration');
    expect(questionId(await person.say('3 days'))).to.equal('trend');
  });

  it('does not ask a second check in the same conversation whether the pain is better since "last time"', async () => {
    const person = new Person(bot.url);
    await finishCheck(person, await person.say('my knee hurts'), PATH_NO_INJURY);
    expect(questionId(await person.press('triage:start'))).to.equal('injury');
  });
});

describe('small requests outside the check', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('answers "ok" after an outcome with an acknowledgement, not a new check', async () => {
    const person = new Person(bot.url);
    await finishCheck(person, await person.say('my knee hurts'), PATH_NO_INJURY);
    for (const text of ['ok', 'okay thank you', 'got it']) {
      const turn = await person.say(text);
      expect(questionId(turn), text).to.equal(undefined);
      expect(turn.entity('kb.answer'), text).to.equal(undefined);
    }
  });

  it('starts the check on "yes please" when the last answer offered it', async () => {
    const person = new Person(bot.url);
    const answer = await person.say('my knee hurts on stairs, does taping help?');
    expect(answer.entity('kb.answer')).to.not.equal(undefined);
    expect(questionId(await person.say('yes please'))).to.equal('injury');
  });

  for (const text of ['my hip hurts', 'my elbow hurts', 'my ankle hurts when I run', 'lower back pain after running']) {
    it(`says "${text}" is outside what it covers instead of starting a knee check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(questionId(turn)).to.equal(undefined);
      expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
    });
  }

  for (const text of ['book appt', 'book me in pls', 'ok can you book him in', 'can you book her in please', 'can i get an appt', 'schedule a visit', 'i want to speak to a human', 'agent', 'can i speak with a physio',
    'I need an appointment', 'i wanna make an apt', 'Can I get an assessment next week?', 'can i come in thursday', 'reserve a slot with a physiotherapist', 'Do you have availability on Saturday?']) {
    it(`offers booking for "${text}"`, async () => {
      expect((await new Person(bot.url).say(text)).entity('booking.offer')).to.not.equal(undefined);
    });
  }

  it('takes "yes" to the booking offer as a request for its call-back', async () => {
    const person = new Person(bot.url);
    expect((await person.say('book')).entity('booking.offer')).to.not.equal(undefined);
    expect((await person.say('yes')).entity('booking.question')).to.deep.equal({ type: 'booking.question', id: 'consent' });
    expect((await new Person(bot.url).say('yes')).entity('booking.question'), 'with nothing offered, "yes" asks for nothing').to.equal(undefined);
  });

  it('asks for consent again when someone changes their mind right after refusing it, and only then', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    expect((await person.say('no thanks')).entity('booking.offer')).to.not.equal(undefined);
    expect((await person.say('actually yes, go ahead')).entity('booking.question')?.id).to.equal('consent');
    expect((await person.say('yes')).entity('booking.question')?.id).to.equal('name');
    // "ok", "k", "sure" or "ok what is cadence" after a refusal are no consent: no name, number or time is asked (at most,
    // consent again, where the call-back is the only way offered).
    for (const text of ['ok', 'k', 'sure', 'ok thanks', 'ok what is cadence']) {
      const someone = new Person(bot.url, 'sms');
      await someone.press('booking:callback');
      await someone.say('no thanks');
      const turn = await someone.say(text);
      expect([undefined, 'consent'], text).to.include(turn.entity('booking.question')?.id);
      if (turn.entity('booking.question')) expect((await someone.say('Bob Jones')).entity('booking.question')?.id, text).to.not.equal('contact');
    }
    const later = new Person(bot.url);
    await later.press('booking:callback');
    await later.say('no thanks');
    await later.say('what is runners knee');
    expect((await later.say('ok go ahead')).entity('booking.question')).to.equal(undefined);
  });

  it('starts the call-back at its consent question when asked for one in so many words', async () => {
    for (const text of ['can someone call me back?', 'can i get a callback', "I'd like to book, can you call me"]) {
      expect((await new Person(bot.url).say(text)).entity('booking.question'), text).to.deep.equal({ type: 'booking.question', id: 'consent' });
    }
    expect((await new Person(bot.url).say('please do not call me')).entity('booking.question')).to.equal(undefined);
  });

  it('withdraws a call-back request asked for in a longer message ("can I cancel my call-back request?")', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    for (const reply of ['yes', 'Sam Lee', '647-555-0142']) await person.say(reply);
    expect((await person.say('mornings')).entity('booking.requested')).to.not.equal(undefined);
    const turn = await person.say('can I cancel my call-back request?');
    expect(turn.text).to.match(/withdrawn/);
    expect(turn.entity('booking.offer')).to.equal(undefined);
  });

  it('says a call-back request is not a booked appointment when asked "did my booking go through?"', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    for (const reply of ['yes', 'Sam Lee', '647-555-0142']) await person.say(reply);
    const reference = (await person.say('mornings')).entity('booking.requested')?.reference;
    expect(reference).to.match(/^KN-/);
    for (const question of ['did my booking go through?', 'so is my appointment booked?']) {
      const turn = await person.say(question);
      expect(turn.text, question).to.include(String(reference)).and.include("isn't a booked appointment");
      expect(turn.entity('booking.offer'), question).to.equal(undefined);
    }
    const nobody = await new Person(bot.url).say('when is my appointment');
    expect(nobody.text).to.match(/can't see or book appointments here/);
    expect(nobody.activities.some((a) => a.suggestedActions?.actions.some((action) => action.value === 'booking:callback'))).to.equal(true);
  });

  it('says how to change a call-back request already made, instead of reading the new number as something else', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    for (const reply of ['yes', 'Sam Lee', '647-555-0142']) await person.say(reply);
    const reference = (await person.say('mornings')).entity('booking.requested')?.reference;
    for (const change of ['oops the number is wrong, it should be 416-555-0124', 'can I change the time to evenings?']) {
      const turn = await person.say(change);
      expect(turn.text, change).to.include(String(reference)).and.include("can't change it here");
      expect(questionId(turn), change).to.equal(undefined);
    }
    const question = await person.say('what is runners knee');
    expect(question.entity('kb.answer')?.id, 'a question after the request is answered as ever').to.equal('what-is-runners-knee');
    await person.say('cancel my call-back');
    expect((await person.say('can I change the time to evenings?')).text, 'withdrawn, there is nothing to change').to.not.include(String(reference));
  });

  it('answers "what do you keep about me?" and "are you a real person?" asked in the middle of a call-back, then asks its question again', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    await person.say('yes');
    for (const [question, answer] of [['what do you keep about me?', /kept|keep/], ['are you a real person?', /automated assistant/]] as const) {
      const turn = await person.say(question);
      expect(turn.text, question).to.match(answer);
      expect(turn.entity('booking.question')?.id, question).to.equal('name');
    }
    await person.say('cancel');
  });

  it('answers "what do you remember about me?" with what it keeps, and what it holds of this person now', async () => {
    const person = new Person(bot.url);
    const first = await person.say('what do you remember about me?');
    expect(first.text).to.match(/90 days/).and.match(/Right now I hold nothing about you/);
    await finishCheck(person, await person.press('triage:start'), PATH_NO_INJURY);
    await person.press('booking:callback');
    for (const reply of ['yes', 'Sam Lee', '647-555-0142']) await person.say(reply);
    const reference = (await person.say('mornings')).entity('booking.requested')?.reference;
    expect(reference).to.be.a('string');
    const held = await person.say('what do you remember about me?');
    expect(held.text).to.match(/your symptom check on [A-Z][a-z]+ \d{1,2}, \d{4}/).and.include(`call-back request ${String(reference)}`);
    expect(held.text).to.not.include('Sam Lee').and.not.include('0142');
    await person.say('delete my data');
    expect((await person.say('what do you remember about me?')).text).to.match(/Right now I hold nothing about you/);
  });

  it('shows the menu for a bare number with no list to pick from, and a first SMS "1" gets the welcome whose "1" starts the check', async () => {
    const person = new Person(bot.url);
    await person.say('what is runners knee');
    const seven = await person.say('7');
    expect(seven.entity('kb.suggestions')).to.equal(undefined);
    expect(seven.activities[0].suggestedActions?.actions.map((a) => a.value)).to.include('triage:start');
    const sms = new Person(bot.url, 'sms', '+14165550166');
    expect((await sms.say('1')).text).to.match(/1\. Check my symptoms/);
    expect(questionId(await sms.say('1'))).to.equal('injury');
  });

  for (const text of ["I don't have chest pain or any breathing problems, just knee ache when running", 'what warning signs should make me go to the ER, like chest pain?']) {
    it(`gives no emergency answer to "${text}"`, async () => {
      expect(outcomeOf(await new Person(bot.url).say(text))?.level).to.not.equal('emergency');
    });
  }

  // Warning signs that need to be seen today, told beside a question: the check comes first, and ends at "be seen today".
  for (const text of [
    "what stretches help runner's knee? mine is also really swollen and hot since yesterday",
    'how long before I can run again? my calf has been swollen and sore too',
    'is a knee brace a good idea? my knee keeps locking',
    "Hey quick q, what's the best shoe for runner's knee? btw i can't really walk on it since yesterday lol",
    'book me in, my calf is red and swollen',
  ]) {
    it(`starts the check, not an answer, for "${text}", and it ends urgent`, async () => {
      const person = new Person(bot.url);
      const turn = await person.say(text);
      expect(turn.entity('kb.answer')).to.equal(undefined);
      expect(turn.entity('booking.offer')).to.equal(undefined);
      expect(questionId(turn)).to.not.equal(undefined);
      expect((await finishCheck(person, turn, PATH_NO_INJURY)).level).to.equal('urgent');
    });
  }

  it('starts no check of the writer\'s for someone else\'s warning sign, and checks one\'s own that another tells of', async () => {
    const husband = await new Person(bot.url).say("my husband's calf is swollen and red, but my question is: what cadence should I aim for?");
    expect(questionId(husband)).to.equal(undefined);
    expect(husband.text).to.not.match(/Before I answer that/);
    const wife = await new Person(bot.url).say('my wife says my calf is swollen and red, what shoes should i buy?');
    expect(wife.text).to.match(/Before I answer that/);
    expect(questionId(wife)).to.not.equal(undefined);
  });

  it('says "Before I answer that" only when something was asked: "my knee keeps locking" asks nothing', async () => {
    const told = await new Person(bot.url).say('my knee keeps locking');
    expect(told.text).to.match(/may need to be checked today/);
    expect(told.text).to.not.match(/Before I answer that/);
    expect(questionId(told)).to.not.equal(undefined);
    const asked = await new Person(bot.url).say('what stretches help? my knee keeps locking');
    expect(asked.text).to.match(/Before I answer that/);
  });

  it('answers "is calf swelling a sign of a blood clot?" from the warning signs, not as outside what it covers', async () => {
    expect((await new Person(bot.url).say('is calf swelling a sign of a blood clot?')).entity('kb.answer')?.id).to.equal('serious-causes');
  });

  it('stops a call-back request on "cancel my call-back request" at any of its questions, keeping nothing of it', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    await person.say('yes');
    const turn = await person.say('cancel my call-back request');
    expect(turn.entity('booking.question')).to.equal(undefined);
    expect(turn.text).to.match(/stopped the call-back request/);
  });

  it('says to be seen today when warning signs come up while a call-back is being taken, then asks its question again', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    await person.say('yes');
    const turn = await person.say('actually my calf is swollen and sore now');
    expect(turn.text).to.match(/checked today/);
    expect(turn.entity('booking.question')?.id).to.equal('name');
  });

  it('says it is an automated assistant when asked, and starts the check on "chek my simptoms"', async () => {
    const identity = (await new Person(bot.url).say('are you a real person?')).text;
    // No clinic number is configured here: no number is made up.
    expect(identity).to.match(/automated assistant for the clinic, not a person/).and.include('contact the clinic').and.not.match(/\{contact\}|\d{3}-\d{4}/);
    expect(questionId(await new Person(bot.url).say('chek my simptoms'))).to.not.equal(undefined);
  });

  it('withdraws a call-back request on "cancel my call-back", and says so when there is none', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    for (const reply of ['yes', 'Sam Lee', '647-555-0142']) await person.say(reply);
    expect((await person.say('mornings')).entity('booking.requested')).to.not.equal(undefined);
    expect((await person.say('cancel my call-back')).text).to.match(/withdrawn/);
    expect((await person.say('cancel my callback')).text).to.match(/no call-back request/);
  });

  it('says a request already made still stands when a second one is stopped, and withdraws it from the button', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    for (const reply of ['yes', 'Sam Lee', '647-555-0142']) await person.say(reply);
    const reference = String((await person.say('mornings')).entity('booking.requested')?.reference);
    await person.press('booking:callback');
    const stopped = await person.say('cancel my call-back');
    expect(stopped.text).to.include(reference).and.match(/stopped this new request/).and.match(/still stands/);
    expect((await person.press('cancelCallback')).text).to.match(/withdrawn/);
    expect((await person.say('what do you keep about me')).text).to.not.include(reference);
  });

  it('says it has no phone number, address or hours when none is configured, rather than only describing the clinic', async () => {
    const turn = await new Person(bot.url).say("what's your phone number");
    expect(turn.entity('kb.answer')?.id).to.equal('clinic');
    expect(turn.text).to.match(/don't have the clinic's phone number, address or opening hours/);
  });

  it('says what it keeps when asked, and deletes on "delete everything you have on me"', async () => {
    const person = new Person(bot.url);
    expect((await person.say('what data do you keep about me?')).text).to.match(/90 days/);
    expect((await person.say('delete everything you have on me')).entity('privacy.deleted')).to.not.equal(undefined);
  });

  // From a black-box test by SMS: deleting asked for in other words, and a parent's request to book.
  for (const text of ['pls remove my number from your system', 'erase everything you have on me', 'please delete 289-555-0015 from your records, my name is Dev Patel']) {
    it(`deletes on "${text}"`, async () => {
      expect((await new Person(bot.url, 'sms', '+14165550141').say(text)).entity('privacy.deleted')).to.not.equal(undefined);
    });
  }
  for (const text of ['can we book physio for my son?', 'book physio for my son', 'can i see someone this week']) {
    it(`offers booking on "${text}"`, async () => {
      expect((await new Person(bot.url).say(text)).entity('booking.offer')).to.not.equal(undefined);
    });
  }
});
