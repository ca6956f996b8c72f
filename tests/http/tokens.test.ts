import { expect } from 'chai';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { startTestBot, type TestBot } from '../support/bot';

const APP_ID = '00000000-0000-4000-8000-0000000000aa';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'http://127.0.0.1:9';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function sign(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${base64url(signature)}`;
}

/** Publishes our own signing key as OpenID metadata and a JWKS, on loopback, as the Bot Framework does. */
async function startKeyServer(publicKey: KeyObject, kid: string): Promise<{ url: string; close(): Promise<void> }> {
  let base = '';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['webchat', 'msteams', 'sms', 'emulator'] };
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url: `${base}/.well-known/openidconfiguration`, close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }) };
}

describe('Bot Framework tokens, verified against signing keys served on loopback', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'test-key-1';
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let bot: TestBot;

  before(async () => {
    keys = await startKeyServer(publicKey, kid);
    bot = await startTestBot({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'unused-in-these-tests', TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: keys.url } });
  });
  after(async () => {
    await bot?.stop();
    await keys?.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const good = () => ({ iss: ISSUER, aud: APP_ID, nbf: now() - 60, exp: now() + 600, serviceurl: SERVICE_URL });

  async function post(token: string): Promise<{ status: number; body: string }> {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        type: 'message', text: 'what is runners knee', channelId: 'webchat', serviceUrl: SERVICE_URL, deliveryMode: 'expectReplies',
        from: { id: 'u' }, recipient: { id: APP_ID }, conversation: { id: `c-${randomUUID()}` }, id: randomUUID(),
      }),
    });
    return { status: res.status, body: await res.text() };
  }

  it('accepts a valid token and runs the turn', async () => {
    const res = await post(sign(privateKey, kid, good()));
    expect(res.status).to.equal(200);
    expect(res.body).to.include('"kb.answer"');
  });

  const refused: [string, () => string][] = [
    ['a wrong audience', () => sign(privateKey, kid, { ...good(), aud: 'someone-else' })],
    ['a wrong issuer', () => sign(privateKey, kid, { ...good(), iss: 'https://evil.example' })],
    ['an expired token', () => sign(privateKey, kid, { ...good(), nbf: now() - 7200, exp: now() - 3600 })],
    ['a signature by another key', () => sign(stranger, kid, good())],
    ['an unknown key id', () => sign(privateKey, 'no-such-key', good())],
  ];
  for (const [name, token] of refused) {
    it(`refuses ${name} with a bare 401`, async () => {
      const res = await post(token());
      expect(res.status).to.equal(401);
      expect(res.body).to.equal('');
    });
  }
});
