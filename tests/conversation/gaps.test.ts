import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { groupGaps } from '../../scripts/kb-gaps';
import { scrub } from '../../storage';

describe('questions the knowledge base lacks', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('keeps the words of unanswered questions, without identity, and groups them for kb:gaps', async () => {
    await new Person(bot.url, 'sms', '+14165550190').say('Do you treat tennis elbow?');
    await new Person(bot.url).say('do you treat tennis elbow');
    await new Person(bot.url).say('what is runners knee');
    const rows = await bot.running.database.sql.query<Record<string, unknown>>('SELECT * FROM unanswered_questions', []);
    expect(rows).to.have.length(2);
    expect(JSON.stringify(rows)).to.not.include('4165550190');
    const gaps = groupGaps(await bot.running.database.unanswered.since(new Date(0)));
    expect(gaps[0].count).to.equal(2);
    expect(gaps[0].example.toLowerCase()).to.include('tennis elbow');
  });

  it('keeps no message it could not read for being in another language: that is no gap in the knowledge base', async () => {
    const before = await bot.running.database.unanswered.since(new Date(0));
    const turn = await new Person(bot.url).say("j'ai mal au genou quand je cours");
    expect(turn.text).to.include("qu'en anglais");
    expect(await bot.running.database.unanswered.since(new Date(0))).to.have.length(before.length);
  });

  it("offers the nearest topics for a question no topic answers (a coach's about warming up), not a check of the writer's knee", async () => {
    const before = await bot.running.database.unanswered.since(new Date(0));
    const turn = await new Person(bot.url).say('coach here, what warm up should my cross country team do before races');
    expect(turn.entity('triage.question')).to.equal(undefined);
    expect(turn.entity('kb.answer')).to.equal(undefined);
    expect(turn.entity('kb.suggestions')?.ids).to.have.length.of.at.least(2);
    expect(await bot.running.database.unanswered.since(new Date(0))).to.have.length(before.length + 1);
  });

  it('says honestly it cannot answer a question that only asks about something outside the guide, and offers the check', async () => {
    for (const question of ['how many mg of ibuprofen can i take for knee pain', 'how can i lose weight to take pressure off my knees']) {
      const turn = await new Person(bot.url).say(question);
      expect(turn.entity('triage.question'), question).to.equal(undefined);
      expect(turn.entity('kb.noMatch'), question).to.not.equal(undefined);
      expect(turn.activities.some((a) => a.suggestedActions?.actions.some((action) => action.value === 'triage:start')), question).to.equal(true);
    }
    // Telling of one's own knee beside it still starts the check: a past knee surgery is a warning sign.
    const told = await new Person(bot.url).say('I had arthroscopy on my knee 6 weeks ago and it still feels tight, should I worry?');
    expect(told.entity('triage.question')).to.not.equal(undefined);
  });

  it('drops e-mail addresses and phone numbers from what it keeps', () => {
    expect(scrub('call me at 416-555-0100 or mail jo@example.com about hips')).to.equal('call me at [number] or mail [e-mail] about hips');
  });

  it('drops words written as names, and keeps acronyms and the words of the question', () => {
    expect(scrub('Mark Chen (dad), patient is Leo Chen')).to.equal('[name] [name] (dad), patient is [name] [name]');
    expect(scrub('Hello, my name is Priya')).to.equal('Hello, my name is [name]');
    expect(scrub('Does KT tape help with PFPS?')).to.equal('Does KT tape help with PFPS?');
  });
});
