import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { webChatHtml } from './webChatMarkdown';

const CHANNELS = ['webchat', 'emulator', 'msteams', 'sms'];

describe('the same conversations on every channel', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { CLINIC_NAME: 'Leaside Sports Medicine', CLINIC_PHONE: '416-555-0100' } });
  });
  after(() => bot.stop());

  for (const channel of CHANNELS) {
    it(`answers a question with kb.answer on ${channel}`, async () => {
      const turn = await new Person(bot.url, channel, channel === 'sms' ? '+14165550111' : undefined).say("what's runner's knee");
      expect(turn.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
    });

    it(`asks triage questions with the answer codes on ${channel}`, async () => {
      const turn = await new Person(bot.url, channel, channel === 'sms' ? '+14165550112' : undefined).say('my knee hurts');
      expect(turn.entity('triage.question')?.id).to.equal('injury');
      const codes = JSON.stringify(turn.activities);
      if (channel === 'sms') expect(turn.text).to.match(/1\. Yes[\s\S]*2\. No/);
      else expect(codes).to.include('"value":"yes"');
    });
  }

  it('welcomes an SMS sender with their first answer, since SMS sends no conversationUpdate', async () => {
    const turn = await new Person(bot.url, 'sms', '+14165550113').say('what is runners knee');
    expect(turn.text).to.match(/knee pain assistant/);
    expect(turn.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
    expect(turn.activities.every((a) => (a.text ?? '').length < 320)).to.equal(true);
  });

  it('shows the emergency answer on Web Chat in bold, paragraph by paragraph, with no literal asterisks', async () => {
    const turn = await new Person(bot.url, 'webchat').say('my knee is hot and swollen and I have a fever');
    const outcome = turn.activities.find((a) => a.entities?.some((e) => e.type === 'triage.outcome' && e.level === 'emergency'));
    const html = webChatHtml(outcome?.text ?? '');
    expect(html).to.include('<strong>').and.not.include('*');
  });

  for (const [question, sender] of [["what's runner's knee", '+14165550120'], ['does a brace help my knee', '+14165550121']]) {
    it(`keeps the numbered follow-ups of "${question}" together in one SMS text`, async () => {
      const turn = await new Person(bot.url, 'sms', sender).say(question);
      const texts = turn.activities.map((a) => a.text ?? '');
      const listed = texts.filter((t) => /^\d+\. /m.test(t));
      expect(listed, JSON.stringify(texts)).to.have.length(1);
      const numbers = listed[0].match(/^\d+(?=\. )/gm)?.map(Number) ?? [];
      expect(numbers.length).to.be.greaterThan(1);
      expect(listed[0]).to.include(`Reply ${numbers.slice(0, -1).join(', ')} or ${numbers.length}.`);
    });
  }

  it('takes an option number from the welcome when the first SMS is a greeting', async () => {
    const person = new Person(bot.url, 'sms', '+14165550119');
    expect((await person.say('hi')).text).to.match(/1\. Check my symptoms/);
    expect((await person.say('1')).entity('triage.question')?.id).to.equal('injury');
  });

  it('takes an option number as the answer on SMS', async () => {
    const person = new Person(bot.url, 'sms', '+14165550114');
    await person.say('my knee hurts');
    expect((await person.say('2')).entity('triage.question')?.id).to.equal('red_flags');
  });

  it('never asks SMS users to type "cancel", which would unsubscribe them', async () => {
    const person = new Person(bot.url, 'sms', '+14165550115');
    await person.say('my knee hurts');
    const help = await person.say('menu');
    expect(help.text.toLowerCase()).to.not.include('cancel');
    expect(help.text).to.include('restart');
  });

  it('opts a number out on STOP with one confirmation, sends nothing more until START', async () => {
    const person = new Person(bot.url, 'sms', '+14165550116');
    await person.say('hi');
    const stop = await person.say('STOP');
    expect(stop.activities).to.have.length(1);
    expect(stop.text).to.match(/911/);
    expect((await person.say('what is runners knee')).activities).to.have.length(0);
    expect((await person.say('stop')).activities).to.have.length(0);
    expect((await person.say('START')).text).to.match(/subscribed again/);
    expect((await person.say('what is runners knee')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
  });

  it('says in the one STOP confirmation that the knee should be seen today, when the check so far calls for it', async () => {
    const person = new Person(bot.url, 'sms', '+14165550217');
    await person.say('I fell and twisted my knee');
    await person.say('no I cant put weight on it');
    const stop = await person.say('STOP');
    expect(stop.activities).to.have.length(1);
    expect(stop.text).to.match(/unsubscribed/).and.match(/should be seen today/);
    // With nothing that calls for it, the confirmation alone.
    const other = new Person(bot.url, 'sms', '+14165550218');
    await other.say('my knee hurts');
    expect((await other.say('STOP')).text).to.not.match(/seen today/);
  });

  // From a black-box test by SMS: opting out in words, and the French keyword Canadian carriers use.
  for (const [text, phone] of [['stop texting me', '+14165550131'], ['ARRÊT', '+14165550132'], ['arret', '+14165550133'], ["Don't text me.", '+14165550134']]) {
    it(`opts a number out on "${text}" as on STOP`, async () => {
      const person = new Person(bot.url, 'sms', phone);
      await person.say('hi');
      expect((await person.say(text)).text).to.match(/911/);
      expect((await person.say('what is runners knee')).activities).to.have.length(0);
    });
  }

  it('deletes the data of a number that sent STOP when it asks, with the one reply that says so', async () => {
    const person = new Person(bot.url, 'sms', '+14165550125');
    for (const text of ['can someone call me back', '1', 'Sam Lee', '1', 'mornings']) await person.say(text);
    await person.say('STOP');
    const deleted = await person.say('delete my data');
    expect(deleted.entity('privacy.deleted')).to.not.equal(undefined);
    expect(deleted.activities).to.have.length(1);
    expect((await person.say('what do you keep about me')).activities).to.have.length(0);
    await person.say('START');
    expect((await person.say('what do you keep about me')).text).to.not.match(/KN-/);
  });

  const resubscribed: [string, string[], string][] = [
    ['as the first thing ever sent', [], '+14165550122'],
    ['after an answer with numbered follow-ups', ['does a brace help my knee'], '+14165550123'],
    ['in the middle of the check', ['my knee hurts'], '+14165550124'],
  ];
  for (const [name, before, sender] of resubscribed) {
    it(`starts the symptom check when 1 answers the START reply, STOP sent ${name}`, async () => {
      const person = new Person(bot.url, 'sms', sender);
      for (const text of [...before, 'STOP', 'START']) await person.say(text);
      expect((await person.say('1')).entity('triage.question')?.id).to.equal('injury');
    });
  }

  it('reads "#2", "option 4" and "two" as option numbers in an SMS check and menu', async () => {
    const person = new Person(bot.url, 'sms', '+14165550125');
    await person.say('my knee hurts');
    expect((await person.say('#2')).entity('triage.question')?.id).to.equal('red_flags');
    const outcome = (await person.say('option 4')).entity('triage.outcome');
    expect(outcome?.reasons).to.deep.equal(['swelling']);
    const menu = new Person(bot.url, 'sms', '+14165550126');
    await menu.say('hi');
    expect((await menu.say('two')).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
  });

  it('treats CANCEL on SMS as an opt-out, not as the bot\'s cancel', async () => {
    const person = new Person(bot.url, 'sms', '+14165550117');
    await person.say('my knee hurts');
    expect((await person.say('CANCEL')).text).to.match(/unsubscribed/);
    await person.say('UNSTOP');
  });

  it('answers HELP on SMS with the clinic name and contact', async () => {
    const turn = await new Person(bot.url, 'sms', '+14165550118').say('HELP');
    expect(turn.text).to.include('Leaside Sports Medicine').and.include('not a diagnosis. Call 416-555-0100.');
  });

  it('removes the @mention of the bot in a Teams channel message', async () => {
    const person = new Person(bot.url, 'msteams');
    const turn = await person.say('<at>Knee bot</at> what is runners knee', {
      entities: [{ type: 'mention', text: '<at>Knee bot</at>', mentioned: { id: 'bot', name: 'Knee bot' } }],
    });
    expect(turn.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
  });
});
