import { expect } from 'chai';
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { findProjectRoot } from '../../config/paths';
import { renderPage } from '../../server/directline/static';
import { startEchoServer, type EchoServer } from './echoServer';

const root = findProjectRoot();
const WEBCHAT_BUNDLE = path.join(root, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js');

describe('the chat page and its files', () => {
  let server: EchoServer;
  before(async () => {
    server = await startEchoServer({ clinicName: 'Run & <Rehab> Clinic' });
  });
  after(() => server.close());

  const files = [
    { path: '/', type: 'text/html; charset=utf-8', cache: 'no-cache' },
    { path: '/embed.js', type: 'text/javascript; charset=utf-8', cache: 'public, max-age=3600' },
    { path: '/webchat/webchat.js', type: 'text/javascript; charset=utf-8', cache: 'public, max-age=86400' },
    { path: '/static/chat.js', type: 'text/javascript; charset=utf-8', cache: 'public, max-age=3600' },
    { path: '/static/chat.css', type: 'text/css; charset=utf-8', cache: 'public, max-age=3600' },
    { path: '/static/embed.css', type: 'text/css; charset=utf-8', cache: 'public, max-age=3600' },
    { path: '/static/favicon.svg', type: 'image/svg+xml', cache: 'public, max-age=3600' },
  ];

  for (const file of files) {
    it(`serves ${file.path} as ${file.type}, cached "${file.cache}", revalidated by ETag`, async () => {
      const res = await fetch(`${server.url}${file.path}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal(file.type);
      expect(res.headers.get('cache-control')).to.equal(file.cache);
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      const etag = res.headers.get('etag') ?? '';
      expect(etag).to.match(/^".+"$/);
      await res.arrayBuffer();
      const again = await fetch(`${server.url}${file.path}`, { headers: { 'if-none-match': etag } });
      expect(again.status).to.equal(304);
    });
  }

  it('serves the full Web Chat bundle from the installed package (Adaptive Cards included), gzipped when asked', async () => {
    const res = await fetch(`${server.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    // fetch decodes gzip itself; the length header tells what went over the wire.
    expect(res.headers.get('content-encoding')).to.equal('gzip');
    const wire = Number(res.headers.get('content-length'));
    const text = await res.text();
    expect(text.length).to.equal(statSync(WEBCHAT_BUNDLE).size);
    expect(text).to.contain('AdaptiveCard');
    expect(wire).to.be.below(text.length / 2);
  });

  it('sends gzip bytes that decompress to the file', async () => {
    const url = new URL(`${server.url}/static/chat.css`);
    const body = await new Promise<Buffer>((resolve, reject) => {
      request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(gunzipSync(body).toString('utf8')).to.contain('.masthead');
  });

  it('says on the page that this is general information, not a diagnosis, and to call 911 in an emergency', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).to.contain('not a diagnosis');
    expect(html).to.match(/call 911/i);
    expect(html).to.contain('<link rel="icon"');
    expect(html).to.contain('<meta name="viewport"');
    expect(html).to.contain('src="/webchat/webchat.js"');
    expect(html).to.not.match(/https?:\/\//);
  });

  it('puts the clinic’s name on the page, escaped', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).to.contain('Run &#38; &#60;Rehab&#62; Clinic');
    expect(html).to.not.contain('<Rehab>');
    expect(html).to.not.contain('{{');
  });

  it('sends a content security policy that allows only this origin’s scripts and its own stream', async () => {
    const res = await fetch(`${server.url}/`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).to.contain("script-src 'self'");
    expect(policy).to.contain(`connect-src 'self' ${server.url.replace('http', 'ws')}`);
    expect(policy).to.contain('frame-ancestors *');
    expect(policy).to.not.contain('unsafe-eval');
  });

  it('names no clinic when none is configured', () => {
    const html = readFileSync(path.join(root, 'public', 'index.html'), 'utf8');
    const page = renderPage(html, undefined);
    expect(page).to.not.contain('{{');
    expect(page).to.not.contain('class="clinic"');
    expect(page).to.contain('<title>Knee pain assistant</title>');
  });

  for (const bad of ['/static/..%2Fpackage.json', '/static/.env', '/static/notes.txt', '/static/missing.js', '/static/%2e%2e%2fserver%2fapp.ts']) {
    it(`answers 404 for ${bad}`, async () => {
      const res = await fetch(`${server.url}${bad}`);
      expect(res.status).to.equal(404);
      expect(await res.text()).to.not.contain('export');
    });
  }
});
