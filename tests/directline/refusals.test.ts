import { expect } from 'chai';
import { DIRECT_LINE_ERRORS } from '../../server/directline';
import { call, Chat, getSession, isRecord } from './client';
import { startEchoServer, TEST_MAX_BODY_BYTES, type EchoServer } from './echoServer';

/** A JSON error without a stack trace or internal detail. */
function expectCleanError(res: { status: number; raw: string; body: unknown; headers: Headers }, status: number, code?: string): void {
  expect(res.status, res.raw).to.equal(status);
  expect(res.headers.get('content-type')).to.match(/application\/json/);
  expect(isRecord(res.body), res.raw).to.equal(true);
  expect(res.raw).to.not.match(/\bat\s+\S+\s+\(|node_modules|\.js:\d+|stack/i);
  if (code) expect(isRecord(res.body) && res.body.error).to.deep.equal({ code, message: DIRECT_LINE_ERRORS[code as keyof typeof DIRECT_LINE_ERRORS].message });
}

describe('Direct Line refusals', () => {
  let server: EchoServer;
  let clock = Date.now();
  before(async () => {
    server = await startEchoServer({ now: () => clock, limits: { maxTextChars: 100, maxConversations: 3 } });
  });
  after(() => server.close());

  describe('tokens', () => {
    let a: Chat;
    let b: Chat;
    before(async () => {
      clock = Date.now();
      a = await Chat.start(server.url);
      b = await Chat.start(server.url);
    });

    const routes = (chat: () => Chat) => [
      { name: 'reading activities', method: 'GET', path: () => `/conversations/${chat().conversationId}/activities` },
      { name: 'posting an activity', method: 'POST', path: () => `/conversations/${chat().conversationId}/activities`, body: { type: 'message', text: 'hi' } },
      { name: 'reconnecting', method: 'GET', path: () => `/conversations/${chat().conversationId}?watermark=0` },
    ];

    for (const route of routes(() => b)) {
      it(`refuses ${route.name} with no token (401)`, async () => {
        const res = await call(route.method, `${b.base}${route.path()}`, { body: route.body });
        expectCleanError(res, 401, 'missing_token');
      });

      it(`refuses ${route.name} with a token whose signature is wrong (403)`, async () => {
        const [header, payload] = b.token.split('.');
        const res = await call(route.method, `${b.base}${route.path()}`, { token: `${header}.${payload}.${'A'.repeat(43)}`, body: route.body });
        expectCleanError(res, 403, 'bad_token');
      });

      it(`refuses ${route.name} with another conversation’s token (403), and that conversation stays untouched`, async () => {
        const before = await b.activities();
        const res = await call(route.method, `${b.base}${route.path()}`, { token: a.token, body: route.body });
        expectCleanError(res, 403, 'wrong_conversation');
        expect(await b.activities()).to.deep.equal(before);
      });
    }

    it('refuses a stream token or a user token used as a bearer token', async () => {
      const session = await getSession(server.url);
      const streamToken = new URL(b.streamUrl).searchParams.get('t') ?? '';
      for (const token of [streamToken, session.userToken]) {
        const res = await call('GET', `${b.base}/conversations/${b.conversationId}/activities`, { token });
        expectCleanError(res, 403, 'bad_token');
      }
    });

    it('refuses an expired token (403), and refreshing it too', async () => {
      const chat = await Chat.start(server.url);
      clock += 31 * 60 * 1000;
      try {
        expectCleanError(await call('GET', `${chat.base}/conversations/${chat.conversationId}/activities`, { token: chat.token }), 403, 'expired_token');
        expectCleanError(await call('POST', `${chat.base}/tokens/refresh`, { token: chat.token }), 403, 'expired_token');
      } finally {
        clock -= 31 * 60 * 1000;
      }
    });

    it('refreshes a token before it expires, and the new one outlives the old', async () => {
      const chat = await Chat.start(server.url);
      clock += 20 * 60 * 1000;
      const res = await call('POST', `${chat.base}/tokens/refresh`, { token: chat.token });
      clock += 20 * 60 * 1000;
      try {
        expect(res.status).to.equal(200);
        const fresh = isRecord(res.body) && typeof res.body.token === 'string' ? res.body.token : '';
        expect((await call('GET', `${chat.base}/conversations/${chat.conversationId}/activities`, { token: fresh })).status).to.equal(200);
        expect((await call('GET', `${chat.base}/conversations/${chat.conversationId}/activities`, { token: chat.token })).status).to.equal(403);
      } finally {
        clock -= 40 * 60 * 1000;
      }
    });
  });

  describe('conversations', () => {
    it('answers 404 for a conversation that was never started', async () => {
      const session = await getSession(server.url);
      const res = await call('GET', `${server.url}/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token });
      expectCleanError(res, 404, 'unknown_conversation');
      const post = await call('POST', `${server.url}/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token, body: { type: 'message', text: 'hi' } });
      expectCleanError(post, 404, 'unknown_conversation');
    });

    it('answers 404 once a conversation has been forgotten to make room', async () => {
      const oldest = await Chat.start(server.url);
      for (let i = 0; i < 3; i += 1) await Chat.start(server.url);
      const res = await call('GET', `${oldest.base}/conversations/${oldest.conversationId}/activities`, { token: oldest.token });
      expectCleanError(res, 404, 'unknown_conversation');
    });
  });

  describe('bodies', () => {
    let chat: Chat;
    before(async () => {
      chat = await Chat.start(server.url);
    });

    const cases: { name: string; body?: unknown; raw?: string; contentType?: string; status: number; code?: string }[] = [
      { name: 'an event activity', body: { type: 'event', name: 'x' }, status: 400, code: 'bad_activity' },
      { name: 'a conversationUpdate from the page', body: { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] }, status: 400, code: 'bad_activity' },
      { name: 'a message with neither text nor value', body: { type: 'message', text: '   ' }, status: 400, code: 'bad_activity' },
      { name: 'text that is not a string', body: { type: 'message', text: { evil: true } }, status: 400, code: 'bad_activity' },
      { name: 'an upload', body: { type: 'message', text: 'x', attachments: [{ contentType: 'image/png', contentUrl: 'blob:x' }] }, status: 400, code: 'bad_activity' },
      { name: 'an array', body: [{ type: 'message', text: 'x' }], status: 400, code: 'bad_activity' },
      { name: 'text over the limit', body: { type: 'message', text: 'x'.repeat(101) }, status: 413, code: 'text_too_long' },
      { name: 'malformed JSON', raw: '{"type": "message", "text": ', status: 400 },
      { name: 'a body that is not JSON', raw: 'type=message', contentType: 'text/plain', status: 415 },
      { name: 'a body over the size limit', raw: JSON.stringify({ type: 'message', text: 'x'.repeat(TEST_MAX_BODY_BYTES) }), status: 413 },
    ];

    for (const c of cases) {
      it(`refuses ${c.name} with ${c.status} and a JSON error`, async () => {
        const res = await call('POST', `${chat.base}/conversations/${chat.conversationId}/activities`, {
          token: chat.token,
          body: c.body,
          rawBody: c.raw,
          headers: c.contentType ? { 'content-type': c.contentType } : undefined,
        });
        expectCleanError(res, c.status, c.code);
      });
    }

    it('refuses a bad watermark', async () => {
      const res = await call('GET', `${chat.base}/conversations/${chat.conversationId}/activities?watermark=-1`, { token: chat.token });
      expectCleanError(res, 400, 'bad_request');
    });

    it('stores nothing from refused bodies', async () => {
      const set = await chat.activities();
      expect(set.activities.map((a) => a.text)).to.have.length(1);
    });
  });
});
