import { expect } from 'chai';
import { readTestData } from '../support/data';
import { Protocol } from '../../triage/protocol';
import { detectCrisis, detectEmergency, screen, screenMessage } from '../../triage/safety';
import { CTX, protocol } from './helpers';

const EMERGENCIES = [
  'my knee looks deformed',
  // Breathlessness that is new, not the breath of a hard run.
  "about five days. And honestly I'm getting out of breath really easily today",
  'getting out of breath today just sitting here',
  'the bone is sticking out',
  'my kneecap is out of place',
  'I think I dislocated my kneecap',
  'chest pain',
  "I can't breathe",
  'cant breathe',
  'short of breath',
  'my foot is cold and blue',
  'foot gone cold n white',
  'numb leg that won\'t go away',
  'my knee is hot and swollen and I have a fever',
  'knee is red and swollen. also I have a temperature',
  'what is happening, my kneecap is out of place',
  'my knee is hot and swollen and I had surgery 2 weeks ago',
  'what do i do my kneecap is out of place',
  'help what do i do, bone is sticking out',
  'feels like an elephant is sitting on my chest',
  'crushing pressure in my chest',
  'my leg below the knee is bluish and freezing',
  "fell on glass and there's a deep open cut on my knee that won't stop bleeding",
  "I've been short of breath for 2 weeks",
  'my kneecap moved sideways when I fell',
  // Feeling unwell, in everyday words, beside a hot or swollen knee.
  "she's just not herself today and her knee is hot and swollen",
  "I feel a bit off, like I'm coming down with something, knee is warm and puffy",
  // A misspelt sign is still read: "crokked" is no English word.
  'my knee looks crokked after the fall',
  'my kneecap popped out when I was running',
  // From a blind vignette set: a dash ends the clause that names last month's chat, and a kneecap that looks to be on the
  // side, or feeling hot and shaky beside a hot swollen knee, is an emergency.
  'hi again, the knee I asked about last month - kneecap just popped out and it looks deformed',
  'my kneecap looks like its on the side of my knee not the front?? it looks really weird',
  'its red and puffy and warm, and i threw up this morning and feel super hot and shaky',
  '58. Hang on - my chest has suddenly started really hurting.',
  'kneecap popped out sideways',
  'the kneecap is sitting off to the side after I fell',
  'my IT band is tight and my kneecap is out of place',
  'does the bone sticking out mean it is broken',
  'i get breathless just sitting on the couch',
  // A question about a sign, then the sign told as here now: the whole message counts.
  'what should I do if my foot goes cold? it is cold and blue now',
  'My doctor told me to go to the ER if my foot goes cold, and now it is cold and blue',
  // Spelling and learners' English, from a black-box test of the bot.
  "can't breath",
  'i cannot breath',
  'I am having difficulty of breathing',
  'cant get air',
  'heart pain',
];

const NOT_EMERGENCIES = [
  // A definition passed on ("the kneecap slides the wrong way over the thigh bone") describes no one's knee; a hard run's breath is no sign.
  "My friend says runner's knee is when the kneecap slides the wrong way over the thigh bone. Is that what it really is?",
  'my knee hurts and I got out of breath on my run today',
  "I'm out of breath easily on hills",
  // English words one letter from a sign's word are not typos of it (knowledge/real-words.json).
  'knees cooked, any way to get over this faster thx',
  'my knee kinda cooked',
  'my knee is swollen and I feel off about running',
  'could the soreness be an infection from the injection?',
  'I find breeding season at the farm hard on my knees',
  'no chest pain',
  'not short of breath',
  "I don't have a fever",
  'no fever, not short of breath, no chest pain',
  'what is a deformity',
  'what does short of breath mean?',
  'how do I know if my knee is deformed?',
  'my knee is swollen',
  'my knee is hot and swollen',
  'I have a fever and my knee hurts',
  'I dislocated my kneecap 2 years ago',
  'pins and needles in my foot sometimes',
  'my knee hurts when I run',
  'my foot is not cold',
  'what does a deformed knee look like',
  'what would a dislocated kneecap feel like',
  'what should i do if my kneecap dislocates',
  'years ago I dislocated my kneecap, now it aches after runs',
  'my legs are dead after that run',
  'my feet get cold on winter runs',
  'is a blue toenail from running something to worry about?',
  'breathing hard on the last km is normal right?',
  'i get breathless running up hills',
  "I used to have chest pain but it's gone",
  // How the kneecap tracks is what runner's knee is: asking about it reports nothing.
  'Tight iliotibial band pulling the kneecap sideways, is that a thing?',
  'does a tight IT band pull the kneecap sideways',
  'why does the kneecap move sideways in runners knee',
  'what makes the kneecap track to the side',
  'can a weak hip let the kneecap shift?',
  'a tight IT band can pull the kneecap sideways off its track',
  'how does the it band pull the kneecap out of place',
  // Long enough ago by itself, with no time to read.
  'I dislocated my kneecap in high school, now it aches after runs',
  'my kneecap popped out once when I was 14 but it went back',
  'I dislocated my kneecap when I was young, now it aches after runs',
  // Idioms: money bled, cold feet about a race.
  "I've been bleeding money on physio and nothing works",
  "I'm getting cold feet about signing up for the ultra because of my knee",
  "couldn't breath after the hill sprints lol",
  'is shortness of breath a sign of a clot?',
  'is chest pain a sign of a blood clot?',
  '',
];

