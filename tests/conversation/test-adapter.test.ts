import { expect } from 'chai';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { DialogTestLogger } from 'botbuilder-testing';
import { startTestBot, type TestBot } from '../support/bot';

type Entity = { type: string; id?: string; level?: string };

function entities(activity: Partial<Activity>): Entity[] {
  return (activity.entities ?? []) as Entity[];
}

/** botbuilder's own in-memory adapter around the real bot (real content, real SQLite), with botbuilder-testing's transcript logger. */
function adapterFor(bot: TestBot, channelId: string, transcript: string[]): TestAdapter {
  const adapter = new TestAdapter((context) => bot.running.bot.run(context), { channelId, conversation: { id: `ta-${channelId}-${Math.random()}`, isGroup: false, name: 'test' }, user: { id: `user-${Math.random()}`, name: 'user' }, bot: { id: 'bot', name: 'bot' } } as never);
  adapter.use(new DialogTestLogger({ log: (...args: unknown[]) => transcript.push(args.map(String).join(' ')) }));
  return adapter;
}

describe('the bot under botbuilder\'s TestAdapter', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('welcomes a person added to the conversation, saying what it can do and that it is not a diagnosis', async () => {
    const transcript: string[] = [];
    const adapter = adapterFor(bot, 'webchat', transcript);
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'someone', name: 'someone' }] })
      .assertReply((activity) => {
        expect(activity.text).to.match(/not a diagnosis/i);
      })
      .startTest();
    expect(transcript.join('\n')).to.match(/not a diagnosis/i);
  });

  it('answers a question with the topic in a kb.answer entity, then offers its follow-ups', async () => {
    const adapter = adapterFor(bot, 'webchat', []);
    const replies: Partial<Activity>[] = [];
    await adapter.send('does icing help my knee').startTest();
    for (let next = adapter.activeQueue.shift(); next; next = adapter.activeQueue.shift()) replies.push(next);
    const answer = replies.find((a) => entities(a).some((e) => e.type === 'kb.answer'));
    expect(answer, JSON.stringify(replies.map((a) => a.text))).to.not.equal(undefined);
    expect(entities(answer ?? {}).find((e) => e.type === 'kb.answer')?.id).to.equal('ice');
    const offered = replies.flatMap((a) => a.suggestedActions?.actions ?? []);
    expect(offered.length, 'no follow-up choices were offered').to.be.greaterThan(0);
  });

  it('sends nothing for an activity the channel delivers a second time', async () => {
    const adapter = adapterFor(bot, 'webchat', []);
    const message = { type: ActivityTypes.Message, text: "what is runner's knee", id: 'delivered-twice' };
    await adapter.send(message).startTest();
    const first = adapter.activeQueue.splice(0).length;
    await adapter.send(message).startTest();
    expect(first).to.be.greaterThan(0);
    expect(adapter.activeQueue.length).to.equal(0);
  });

  it('on SMS, confirms STOP once and then stays silent until START, but for HELP', async () => {
    const adapter = adapterFor(bot, 'sms', []);
    await adapter.send('STOP').assertReply((activity) => expect(activity.text).to.match(/911/)).startTest();
    await adapter.send("what is runner's knee").startTest();
    expect(adapter.activeQueue.length, 'an opted-out number got a reply').to.equal(0);
    // HELP is answered even then, as carriers require.
    await adapter.send('HELP').assertReply((activity) => expect(activity.text).to.match(/STOP/)).startTest();
    await adapter.send('START').startTest();
    expect(adapter.activeQueue.splice(0).length).to.be.greaterThan(0);
  });
});
