import { expect } from 'chai';
import { DirectLineConversations } from '../../server/directline/conversations';
import { MemoryConversationStore } from '../../server/directline/store';
import type { RunTurn } from '../../server/directline/turns';
import { captureLogger } from './echoServer';

function conversationsWith(runTurn: RunTurn) {
  const log = captureLogger();
  const conversations = new DirectLineConversations({
    store: new MemoryConversationStore(() => 0),
    runTurn,
    bot: { id: 'bot', name: 'Bot' },
    serviceUrl: 'http://localhost/directline',
    now: () => 0,
    log,
  });
  return { conversations, log };
}

const texts = async (conversations: DirectLineConversations) => ((await conversations.since('c', 0))?.activities ?? []).map((a) => a.text);

describe('Direct Line conversations', () => {
  it('runs one turn at a time, so a slow reply still comes before the next message', async () => {
    const { conversations } = conversationsWith(async (activity) => {
      if (activity.text === 'slow') await new Promise((resolve) => setTimeout(resolve, 50));
      return activity.type === 'message' ? [{ type: 'message', text: `re: ${String(activity.text)}` }] : [];
    });
    await conversations.start('c', 'u');
    await Promise.all([conversations.post('c', 'u', { text: 'slow', channelData: {} }), conversations.post('c', 'u', { text: 'fast', channelData: {} })]);
    expect(await texts(conversations)).to.deep.equal(['slow', 're: slow', 'fast', 're: fast']);
  });

  it('keeps the user’s message and reports the failure when the bot throws, logging no text', async () => {
    const { conversations, log } = conversationsWith(async (activity) => {
      if (activity.type === 'message') throw new Error('bot exploded');
      return [];
    });
    await conversations.start('c', 'u');
    const result = await conversations.post('c', 'u', { text: 'private words', channelData: {} });
    expect(result).to.deep.equal({ id: 'c|0000001', botFailed: true });
    expect(await texts(conversations)).to.deep.equal(['private words']);
    expect(log.lines.join('\n')).to.contain('directline_turn_failed').and.not.contain('private words');
  });

  it('still starts a conversation when the welcome turn fails', async () => {
    const { conversations } = conversationsWith(async () => {
      throw new Error('no welcome');
    });
    expect(await conversations.start('c', 'u')).to.equal(true);
    expect(await conversations.userOf('c')).to.equal('u');
  });

  it('tells subscribers each time activities are stored, until they unsubscribe', async () => {
    const { conversations } = conversationsWith(async () => [{ type: 'message', text: 'hi' }]);
    await conversations.start('c', 'u');
    let told = 0;
    const unsubscribe = conversations.subscribe('c', () => (told += 1));
    await conversations.post('c', 'u', { text: 'a', channelData: {} });
    unsubscribe();
    await conversations.post('c', 'u', { text: 'b', channelData: {} });
    expect(told).to.equal(2);
  });

  it('answers unknown for a conversation that was never started', async () => {
    const { conversations } = conversationsWith(async () => []);
    expect(await conversations.post('nope', 'u', { text: 'a', channelData: {} })).to.deep.equal({ unknown: true });
  });
});