// Crisis talk and the everyday words that sound like it are in tests/data/safety-messages.json, where the crisis model is trained on them too.

describe('triage safety detectors', () => {
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  for (const text of EMERGENCIES) {
    it(`treats "${text}" as an emergency`, () => {
      expect(detectEmergency(p, text, CTX)).to.equal(true);
    });
  }
  for (const text of NOT_EMERGENCIES) {
    it(`does not treat "${text}" as an emergency`, () => {
      expect(detectEmergency(p, text, CTX)).to.equal(false);
    });
  }
  it('reads crisis talk alone as the screen reads it with the emergency check', () => {
    expect(detectCrisis(p, 'I want to kill myself')).to.equal(true);
    expect(detectCrisis(p, 'this pain is killing me')).to.equal(false);
  });
});

/** Messages written from the protocol alone, apart from the phrase lists (tests/data/safety-messages.json). */
interface SafetyMessages {
  emergency: string[];
  crisis: string[];
  notEmergency: string[];
  /** Everyday words that sound like crisis talk ("I'm dying to get back out there"). */
  notCrisis: string[];
}

describe('the safety screen on messages written apart from its phrase lists', () => {
  const messages = readTestData<SafetyMessages>('safety-messages.json');
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  for (const text of messages.emergency) {
    it(`gives the emergency answer to "${text}"`, () => {
      expect(screenMessage(p, text, CTX, { emergency: true })).to.equal('emergency');
    });
  }
  for (const text of messages.crisis) {
    it(`offers crisis resources for "${text}"`, () => {
      expect(screenMessage(p, text, CTX, { emergency: true })).to.be.oneOf(['crisis', 'possibleCrisis']);
    });
  }
  for (const text of messages.notEmergency) {
    it(`raises no alarm for "${text}"`, () => {
      expect(screenMessage(p, text, CTX, { emergency: true })).to.equal(undefined);
    });
  }
  for (const text of messages.notCrisis) {
    it(`does not offer crisis resources for "${text}"`, () => {
      expect(screenMessage(p, text, CTX, { emergency: true })).to.not.be.oneOf(['crisis', 'possibleCrisis']);
    });
  }
});

// From a blind set (read once, then learnt from): a question asked beside one's own sign that needs to be seen today, and
// the same signs told of the past, of someone else, asked about, or in an idiom.
describe('warning signs that need to be seen today, told beside other words', () => {
  let p: Protocol;
  before(() => {
    p = protocol();
  });
  const urgent = [
    'can i book an appt for runners knee this week, my knee keeps locking and i can\'t fully straighten it rn',
    'do you guys direct bill insurance? also my left calf has been swollen and tender since my flight back from Vancouver on Tuesday',
    'knee swelled up big and its hot n red, no fever. is it ok to wear a brace and keep training?',
    "Hey quick q, what's the best shoe for runner's knee? btw i can't really walk on it since yesterday lol",
    'my knee has been locking since last year, what exercises help?',
    'I tore my meniscus when I was 16 and now my knee locks',
  ];
  for (const text of urgent) {
    it(`reads an urgent sign in "${text}"`, () => {
      expect(screen(p, text, CTX, { emergency: true }).urgentSigns).to.equal(true);
    });
  }
  const notUrgent = [
    "my knee was swollen last year but it's fine now, just aches after runs",
    'my knee used to lock when I was a teen (had surgery at 16), hasn\'t locked in 20 years. Now new kneecap pain from running, can physio help?',
    'had a DVT in my calf in 2021, fully treated and gone. Is it safe to do physio for runners knee?',
    "my friend's knee locked during a soccer game last summer and she ended up having surgery for it. can runners knee do that?",
    'Locked in for the Chicago marathon in October, want to avoid runners knee this time. Tips?',
    "I can't walk past a running store without buying new shoes lol. Do worn out shoes cause runners knee?",
    "I can't straighten out my training plan lol, too many races. how do I avoid runners knee?",
    'Should I see a doctor if my calf ever gets red? Not now, just want to know what to watch for',
    "my coach said if your knee ever locks or you can't put weight on it, stop and get it checked. is that true for runners knee too?",
    'Is it true that a swollen calf can mean a blood clot? I read that online. My calves are totally fine, just curious',
  ];
  for (const text of notUrgent) {
    it(`reads no sign of now in "${text}"`, () => {
      const read = screen(p, text, CTX, { emergency: true });
      expect(read.urgentSigns).to.equal(false);
      expect(read.concern).to.equal(undefined);
    });
  }
  for (const text of ['I dislocated my kneecap in 2019 and now it popped out again', 'my kneecap popped out last year and now it popped out again']) {
    it(`gives the emergency answer to a sign told again now after one long ago: "${text}"`, () => {
      expect(screenMessage(p, text, CTX, { emergency: true })).to.equal('emergency');
    });
  }
});
