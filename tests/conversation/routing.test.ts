import { expect } from 'chai';
import { Person, startTestBot, type TestBot, type TurnResult } from '../support/bot';
import { readTestData } from '../support/data';

/** Written from the spec alone (tests/data/routing-messages.json). */
interface RoutingMessages {
  check: string[];
  answer: { q: string; id: string }[];
}

const messages = readTestData<RoutingMessages>('routing-messages.json');

const offersCheck = (turn: TurnResult): boolean => turn.activities.some((a) => a.suggestedActions?.actions.some((action) => action.value === 'triage:start'));

describe('a first message about a knee: the check for someone telling of their own, an answer for a question', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  for (const text of messages.check) {
    it(`starts or offers the check for "${text}"`, async () => {
      const turn = await new Person(bot.url).say(text);
      if (turn.entity('triage.question')) return;
      expect(turn.entity('kb.answer'), 'neither the check nor an answer').to.not.equal(undefined);
      expect(offersCheck(turn), 'answered without offering the check').to.equal(true);
    });
  }

  // From a black-box test: one's own night pain asked about, and a fall over the dog, got no check.
  for (const text of ['my knee wakes me up at night, what can I do?', "I'm 67 and I tripped over the dog, knee is bruised"]) {
    it(`starts the check for "${text}"`, async () => {
      expect((await new Person(bot.url).say(text)).entity('triage.question')).to.not.equal(undefined);
    });
  }

  // From a blind question set: what is wanted "for my knee" is asked for, not told of; "help for my knee" still tells of it.
  // From a browser audit: "knee brace" alone started the check; it names a thing for the knee, and tells no symptom.
  for (const [text, id] of [['knee brace', 'tape-and-brace'], ['knee exercises', 'exercises']]) {
    it(`answers "${text}" without starting the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('kb.answer')?.id).to.equal(id);
      expect(turn.entity('triage.question')).to.equal(undefined);
    });
  }
  for (const [text, id] of [['exercises for my knee', 'exercises'], ['best shoes for my knees', 'footwear'], ['warning signs for my knee', 'serious-causes']]) {
    it(`answers "${text}" and offers the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('kb.answer')?.id).to.equal(id);
      expect(offersCheck(turn)).to.equal(true);
    });
  }
  // From blind sets: an injury told without "I" or "my", and a clause that says when it hurts, are someone's own knee.
  it('starts the check, injury first, for "went down hard in hockey last night couldnt put any weight on it and the knee blew up within an hour"', async () => {
    const turn = await new Person(bot.url).say('went down hard in hockey last night couldnt put any weight on it and the knee blew up within an hour');
    expect(turn.entity('kb.answer')).to.equal(undefined);
    expect(turn.entity('triage.question')).to.not.equal(undefined);
    expect(turn.text).to.include('injury');
  });
  it('starts the check for "my knee pain from 3 weeks, inside part, when i go down stair" ("when i go down" tells, not asks)', async () => {
    const turn = await new Person(bot.url).say('my knee pain from 3 weeks, inside part, when i go down stair');
    expect(turn.entity('kb.answer')).to.equal(undefined);
    expect(turn.entity('triage.question')).to.not.equal(undefined);
  });
  // ...and questions about signs in general, or about what one may be told, are answered or offered topics, not a check.
  it('answers "which signs mean the knee problem is dangerous and I need go to emergency?"', async () => {
    const turn = await new Person(bot.url).say('which signs mean the knee problem is dangerous and I need go to emergency?');
    expect(turn.entity('kb.answer')?.id).to.equal('serious-causes');
  });
  it('offers topics, rest first, for "If I\'m told to rest my knee, does that mean staying off my feet entirely?"', async () => {
    const turn = await new Person(bot.url).say("I climb stairs most of the day. If I'm told to rest my knee, does that mean staying off my feet entirely?");
    expect(turn.entity('triage.question')).to.equal(undefined);
    const ids = turn.entity('kb.answer')?.id ?? turn.entity('kb.suggestions')?.ids;
    expect([ids].flat()[0]).to.equal('rest');
  });

  // From a blind question set: requests without a question mark, and coaches and teachers asking about others' knees.
  for (const [text, id] of [
    ['Tell me how weak hip muscles affect the way the kneecap moves.', 'muscle-imbalance'],
    ['Looking for info on the rarer, more serious causes of pain at the front of the knee.', 'serious-causes'],
    ["I'm a PE teacher; what symptoms should I watch for in students who might have patellofemoral pain?", 'symptoms'],
  ]) {
    it(`answers or offers topics for "${text}", without starting the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('triage.question')).to.equal(undefined);
      const ids = [turn.entity('kb.answer')?.id ?? turn.entity('kb.suggestions')?.ids].flat();
      expect(ids).to.include(id);
    });
  }
  // One's own symptom told beside others' is still one's own.
  it('starts or offers the check for "my runners and I all have knee pain, what should we do?"', async () => {
    const turn = await new Person(bot.url).say('my runners and I all have knee pain, what should we do?');
    expect(turn.entity('triage.question') !== undefined || offersCheck(turn)).to.equal(true);
  });

  for (const text of ['i need help for my knee', 'i went in for my knee', 'something for my knee', 'my knee', 'knee sore', 'knee swollen']) {
    it(`starts the check for "${text}"`, async () => {
      expect((await new Person(bot.url).say(text)).entity('triage.question')).to.not.equal(undefined);
    });
  }

  it('answers a question about runner\'s knee asked with a word of one\'s own knee, and offers the check', async () => {
    const turn = await new Person(bot.url).say('my coach said i have patellofemoral pain syndrome, what does that even mean?');
    expect(turn.entity('triage.question')).to.equal(undefined);
    expect(turn.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
    expect(offersCheck(turn)).to.equal(true);
  });

  it('answers "should I see someone?" about one\'s own knee in general, then starts the check that tells for that knee', async () => {
    const turn = await new Person(bot.url).say('my knee has ached for about a week now, at what point should i see someone?');
    expect(turn.entity('kb.answer')?.id).to.equal('when-to-get-help');
    expect(turn.entity('triage.question')?.id).to.equal('injury');
    expect(turn.text).to.include('a few quick questions will tell you how soon');
    // The answer offers nothing to pick: the check's question is the one to answer.
    const answerActivity = turn.activities.find((a) => a.entities?.some((e) => e.type === 'kb.answer'));
    expect(answerActivity?.suggestedActions).to.equal(undefined);
    const asked = await new Person(bot.url).say("I'm 59 and my kneecap has ached for a few days. Is this the kind of thing I should get checked?");
    expect(asked.entity('kb.answer')?.id).to.equal('when-to-get-help');
    expect(asked.entity('triage.question')?.id).to.equal('injury');
    const plain = await new Person(bot.url).say('my knee has ached for about a week now');
    expect(plain.entity('triage.question')?.id).to.equal('injury');
    expect(plain.entity('kb.answer')).to.equal(undefined);
  });

  // From blind question set 59: questions texted with no question mark, in SMS words, beside what the knee does.
  for (const [text, topic] of [
    ['stairs dont hurt anymore can i run now', 'return-to-running'],
    ['ngl my quads r weak af could that b why my kneecap is cranky', 'muscle-imbalance'],
    ['sharp pain mid run vs dull ache after, r both runners knee signs', 'symptoms'],
  ]) {
    it(`answers "${text}", offering the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('kb.answer')?.id).to.equal(topic);
      expect(turn.entity('triage.question')).to.equal(undefined);
      expect(offersCheck(turn)).to.equal(true);
    });
  }

  it('answers what a thing does for one\'s knee ("could orthotics help with my knee pain?"), not taking "help with my knee" as asking for the check', async () => {
    const turn = await new Person(bot.url).say('I have very flat feet. Could custom orthotics help with my knee pain, and how do they actually work?');
    expect(turn.entity('kb.answer')?.id).to.equal('orthotics');
    expect(turn.entity('triage.question')).to.equal(undefined);
    for (const text of ['Hi, I need help with my knee.', 'can u help w my knee', 'Looking for help with my knee.']) {
      expect((await new Person(bot.url).say(text)).entity('triage.question'), text).to.not.equal(undefined);
    }
  });

  // From a blind question set: a question about an operation or a shot, naming no one, tells of no one's own; one told
  // as one's own ("I had...", "had a knee injection 2 weeks ago, ok to run?") still gets the check first.
  // An animal's operation is a vet's matter, not the check's.
  for (const text of [
    'does physio help after ACL surgery', 'How long after ACL reconstruction before you can play soccer again?', 'how many cortisone shots can you get in a knee per year',
    'acl reconstruction rehab timeline', 'My dog had surgery on his leg last month. Do you do physio for dogs?',
    "How long is recovery after ACL reconstruction surgery? My daughter's soccer friend had one last spring and she's still not back on the field.",
    'My dad is 74 and scheduled for a total knee replacement in March. How long is recovery after a knee replacement?',
  ]) {
    it(`says it has no answer to "${text}", without starting the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('triage.question')).to.equal(undefined);
      expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
    });
  }
  for (const text of [
    'I had a knee injection 2 weeks ago, is it ok to run?', 'had a knee injection 2 weeks ago, ok to run?', 'is it ok to run 2 weeks after my knee injection?',
    'knee surgery 3 weeks ago, when can i run', 'knee surgery 3 weeks ago, can i walk my dog yet?',
  ]) {
    it(`starts the check for "${text}"`, async () => {
      expect((await new Person(bot.url).say(text)).entity('triage.question')?.id).to.equal('injury');
    });
  }

  // Pain at night is a sign the rules send to a doctor, but the check is of a knee: pain at night told of another part of
  // the body starts no check ("my back hurts at night"); told of the knee, it does. A stitch in the side is no operation's, and
  // weight one wants to lose is no weight lost without trying. A jaw that clicks is no knee's.
  for (const text of ['my back hurts at night, is that normal', 'my 11 yo gets growing pains in his shins at night, is that normal', 'how do I stop getting side stitches when I run', 'how do i lose 10 pounds before race season?', 'TMJ jaw clicking treatment']) {
    it(`says it has no answer to "${text}", without starting the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('triage.question')).to.equal(undefined);
      expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
    });
  }
  // "my 12-year-old's knee" names the child's knee, as "my son's knee" does (it was answered about orthotics).
  for (const text of ['my knee hurts at night, is that normal', 'my back and my knee both ache at night', 'knee pain stairs', "my 12-year-old's knee"]) {
    it(`starts the check for "${text}"`, async () => {
      expect((await new Person(bot.url).say(text)).entity('triage.question')?.id).to.equal('injury');
    });
  }

  // A person's own knee told beside an animal is still theirs to check.
  it('starts the check for "tripped over my dog and my knee is hot and swollen"', async () => {
    const turn = await new Person(bot.url).say('tripped over my dog and my knee is hot and swollen');
    expect(turn.entity('triage.question')?.id).to.be.a('string');
  });

  // Searches typed as keywords name a topic beside "knee pain": answered, with the check one tap away.
  // Gear, race-day and other near misses share words with the topics, and the guide answers none of them.
  for (const text of [
    'Best bone conduction headphones for running?', 'Which running watch measures cadence most accurately?', 'Is there a bag check at the start of the half marathon?',
    "What's the marching cadence used in military drill?", 'How long does a quad strain take to heal?', 'Which glute exercises make your butt rounder?',
  ]) {
    it(`says it has no answer to "${text}"`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('kb.answer')).to.equal(undefined);
      expect(turn.entity('triage.question')).to.equal(undefined);
    });
  }

  // A question about knee pain in general, with "I" only in another question ("what should I watch out for?"), tells of no knee.
  it('answers "so is knee pain sometimes a sign of a more serious problem? what should I watch out for?" without the check', async () => {
    const turn = await new Person(bot.url).say('so is knee pain sometimes a sign of a more serious problem? what should I watch out for?');
    expect(turn.entity('triage.question')).to.equal(undefined);
    expect(turn.entity('kb.answer')?.id).to.equal('serious-causes');
  });
  it('starts the check for "knee pain after runs. should I stop?"', async () => {
    expect((await new Person(bot.url).say('knee pain after runs. should I stop?')).entity('triage.question')?.id).to.equal('injury');
  });

  // So do searches that name what they want after the symptom ("knee pain exercises"), saying neither I nor my.
  for (const [text, id] of [
    ['red flags knee pain', 'serious-causes'], ['worn out shoes knee pain', 'footwear'], ['tips to prevnt kneecap pain long term', 'prevention'],
    ['knee pain exercises', 'exercises'], ['patella pain exercises', 'exercises'], ['knee pain red flags go to emergency', 'serious-causes'],
  ]) {
    it(`answers "${text}" and offers the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('kb.answer')?.id).to.equal(id);
      expect(offersCheck(turn)).to.equal(true);
    });
  }

  it('answers a question asked without a question mark ("too much too soon - is that really what causes kneecap pain"), without starting the check', async () => {
    const turn = await new Person(bot.url).say('too much too soon - is that really what causes kneecap pain');
    expect(turn.entity('triage.question')).to.equal(undefined);
    expect(turn.entity('kb.answer')?.id).to.equal('training-load');
  });

  it('sends a question about supplements to a pharmacist or doctor, without starting the check', async () => {
    const turn = await new Person(bot.url).say('Should I take fish oil for sore joints?');
    expect(turn.entity('triage.question')).to.equal(undefined);
    expect(turn.text).to.match(/pharmacist/);
  });

  it('takes up the check for someone following up an earlier one ("I used this a couple of weeks ago for my knee..."), and answers their question', async () => {
    const turn = await new Person(bot.url).say("Hey, I used this a couple of weeks ago for my knee. It's about the same, been 5 weeks total now.");
    expect(turn.entity('triage.question')).to.not.equal(undefined);
    const did = await new Person(bot.url).say('Did this check in October. Same as before, still aching on stairs, been like this since Labour Day.');
    expect(did.entity('triage.question')).to.not.equal(undefined);
    const asked = await new Person(bot.url).say('I used this a couple of weeks ago, what cadence should I aim for?');
    expect(asked.entity('kb.answer')?.id).to.equal('cadence');
  });

  it('answers a parent who had runner\'s knee long ago and asks how a child can avoid it, without starting a check', async () => {
    const turn = await new Person(bot.url).say("My 13-year-old is joining the track club. I had runner's knee in my twenties and I'd love to spare her that. What can she do to avoid getting runner's knee?");
    expect(turn.entity('triage.question')).to.equal(undefined);
    // Answered, or offered first among the topics to choose from.
    const offered = turn.entity('kb.answer')?.id ?? (turn.entity('kb.suggestions')?.ids as string[] | undefined)?.[0];
    expect(offered).to.equal('prevention');
  });

  it('gives no answer to a question that leans on one it cannot answer ("can dogs get a luxating kneecap? what even is that")', async () => {
    const turn = await new Person(bot.url).say('can dogs get a luxating kneecap? what even is that');
    expect(turn.entity('kb.answer')).to.equal(undefined);
    expect(turn.entity('kb.noMatch')).to.not.equal(undefined);
  });

  // What was read or heard, passed on, tells of no knee of one's own; a friend's definition of the condition is no emergency.
  for (const [text, id] of [
    ['I read online that knee pain can sometimes be a sign of something worse. Is that true?', 'serious-causes'],
    ["My friend says runner's knee is when the kneecap slides the wrong way over the thigh bone. Is that what it really is?", 'what-is-runners-knee'],
    ['My coach told me my knee caves inward when I run. Does that matter?', 'running-form'],
  ]) {
    it(`answers "${text}" without starting the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('triage.outcome')).to.equal(undefined);
      expect(turn.entity('triage.question')).to.equal(undefined);
      expect(turn.entity('kb.answer')?.id).to.equal(id);
    });
  }
  it('starts the check for "I got tackled playing flag football", with the injury already told', async () => {
    const turn = await new Person(bot.url).say('I got tackled playing flag football');
    expect(turn.entity('triage.question')?.id).to.equal('weight_bearing');
  });
  // From a blind vignette set: an injury told after "got" or "was", with no "I" ("Got kicked in the knee at soccer" was
  // answered about shoes).
  for (const text of ['Landed badly jumping rope yesterday', 'Took a hockey puck to the knee', 'Got kicked in the knee at soccer', 'was tackled hard at hockey last night']) {
    it(`starts the check for "${text}", with the injury already told`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('triage.question')?.id).to.equal('weight_bearing');
    });
  }
  // Being stuck between two opinions, or on the couch, is no knee that locks: the question is answered.
  for (const [text, id] of [
    ["My grandmother swears by ice for everything, my trainer says heat, and I'm stuck in the middle. For runner's knee specifically, what does ice actually do?", 'ice'],
    ["My physio said I need 'relative rest' for my runner's knee. Does that mean I'm stuck on the couch for a month, or something else?", 'rest'],
  ]) {
    it(`answers "${text.slice(0, 60)}..." (or offers the topic) without the check`, async () => {
      const turn = await new Person(bot.url).say(text);
      expect(turn.entity('triage.question')).to.equal(undefined);
      const offered = [turn.entity('kb.answer')?.id, ...((turn.entity('kb.suggestions')?.ids as string[] | undefined) ?? [])];
      expect(offered).to.include(id);
    });
  }
  it('does not start the check for "got kicked out of the gym for wearing sandals"', async () => {
    const turn = await new Person(bot.url).say('got kicked out of the gym for wearing sandals');
    expect(turn.entity('triage.question')).to.equal(undefined);
  });
  it('still starts the check for "I heard a pop and now my knee is swollen, is that bad?"', async () => {
    const turn = await new Person(bot.url).say('I heard a pop and now my knee is swollen, is that bad?');
    expect(turn.entity('triage.question')).to.not.equal(undefined);
  });

  for (const { q } of messages.answer) {
    it(`answers "${q}" without starting the check`, async () => {
      const turn = await new Person(bot.url).say(q);
      expect(turn.entity('triage.question')).to.equal(undefined);
      expect(turn.entity('kb.answer')).to.not.equal(undefined);
    });
  }
});
