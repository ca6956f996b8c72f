import { expect } from 'chai';
import { call, Chat, getSession, isRecord, str } from './client';
import { startEchoServer, WELCOME, type EchoServer } from './echoServer';

describe('Direct Line REST surface', () => {
  let server: EchoServer;
  before(async () => {
    server = await startEchoServer();
  });
  after(() => server.close());

  describe('the token endpoint', () => {
    it('gives the page a token for a new conversation and a user id Web Chat accepts', async () => {
      const session = await getSession(server.url);
      expect(session.token).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(session.userId).to.not.match(/^dl_/);
      expect(session.expires_in).to.equal(1800);
      expect(session.domain).to.equal(undefined);
      // Web Chat reads the user from the token's `user` claim.
      const claims: unknown = JSON.parse(Buffer.from(session.token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      expect(claims).to.include({ user: session.userId, conv: session.conversationId });
    });

    it('keeps a returning visitor’s id when their signed user token proves it', async () => {
      const first = await getSession(server.url);
      const again = await getSession(server.url, first.userToken);
      expect(again.userId).to.equal(first.userId);
      expect(again.conversationId).to.not.equal(first.conversationId);
    });

    it('gives a new id when the user token is forged', async () => {
      const first = await getSession(server.url);
      const [header, payload] = first.userToken.split('.');
      const forgedPayload = Buffer.from(JSON.stringify({ scope: 'user', user: 'someone-else', exp: 9999999999 })).toString('base64url');
      for (const forged of [`${header}.${forgedPayload}.${first.userToken.split('.')[2]}`, `${header}.${payload}.AAAA`, 'not-a-token']) {
        const session = await getSession(server.url, forged);
        expect(session.userId).to.not.equal('someone-else');
        expect(session.userId).to.not.equal(first.userId);
      }
    });

    it('is never cached', async () => {
      const res = await call('POST', `${server.url}/api/directline/token`, { body: {} });
      expect(res.headers.get('cache-control')).to.equal('no-store');
    });
  });

  describe('a conversation', () => {
    it('starts with 201, a stream URL and the bot’s welcome', async () => {
      const session = await getSession(server.url);
      const res = await call('POST', `${server.url}/v3/directline/conversations`, { token: session.token, body: { user: { id: session.userId } } });
      expect(res.status).to.equal(201);
      expect(str(res.body, 'conversationId')).to.equal(session.conversationId);
      expect(str(res.body, 'streamUrl')).to.match(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${session.conversationId}/stream\\?watermark=0&t=`));
      expect(isRecord(res.body) && res.body.expires_in).to.equal(1800);

      const chat = new Chat(`${server.url}/v3/directline`, session.conversationId, str(res.body, 'token'), str(res.body, 'streamUrl'), session.userId);
      const set = await chat.activities();
      expect(set.activities.map((a) => a.text)).to.deep.equal([WELCOME]);
      expect(set.watermark).to.equal('1');
      expect(set.activities[0]).to.deep.include({ channelId: 'webchat', id: `${session.conversationId}|0000001` });
      expect(set.activities[0]?.from).to.deep.include({ role: 'bot' });
      expect(set.activities[0]).to.not.have.property('serviceUrl');
    });

    it('sends the bot one conversationUpdate adding the user, and starting again does not welcome twice', async () => {
      const session = await getSession(server.url);
      await Chat.start(server.url, session);
      const again = await call('POST', `${server.url}/v3/directline/conversations`, { token: session.token, body: {} });
      expect(again.status).to.equal(200);
      const updates = server.bot.received.filter((a) => a.type === 'conversationUpdate' && a.conversation.id === session.conversationId);
      expect(updates).to.have.length(1);
      expect(updates[0]?.membersAdded?.map((m) => m.id)).to.deep.equal([session.userId]);
      expect(updates[0]?.from.id).to.equal(session.userId);
    });

    it('echoes the user’s message with its id and clientActivityID, then the bot’s reply, with sequential watermarks', async () => {
      const chat = await Chat.start(server.url);
      const res = await chat.say('my knee hurts on stairs', 'client-abc-1');
      expect(res.status).to.equal(200);
      const id = str(res.body, 'id');
      expect(id).to.equal(`${chat.conversationId}|0000002`);

      const set = await chat.activities('1');
      expect(set.watermark).to.equal('3');
      const [echo, reply] = set.activities;
      expect(echo).to.deep.include({ type: 'message', id, text: 'my knee hurts on stairs', channelId: 'webchat' });
      expect(echo?.channelData).to.deep.equal({ clientActivityID: 'client-abc-1' });
      expect(echo?.from).to.deep.equal({ id: chat.userId, role: 'user' });
      expect(reply).to.deep.include({ text: 'You said: my knee hurts on stairs', replyToId: id, id: `${chat.conversationId}|0000003` });
      expect(await chat.activities('3')).to.deep.equal({ activities: [], watermark: '3' });
    });

    it('speaks for the token’s user, whatever id the page claims', async () => {
      const chat = await Chat.start(server.url);
      await chat.post({ type: 'message', text: 'hello', from: { id: 'dl_impostor' } });
      const received = server.bot.received.filter((a) => a.conversation.id === chat.conversationId && a.type === 'message');
      expect(received.map((a) => a.from.id)).to.deep.equal([chat.userId]);
      expect(received[0]?.channelId).to.equal('webchat');
    });

    it('passes a card submit’s value to the bot', async () => {
      const chat = await Chat.start(server.url);
      const res = await chat.post({ type: 'message', value: { answer: 'yes' }, channelData: { postBack: true, clientActivityID: 'c1' } });
      expect(res.status).to.equal(200);
      const set = await chat.activities('2');
      expect(set.activities.map((a) => a.text)).to.deep.equal(['You chose {"answer":"yes"}']);
    });

    it('gives a fresh token and a stream URL from the page’s watermark on reconnect', async () => {
      const chat = await Chat.start(server.url);
      await chat.say('one');
      const res = await call('GET', `${chat.base}/conversations/${chat.conversationId}?watermark=2`, { token: chat.token });
      expect(res.status).to.equal(200);
      expect(str(res.body, 'conversationId')).to.equal(chat.conversationId);
      expect(str(res.body, 'streamUrl')).to.contain('watermark=2&t=');
      expect(str(res.body, 'token')).to.not.equal('');
    });

    it('refreshes a token into a new one that works', async () => {
      const chat = await Chat.start(server.url);
      const res = await call('POST', `${chat.base}/tokens/refresh`, { token: chat.token });
      expect(res.status).to.equal(200);
      expect(str(res.body, 'conversationId')).to.equal(chat.conversationId);
      chat.token = str(res.body, 'token');
      expect((await chat.activities()).activities).to.have.length(1);
    });

    it('uses an https stream URL behind a TLS proxy', async () => {
      const session = await getSession(server.url);
      const res = await call('POST', `${server.url}/v3/directline/conversations`, { token: session.token, body: {}, headers: { 'x-forwarded-proto': 'https' } });
      expect(str(res.body, 'streamUrl')).to.match(/^wss:\/\/127\.0\.0\.1:\d+\//);
    });

    it('never logs what people type', async () => {
      const chat = await Chat.start(server.url);
      await chat.say('secret-symptom-words');
      expect(server.log.lines.join('\n')).to.not.contain('secret-symptom-words');
    });
  });
});
