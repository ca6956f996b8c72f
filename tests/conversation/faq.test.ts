import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';

describe('questions and small talk', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { CLINIC_NAME: 'Leaside Sports Medicine', CLINIC_PHONE: '416-555-0100', BOOKING_URL: 'https://clinic.example/book' } });
  });
  after(() => bot.stop());

  it('welcomes a new visitor, says what it can do and that it is not a diagnosis', async () => {
    const turn = await new Person(bot.url).join();
    expect(turn.text).to.match(/Leaside Sports Medicine/).and.match(/not a diagnosis/).and.match(/911/);
    expect(turn.activities[0].suggestedActions?.actions.map((a) => a.value)).to.include('triage:start');
  });

  it('does not welcome twice in one conversation', async () => {
    const person = new Person(bot.url);
    await person.join();
    expect((await person.join()).activities).to.have.length(0);
  });

  const answers: [string, string][] = [
    ["what's runner's knee?", 'what-is-runners-knee'],
    ['how long does it take to heal', 'recovery-time'],
    ['wat cadence shud i run at', 'cadence'],
    ['does KT tape help?', 'tape-and-brace'],
    ['does insurance cover physio', 'insurance'],
    // A trail's name is not a typo of "brace"; "w/o" is "without"; "or nah" and an age are no other subject.
    ['me n my wife hike every weekend on the bruce trail, do hikers get runners knee too or no', 'who-gets-it'],
    ['can it heal w/o physio', 'heal-on-its-own'],
    ['is runners knee one of those things that fixes itself or nah', 'heal-on-its-own'],
    ['im 72, what gentle strengthening can i do for kneecap pain', 'exercises'],
    // From a second black-box test: another body part denied, a clot asked about, a common question that got "did you mean".
    ["My calf isn't swollen or red and I'm not short of breath. Is foam rolling the IT band useful?", 'it-band'],
    ['can a swollen calf be a blood clot', 'serious-causes'],
    ["is it ok to run with runner's knee?", 'rest'],
    // From a third: swelling asked about is a warning sign's question, not one about what causes runner's knee.
    ['can runners knee cause swelling', 'serious-causes'],
  ];
  for (const [question, id] of answers) {
    it(`answers "${question}" with ${id}`, async () => {
      expect((await new Person(bot.url).say(question)).entity('kb.answer')?.id).to.equal(id);
    });
  }

  const declined = ["what is jumper's knee", 'how do I rehab an ACL tear', 'my hip hurts when I run', 'what is the capital of mongolia', 'what is IT band syndrome'];
  for (const question of declined) {
    it(`declines "${question}" honestly, with no answer`, async () => {
      const turn = await new Person(bot.url).say(question);
      expect(turn.entity('kb.answer')).to.equal(undefined);
    });
  }

  it('suggests a clinician for a health question it does not cover, but not for one that is not about health', async () => {
    const acl = await new Person(bot.url).say('how do I rehab an ACL tear');
    expect(acl.text).to.match(/clinician/);
    for (const question of ["what's the weather tomorrow", 'where can i park', 'are you hiring physios']) {
      const turn = await new Person(bot.url).say(question);
      expect(turn.entity('kb.noMatch'), question).to.not.equal(undefined);
      expect(turn.text, question).to.not.match(/clinician/);
    }
  });

  it('answers a message in another language in that language and in English, with 911, and no English buttons', async () => {
    const turn = await new Person(bot.url).say('me duele la rodilla cuando corro');
    expect(turn.text).to.include('solo puedo responder en inglés').and.include('llame al 911').and.include('I can only read and answer English');
    // The clinic's number, beside each line.
    expect(turn.text).to.include('Tel. 416-555-0100').and.include('call 416-555-0100');
    expect(turn.entity('kb.noMatch')).to.deep.equal({ type: 'kb.noMatch' });
    expect(turn.activities.every((a) => !a.suggestedActions)).to.equal(true);
  });

  it('gives a reply in another language in the middle of the check that line, with 911, before the question again', async () => {
    const person = new Person(bot.url, 'sms', '+14165550178');
    expect((await person.say('knee pain')).entity('triage.question')).to.not.equal(undefined);
    const reply = await person.say('genou enflé et chaud, fièvre 39');
    expect(reply.activities[0].text).to.include('composez le 911').and.include('call 911');
    expect(reply.entity('triage.question')).to.not.equal(undefined);
  });

  it('gives an emergency told in Spanish or French, or in English with a word of them, the emergency answer, after that language\'s line', async () => {
    for (const [text, line] of [['el pie está frío y azul', 'llame al 911'], ['mon pied est froid et bleu', 'composez le 911']]) {
      const turn = await new Person(bot.url, 'sms', '+14165550179').say(text);
      expect(turn.entity('triage.outcome'), text).to.include({ level: 'emergency' });
      const lineAt = turn.activities.findIndex((a) => a.text?.includes(line));
      expect(lineAt, text).to.be.greaterThan(-1);
      expect(turn.activities.findIndex((a) => a.entities?.some((e) => e.type === 'triage.outcome')), text).to.be.greaterThan(lineAt);
    }
    const mixed = await new Person(bot.url).say('my knee is hot and swollen y tengo fiebre');
    expect(mixed.entity('triage.outcome')).to.include({ level: 'emergency' });
    // Signs to be seen today, in Spanish: the line, then the check.
    const fall = await new Person(bot.url).say('Me caí y no puedo caminar');
    expect(fall.text).to.include('llame al 911');
    expect(fall.entity('triage.question')).to.not.equal(undefined);
  });

  it('starts the check for a sign of one\'s own that needs a doctor, told beside a question ("I had a knee injection 2 weeks ago, is it ok to run?")', async () => {
    const turn = await new Person(bot.url).say('I had a knee injection 2 weeks ago, is it ok to run?');
    expect(turn.text).to.include('a few quick questions first');
    expect(turn.entity('triage.question')).to.not.equal(undefined);
    // Asked in general, it is a question: no check.
    expect((await new Person(bot.url).say('does a cortisone injection help runners knee?')).entity('triage.question')).to.equal(undefined);
  });

  it('keeps another script whole by SMS, where other text is kept to GSM-7', async () => {
    const turn = await new Person(bot.url, 'sms', '+14165550177').say('我的膝盖疼');
    expect(turn.text).to.include('请拨打911').and.include('call 911');
    expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
  });

  it('gives the clinic\'s number where it says to call the clinic, when one is configured', async () => {
    expect((await new Person(bot.url).say('are you a bot?')).text).to.match(/automated assistant/).and.include('call the clinic at 416-555-0100');
    expect((await new Person(bot.url).say('cancel my call-back')).text).to.match(/no call-back request/).and.include('call the clinic at 416-555-0100');
  });

  it('still answers English with a foreign word in it', async () => {
    const turn = await new Person(bot.url).say('que sera, how long does runners knee take to heal');
    expect(turn.entity('kb.answer')?.id).to.equal('recovery-time');
  });

  for (const pet of ['my dog is limping what do i do', "my dog's knee is swollen", 'my dog hurt his knee']) {
    it(`does not start a person's symptom check for a pet: "${pet}"`, async () => {
      const turn = await new Person(bot.url).say(pet);
      expect(turn.entity('triage.question')).to.equal(undefined);
      expect(turn.entity('kb.answer')).to.equal(undefined);
    });
  }

  it('starts the check for a person hurt by a pet: "tripped over my dog and banged my knee"', async () => {
    const turn = await new Person(bot.url).say('Tripped over my dog and banged my knee on the kitchen floor.');
    expect(turn.entity('triage.question')).to.not.equal(undefined);
  });

  it('offers to book when a health question is out of scope', async () => {
    const turn = await new Person(bot.url).say("what is jumper's knee");
    expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
    expect(JSON.stringify(turn.activities)).to.include('booking:offer');
  });

  it('gives the detail on "tell me more" and then the follow-ups', async () => {
    const person = new Person(bot.url);
    const first = await person.say('how long does recovery take');
    const more = await person.say('tell me more');
    expect(more.text.length).to.be.greaterThan(0);
    expect(more.text).to.not.equal(first.text);
    expect(more.entity('kb.answer')).to.equal(undefined);
  });

  it('answers a follow-up button with its topic', async () => {
    const person = new Person(bot.url);
    await person.say('what is runners knee');
    expect((await person.press('topic:causes')).entity('kb.answer')?.id).to.equal('causes');
  });

  it('adds the clinic contact details it has to the clinic answer, and invents none', async () => {
    const turn = await new Person(bot.url).say('where is your clinic');
    expect(turn.entity('kb.answer')?.id).to.equal('clinic');
    expect(turn.text).to.include('416-555-0100');
    expect(turn.text).to.not.match(/Address:|Hours:/);
    expect(turn.text).to.not.match(/don't have the clinic's phone/);
  });

  it('says it cannot tell what is safe with a medicine before the guide answers a treatment question that names one', async () => {
    const turn = await new Person(bot.url).say("I'm on blood thinners, is dry needling safe for me?");
    const texts = turn.activities.map((a) => a.text ?? '');
    const caution = texts.findIndex((t) => /can't say what is safe with your medicines/.test(t));
    expect(caution).to.be.greaterThan(-1);
    expect(turn.entity('kb.answer')?.id).to.equal('dry-needling');
    expect(texts.findIndex((t) => /Dry needling/.test(t))).to.be.greaterThan(caution);
  });

  it('answers each question of a message that asks several, and says when one has no answer', async () => {
    const both = await new Person(bot.url).say('What is it exactly, and how long does it usually take to get better? Also, does OHIP cover your physiotherapy?');
    expect(both.activities.flatMap((a) => a.entities ?? []).filter((e) => e.type === 'kb.answer').map((e) => e.id)).to.deep.equal(['recovery-time', 'insurance']);
    const one = await new Person(bot.url).say('Does KT tape work? And do you sell knee braces?');
    expect(one.entity('kb.answer')?.id).to.equal('tape-and-brace');
    expect(one.entity('kb.noMatch')).to.not.equal(undefined);
    expect(one.text).to.match(/don't have an answer to the rest/);
  });

  it('ends the insurance answer with the clinic phone and booking link, and an exercise answer with neither', async () => {
    const insurance = await new Person(bot.url).say('does my insurance cover physio');
    expect(insurance.entity('kb.answer')?.id).to.equal('insurance');
    expect(insurance.text).to.include('416-555-0100');
    expect(JSON.stringify(insurance.activities)).to.include('https://clinic.example/book');
    const exercises = await new Person(bot.url).say('what exercises help runners knee');
    expect(exercises.entity('kb.answer')?.id).to.equal('exercises');
    expect(exercises.text).to.not.include('416-555-0100');
    expect(JSON.stringify(exercises.activities)).to.not.include('https://clinic.example/book');
  });

  const smallTalk: [string, RegExp][] = [
    ['thanks!', /welcome/i],
    ['bye', /take care/i],
    // Signing off, sentence by sentence, as many do.
    ["Thank you, you've been very helpful. Goodbye", /take care/i],
    ['great, thanks for your help!', /welcome/i],
    ["Thank you dear, that's all for today", /take care/i],
    ['help', /check my symptoms/i],
    ['start over', /start over|what would you like/i],
  ];
  for (const [text, pattern] of smallTalk) {
    it(`understands "${text}"`, async () => {
      const person = new Person(bot.url);
      await person.join();
      const turn = await person.say(text);
      expect(turn.text).to.match(pattern);
      expect(turn.entity('kb.answer')).to.equal(undefined);
    });
  }

  // A symptom named only as what a question is about is answered, with the check offered.
  const asked: [string, string][] = [
    ['strengthening exercises for knee pain', 'exercises'],
    ['knee sleeve or brace for sore knees', 'tape-and-brace'],
    ['custom orthotics for knee pain worth it', 'orthotics'],
    ['frozen peas on my sore knee, useful or not', 'ice'],
    // "...my knee help?" asks whether taping helps: it is not a call for help with a knee.
    ['Does taping my knee help?', 'tape-and-brace'],
  ];
  for (const [question, id] of asked) {
    it(`answers "${question}" with ${id} and offers the check, without starting it`, async () => {
      const turn = await new Person(bot.url).say(question);
      expect(turn.entity('kb.answer')?.id).to.equal(id);
      expect(turn.entity('triage.question')).to.equal(undefined);
      expect(turn.activities.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.value)).to.include('triage:start');
    });
  }

  // An injury told beside a question: the check first (it decides how soon to be seen), never a general answer.
  const injured: [string, string][] = [
    ['I hurt my knee playing hockey last night, can I still walk on it?', 'weight_bearing'],
    ['my son fell off his bike and his knee is really swollen, should he ice it?', 'weight_bearing'],
  ];
  for (const [question, first] of injured) {
    it(`starts the check on "${question}", asking ${first} first, with no general answer`, async () => {
      const turn = await new Person(bot.url).say(question);
      expect(turn.entity('kb.answer')).to.equal(undefined);
      expect(turn.entity('triage.question')?.id).to.equal(first);
      expect(turn.text).to.match(/injury should be checked/);
    });
  }

  // "Patellofemoral pain" names the condition: asking about it tells no symptom.
  const named: [string, string][] = [
    ['pool running patellofemoral pain', 'cross-training'],
    ['patellofemoral pain how long to heal', 'recovery-time'],
  ];
  for (const [question, id] of named) {
    it(`answers "${question}" with ${id}, as a question about runner's knee`, async () => {
      const turn = await new Person(bot.url).say(question);
      expect(turn.entity('kb.answer')?.id).to.equal(id);
      expect(turn.entity('triage.question')).to.equal(undefined);
    });
  }

  it('by SMS, answers "exercises for knee pain" with one numbered list, the check among its choices', async () => {
    const turn = await new Person(bot.url, 'sms', '+14165550188').say('exercises for knee pain');
    expect(turn.entity('kb.answer')?.id).to.equal('exercises');
    expect(turn.activities.filter((a) => /Reply 1/.test(a.text ?? ''))).to.have.length(1);
    expect(turn.text).to.match(/\d\. Yes, check my symptoms/);
  });

  // Questions about knee pain in general, or about one's knee with no symptom told, are answered, with the check offered once.
  const general: [string, string][] = [
    ['when is knee pain an emergency?', 'serious-causes'],
    ["I'm thinking about getting my knee assessed, what does a physio do at the assessment?", 'diagnosis'],
    // "Runner's knee" names the condition: its knee is nobody's own.
    ["how do i tell if it's runner's knee vs just normal soreness", 'symptoms'],
  ];
  for (const [question, id] of general) {
    it(`answers "${question}" with ${id}, offering the check once`, async () => {
      const turn = await new Person(bot.url).say(question);
      expect(turn.entity('kb.answer')?.id).to.equal(id);
      expect(turn.entity('triage.question')).to.equal(undefined);
      const offers = turn.activities.flatMap((a) => a.suggestedActions?.actions ?? []).filter((a) => a.value === 'triage:start');
      expect(offers).to.have.length(1);
    });
  }

  // Someone telling of their own knee gets the check, which decides how urgent it is; so does asking
  // what the check decides about one's own knee ("should I book?", "should I be worried?").
  const told = [
    'my knee hurts on the stairs',
    "it's been sore on and off for months",
    'sore knee after long runs',
    'pain behind the kneecap after running',
    'I have knee pain from running',
    'my knee is bad and I feel sick',
    '45 year old cyclist here with an achy knee',
    'Bit of knee soreness since I started a new spin class',
    "Runner's knee is back, I think",
    // Asking whether to book, with one's own symptoms, is for the check to answer.
    "I'm training for a triathlon and my right knee is sore after runs. Should I book a physio?",
    'Dear Sir or Madam, my knee has been troubling me when I rise from a chair. Could you kindly advise whether I ought to make an appointment?',
    'My knee pain gets a little worse every time I run. Does that mean I should book an appointment, or is it normal for a beginner?',
    'Knee ache come and go since ten days, is normal or I need to book appointment?',
    // A terse report beside a question, a knee that needs help, a dropped "g".
    'Knees sore. 45M. Running 30k/week. What now?',
    'knee help pls',
    'knee been achin since the weekend tbh',
  ];
  for (const text of told) {
    it(`starts the check for "${text}"`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('kb.answer')).to.equal(undefined);
      expect(turn.entity('triage.question')).to.not.equal(undefined);
    });
  }
  // Asking what the check decides for one's own knee: the general answer first, then the check.
  for (const text of ['My knee has been hurting, should I book?', 'Training for my first half marathon and now my knee is sore, should I be worried?']) {
    it(`answers "${text}" in general, then starts the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(['when-to-get-help', 'serious-causes']).to.include(turn.entity('kb.answer')?.id);
      expect(turn.entity('triage.question')).to.not.equal(undefined);
    });
  }

  it('offers the booking link on "book an appointment"', async () => {
    const turn = await new Person(bot.url).say('I want to book an appointment');
    expect(turn.entity('booking.offer')).to.not.equal(undefined);
    expect(turn.text).to.include('https://clinic.example/book');
  });

  // Asking to book is booking, with symptoms or without; asking whether to, with none told, is booking too.
  for (const text of ['my knee hurts, I want to book an appointment', 'should I book an appointment?']) {
    it(`offers the booking link on "${text}"`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('booking.offer')).to.not.equal(undefined);
      expect(turn.entity('triage.question')).to.equal(undefined);
    });
  }
});

describe('the clinic named in answers', () => {
  it('is the configured clinic in the welcome and in every answer that names one, never the guide\'s beside it', async () => {
    const bot = await startTestBot({ env: { CLINIC_NAME: 'Toronto Sports Physio', CLINIC_PHONE: '416-555-0100' } });
    try {
      const person = new Person(bot.url);
      expect((await person.join()).text).to.match(/Toronto Sports Physio/);
      for (const question of ['what are your hours?', 'do orthotics work', 'tell me about the clinic']) {
        const turn = await person.say(question);
        expect(turn.entity('kb.answer'), question).to.not.equal(undefined);
        expect(turn.text, question).to.not.match(/Leaside/);
      }
      expect((await person.say('tell me about the clinic')).text).to.match(/Toronto Sports Physio/);
      expect((await person.say('tell me more')).text).to.not.match(/Leaside|\{clinic\}/);
    } finally {
      await bot.stop();
    }
  });

  it('is the clinic the guide is written for when none is configured, in the welcome too', async () => {
    const bot = await startTestBot();
    try {
      const person = new Person(bot.url);
      expect((await person.join()).text).to.match(/Leaside Sports Medicine/);
      expect((await person.say('tell me about the clinic')).text).to.match(/Leaside Sports Medicine/).and.not.match(/\{clinic\}/);
    } finally {
      await bot.stop();
    }
  });
});

describe('short follow-ons that lean on the answer before them', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('reads "how often?" after an answer with that answer\'s topic: ice, then exercises, never shoes', async () => {
    for (const [first, topic] of [['is ice good for runners knee?', 'ice'], ['what exercises help', 'exercises']]) {
      const person = new Person(bot.url);
      expect((await person.say(first)).entity('kb.answer')?.id).to.equal(topic);
      expect((await person.say('how often?')).entity('kb.answer')?.id, first).to.equal(topic);
    }
  });

  it('answers a short question that says what it asks about as itself, not as about the last topic', async () => {
    const person = new Person(bot.url);
    await person.say('is ice good for runners knee?');
    expect((await person.say('when can I run again?')).entity('kb.answer')?.id).to.equal('return-to-running');
  });

  it('gives no confident answer to "how often?" with nothing before it: two or three topics to choose from', async () => {
    const turn = await new Person(bot.url).say('how often?');
    expect(turn.entity('kb.answer')).to.equal(undefined);
    const ids = turn.entity('kb.suggestions')?.ids;
    expect(ids).to.be.an('array').with.length.within(2, 3);
  });

  it('has no answer for a follow-on to a question it could not answer ("what is jumper\'s knee?", "how is it treated?")', async () => {
    const person = new Person(bot.url);
    expect((await person.say("what is jumper's knee?")).entity('kb.noMatch')).to.not.equal(undefined);
    const turn = await person.say('how is it treated?');
    expect(turn.entity('kb.answer')).to.equal(undefined);
    expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
    // Asked on its own, "it" is runner's knee.
    expect((await new Person(bot.url).say('how is it treated?')).entity('kb.answer')?.id).to.equal('fastest-recovery');
  });

  it('answers "what if my calf is swollen?" from the warning signs, not as outside what it covers', async () => {
    expect((await new Person(bot.url).say('what if my calf is swollen?')).entity('kb.answer')?.id).to.equal('serious-causes');
  });

  it('sends "what can I take for the pain?" to a pharmacist or doctor', async () => {
    expect((await new Person(bot.url).say('what can I take for the pain')).text).to.match(/pharmacist/);
  });

  it('says it does not know whether runner\'s knee is chondromalacia, which the guide does not cover', async () => {
    const turn = await new Person(bot.url).say('Is runners knee the same as chondromalacia patella?');
    expect(turn.entity('kb.answer')).to.equal(undefined);
  });
});

describe('the welcome\'s options', () => {
  it('are picked by number on SMS after the conversation opens with the welcome, as any list\'s are', async () => {
    const bot = await startTestBot();
    try {
      const person = new Person(bot.url, 'sms', '+14165550177');
      expect((await person.join()).text).to.match(/Reply 1, 2 or 3/);
      const turn = await person.say('1');
      expect(turn.entity('triage.question')?.id).to.equal('injury');
    } finally {
      await bot.stop();
    }
  });
});
