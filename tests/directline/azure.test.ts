import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { FetchFn } from '../../server/directline';
import { call, getSession, isRecord } from './client';
import { startEchoServer, type EchoServer } from './echoServer';

const SECRET = 'AZURE-DIRECT-LINE-SECRET-never-in-a-browser-7f3a9c';

interface SeenRequest {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** Azure's Direct Line token endpoint, played on loopback. */
async function startAzureStandIn(answer: (req: SeenRequest) => { status: number; body: unknown }): Promise<{ domain: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      seen.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { domain: `http://127.0.0.1:${port}/v3/directline`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function sentUserId(req: SeenRequest | undefined): string {
  const body: unknown = JSON.parse(req?.body || '{}');
  return isRecord(body) && isRecord(body.user) && typeof body.user.id === 'string' ? body.user.id : '';
}

describe('Direct Line tokens from Azure (DIRECT_LINE_SECRET set)', () => {
  let azure: Awaited<ReturnType<typeof startAzureStandIn>>;
  let server: EchoServer;
  let status = 200;
  const fetched: string[] = [];
  const recordingFetch: FetchFn = (url, init) => {
    fetched.push(url);
    return fetch(url, init);
  };

  before(async () => {
    azure = await startAzureStandIn((req) =>
      status === 200
        ? { status, body: { conversationId: 'AzureConv-123', token: `azure-token-for-${sentUserId(req)}`, expires_in: 3600 } }
        : { status, body: { error: { code: 'BadArgument', message: `bad secret ${req.authorization}` } } },
    );
    server = await startEchoServer({ directLineSecret: SECRET, azureDomain: azure.domain, fetch: recordingFetch, limits: { azureTimeoutMs: 1000 } });
  });
  afterEach(() => {
    status = 200;
  });
  after(async () => {
    await server.close();
    await azure.close();
  });

  it('exchanges the secret server-side for a token bound to a dl_ user, and the page gets Azure’s domain', async () => {
    azure.seen.length = 0;
    const session = await getSession(server.url);
    expect(azure.seen).to.have.length(1);
    expect(azure.seen[0]).to.deep.include({ method: 'POST', url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(sentUserId(azure.seen[0])).to.equal(session.userId).and.to.match(/^dl_web_/);
    expect(session).to.deep.include({ token: `azure-token-for-${session.userId}`, conversationId: 'AzureConv-123', expires_in: 3600, domain: azure.domain });
    expect(fetched.at(-1)).to.equal(`${azure.domain}/tokens/generate`);
  });

  it('keeps a returning visitor’s Azure user id', async () => {
    const first = await getSession(server.url);
    const again = await getSession(server.url, first.userToken);
    expect(again.userId).to.equal(first.userId);
  });

  it('never returns the secret to the page: not in the token answer, the page, its scripts or the logs', async () => {
    const answers = [
      await call('POST', `${server.url}/api/directline/token`, { body: {} }),
      await call('GET', `${server.url}/`),
      await call('GET', `${server.url}/static/chat.js`),
      await call('GET', `${server.url}/embed.js`),
    ];
    status = 401;
    answers.push(await call('POST', `${server.url}/api/directline/token`, { body: {} }));
    for (const res of answers) {
      expect(res.raw).to.not.contain(SECRET);
      res.headers.forEach((value) => expect(value).to.not.contain(SECRET));
    }
    expect(server.log.lines.join('\n')).to.not.contain(SECRET);
  });

  it('answers 502 with a plain JSON error when Azure refuses', async () => {
    status = 403;
    const res = await call('POST', `${server.url}/api/directline/token`, { body: {} });
    expect(res.status).to.equal(502);
    expect(res.body).to.deep.equal({ error: { code: 'upstream_error', message: 'The chat service is unavailable; please try again shortly.' } });
  });

  it('answers 502 when Azure cannot be reached', async () => {
    const unreachable = await startEchoServer({ directLineSecret: SECRET, azureDomain: 'http://127.0.0.1:9/v3/directline', limits: { azureTimeoutMs: 1000 } });
    try {
      const res = await call('POST', `${unreachable.url}/api/directline/token`, { body: {} });
      expect(res.status).to.equal(502);
      expect(res.raw).to.not.contain(SECRET);
      expect(unreachable.log.lines.join('\n')).to.not.contain(SECRET);
    } finally {
      await unreachable.close();
    }
  });

  it('lets the page connect to Azure’s origin in its content security policy', async () => {
    const res = await call('GET', `${server.url}/`);
    const origin = new URL(azure.domain).origin;
    expect(res.headers.get('content-security-policy')).to.contain(`connect-src 'self' ws://127.0.0.1:`).and.to.contain(origin).and.to.contain(origin.replace('http', 'ws'));
  });
});
