import { expect } from 'chai';
import { botReply, readPostedActivity, userMessage, type Participants } from '../../server/directline/activities';

describe('what the page may post', () => {
  const accepted = [
    { name: 'typed text', body: { type: 'message', text: 'my knee hurts' }, kept: { text: 'my knee hurts' } },
    { name: 'a button value with its text', body: { type: 'message', text: 'yes', value: 'yes' }, kept: { text: 'yes', value: 'yes' } },
    { name: 'an Adaptive Card submit', body: { type: 'message', value: { pain: 3 }, channelData: { postBack: true } }, kept: { value: { pain: 3 }, channelData: { postBack: true } } },
    { name: 'Web Chat’s client activity id', body: { type: 'message', text: 'x', channelData: { clientActivityID: 'abc', clientTimestamp: '2024-01-01T00:00:00Z' } }, kept: { channelData: { clientActivityID: 'abc', clientTimestamp: '2024-01-01T00:00:00Z' } } },
    { name: 'a locale', body: { type: 'message', text: 'x', locale: 'en-CA' }, kept: { locale: 'en-CA' } },
    { name: 'an empty attachments list', body: { type: 'message', text: 'x', attachments: [] }, kept: { text: 'x' } },
  ];
  for (const c of accepted) {
    it(`accepts ${c.name}`, () => {
      const read = readPostedActivity(c.body, 50);
      expect(read).to.have.property('message');
      if ('message' in read) expect(read.message).to.deep.include(c.kept);
    });
  }

  it('drops whatever else the page sends in channelData, and a made-up locale', () => {
    const read = readPostedActivity({ type: 'message', text: 'x', locale: '<script>', channelData: { tenant: { id: 'staff' }, clientActivityID: 7 } }, 50);
    expect(read).to.deep.equal({ message: { text: 'x', value: undefined, locale: undefined, channelData: {} } });
  });

  const refused = [
    { name: 'nothing', body: undefined, problem: 'bad_activity' },
    { name: 'a string', body: 'hello', problem: 'bad_activity' },
    { name: 'a typing activity', body: { type: 'typing' }, problem: 'bad_activity' },
    { name: 'an empty message', body: { type: 'message', text: '' }, problem: 'bad_activity' },
    { name: 'a null value alone', body: { type: 'message', value: null }, problem: 'bad_activity' },
    { name: 'a number as text', body: { type: 'message', text: 42 }, problem: 'bad_activity' },
    { name: 'an attachment', body: { type: 'message', text: 'x', attachments: [{}] }, problem: 'bad_activity' },
    { name: 'text one character over the limit', body: { type: 'message', text: 'x'.repeat(51) }, problem: 'text_too_long' },
  ];
  for (const c of refused) {
    it(`refuses ${c.name} as ${c.problem}`, () => {
      expect(readPostedActivity(c.body, 50)).to.deep.equal({ problem: c.problem });
    });
  }
});

describe('activities the service writes', () => {
  const people: Participants = { conversationId: 'c1', userId: 'web_u', bot: { id: 'bot', name: 'Knee bot' }, serviceUrl: 'http://localhost/directline' };

  it('addresses the user’s message from the token’s user to the bot, on the webchat channel', () => {
    const activity = userMessage({ text: 'hi', channelData: { clientActivityID: 'a' } }, people, '2024-01-01T00:00:00.000Z');
    expect(activity).to.deep.include({ type: 'message', channelId: 'webchat', text: 'hi', conversation: { id: 'c1' }, from: { id: 'web_u', role: 'user' } });
  });

  it('addresses a reply from the bot to the user and drops the bot’s routing fields', () => {
    const reply = botReply({ type: 'message', text: 'hello', serviceUrl: 'x', callerId: 'y', deliveryMode: 'expectReplies', from: { id: 'whatever' }, conversation: { id: 'other' } }, people, 't');
    expect(reply).to.deep.equal({ type: 'message', text: 'hello', channelId: 'webchat', conversation: { id: 'c1' }, from: { id: 'bot', name: 'Knee bot', role: 'bot' }, recipient: { id: 'web_u', role: 'user' }, timestamp: 't' });
  });
});
