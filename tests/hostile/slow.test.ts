import { expect } from 'chai';
import net from 'node:net';
import { Person } from '../support/bot';
import { startBotProcess, type BotProcess } from './botProcess';
import { expectStillAnswering } from './checks';
import { httpRequest } from './raw';
import { activity, JSON_TYPE } from './rows';

/** Opens a connection that sends its headers and part of the body it promised, then waits. */
function stalled(url: string, promised: number, sent: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(httpRequest({ path: '/api/messages', host: `${hostname}:${port}`, headers: [JSON_TYPE], body: sent, contentLength: String(promised) }));
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

describe('slow and costly requests', function () {
  this.timeout(60_000);
  let bot: BotProcess;
  beforeEach(async () => {
    bot = await startBotProcess();
  });
  afterEach(() => bot.stop());

  it('keeps answering others while 50 requests hold back the bodies they promised', async () => {
    const sockets = await Promise.all(Array.from({ length: 50 }, () => stalled(bot.url, 100_000, '{"type":"message","te')));
    try {
      await expectStillAnswering(bot);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it('keeps answering others while 30 requests trickle their headers a byte at a time', async () => {
    const { hostname, port } = new URL(bot.url);
    const sockets = await Promise.all(
      Array.from({ length: 30 }, () => new Promise<net.Socket>((resolve) => {
        const socket = net.connect(Number(port), hostname, () => resolve(socket));
        socket.on('error', () => socket.destroy());
      })),
    );
    const drip = setInterval(() => sockets.forEach((s) => s.write('X')), 50);
    sockets.forEach((s) => s.write(`POST /api/messages HTTP/1.1\r\nHost: ${hostname}\r\nX-Slow: `));
    try {
      await expectStillAnswering(bot);
    } finally {
      clearInterval(drip);
      for (const socket of sockets) socket.destroy();
    }
  });

  it('answers a message that is one 2,000-character word, and others meanwhile', async () => {
    // The longest text the bot reads (MAX_MESSAGE_CHARS), as one word no dictionary knows.
    const word = 'kneex'.repeat(400);
    const costly = timed(fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity({ text: word })), signal: AbortSignal.timeout(10_000) }).then((res) => res.status));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const giveUp = new Promise<number>((resolve) => setTimeout(() => resolve(0), 5000));
    const others = await timed(Promise.race([new Person(bot.url).say("what is runner's knee").then((turn) => turn.status), giveUp]));
    expect(others.value).to.equal(200);
    const result = await costly.catch(() => ({ value: 0, ms: 10_000 }));
    expect(result.value).to.equal(200);
  });
});
