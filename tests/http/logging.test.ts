import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger, libraryLogger } from '../../server/logger';

function capture(): { stream: Writable; lines: () => string[] } {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString('utf8');
      done();
    },
  });
  return { stream, lines: () => written.split('\n').filter(Boolean) };
}

describe("the logger handed to restify", () => {
  // restify logs the whole request when it cannot format a response; a bearer token must not follow.
  const request = {
    method: 'POST',
    url: '/v3/directline/conversations/abc/stream?t=secret-stream-token',
    headers: { authorization: 'Bearer secret-bearer-token', cookie: 'session=secret-cookie' },
    body: { text: 'my knee hurts and my name is Ana' },
  };

  it('writes a request as its method and path only: no headers, query string or body', () => {
    const sink = capture();
    libraryLogger(createLogger('info', sink.stream), 'restify').warn({ req: request, err: new Error('no formatter') }, 'error retrieving formatter');
    const [line] = sink.lines();
    expect(line).to.be.a('string');
    expect(line).to.not.match(/secret|authorization|cookie|Ana|knee hurts/i);
    const entry = JSON.parse(line) as { component: string; req: { method: string; path: string }; err: { message: string } };
    expect(entry.component).to.equal('restify');
    expect(entry.req).to.deep.equal({ method: 'POST', path: '/v3/directline/conversations/abc/stream' });
    expect(entry.err.message).to.equal('no formatter');
  });

  it('keeps to the level the bot logs at', () => {
    const sink = capture();
    const log = libraryLogger(createLogger('warn', sink.stream), 'restify');
    log.info({ req: request }, 'routine');
    log.trace({ req: request }, 'detail');
    expect(sink.lines()).to.deep.equal([]);
  });

  it('is silent when the bot was given a logger that is not pino', () => {
    const log = libraryLogger({ info: () => undefined, warn: () => undefined, error: () => undefined }, 'restify');
    expect(log.isLevelEnabled('fatal')).to.equal(false);
  });
});
