import { expect } from 'chai';
import { Chat, StreamReader, upgradeStatus } from './client';
import { startEchoServer, WELCOME, type EchoServer } from './echoServer';

describe('Direct Line WebSocket stream', () => {
  let server: EchoServer;
  const open: StreamReader[] = [];
  before(async () => {
    server = await startEchoServer();
  });
  afterEach(() => {
    for (const stream of open.splice(0)) stream.close();
  });
  after(() => server.close());

  async function openStream(url: string): Promise<StreamReader> {
    const stream = await StreamReader.open(url);
    open.push(stream);
    return stream;
  }

  it('replays the welcome produced before the socket opened', async () => {
    const chat = await Chat.start(server.url);
    const stream = await openStream(chat.streamUrl);
    const [welcome] = await stream.waitFor(1);
    expect(welcome?.text).to.equal(WELCOME);
    expect(stream.frames[0]?.watermark).to.equal('1');
  });

  it('pushes the echo of the user’s message and the bot’s reply as they happen', async () => {
    const chat = await Chat.start(server.url);
    const stream = await openStream(chat.streamUrl);
    await stream.waitFor(1);
    await chat.say('ouch', 'client-ws-1');
    const activities = await stream.waitFor(3);
    expect(activities.map((a) => a.text)).to.deep.equal([WELCOME, 'ouch', 'You said: ouch']);
    expect(activities[1]?.channelData).to.deep.equal({ clientActivityID: 'client-ws-1' });
    expect(stream.frames.at(-1)?.watermark).to.equal('3');
  });

  it('replays only what came after the watermark in a reconnect stream URL', async () => {
    const chat = await Chat.start(server.url);
    await chat.say('first');
    await chat.say('second');
    const res = await fetch(`${chat.base}/conversations/${chat.conversationId}?watermark=3`, { headers: { authorization: `Bearer ${chat.token}` } });
    const body: unknown = await res.json();
    const streamUrl = typeof body === 'object' && body !== null && 'streamUrl' in body && typeof body.streamUrl === 'string' ? body.streamUrl : '';
    const stream = await openStream(streamUrl);
    const activities = await stream.waitFor(2);
    expect(activities.map((a) => a.text)).to.deep.equal(['second', 'You said: second']);
  });

  it('loses nothing and doubles nothing when messages arrive while the replay is sent', async () => {
    const chat = await Chat.start(server.url);
    const opening = openStream(chat.streamUrl);
    const sends = ['a', 'b', 'c'].map((text) => chat.say(text));
    const stream = await opening;
    await Promise.all(sends);
    const activities = await stream.waitFor(7);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.activities.map((a) => a.id)).to.deep.equal(activities.map((_, i) => `${chat.conversationId}|${String(i + 1).padStart(7, '0')}`));
  });

  it('refuses to open a stream without a valid token for that conversation', async () => {
    const a = await Chat.start(server.url);
    const b = await Chat.start(server.url);
    const aToken = new URL(a.streamUrl).searchParams.get('t') ?? '';
    const cases = [
      { name: 'no token', url: b.streamUrl.replace(/&t=.*$/, ''), status: 401 },
      { name: 'a forged token', url: b.streamUrl.replace(/\.[\w-]+$/, '.AAAA'), status: 403 },
      { name: 'another conversation’s token', url: b.streamUrl.replace(/t=.*$/, `t=${aToken}`), status: 403 },
      { name: 'a conversation token instead of a stream token', url: b.streamUrl.replace(/t=.*$/, `t=${b.token}`), status: 403 },
      { name: 'a bad watermark', url: b.streamUrl.replace('watermark=0', 'watermark=x'), status: 400 },
    ];
    for (const c of cases) expect(await upgradeStatus(c.url), c.name).to.equal(c.status);
    expect(await upgradeStatus(b.streamUrl)).to.equal(101);
  });

  it('answers upgrades to any other path with 404', async () => {
    expect(await upgradeStatus(`${server.url.replace('http', 'ws')}/api/messages`)).to.equal(404);
  });

  it('lets the server close while streams are open', async () => {
    const other = await startEchoServer();
    const chat = await Chat.start(other.url);
    const stream = await StreamReader.open(chat.streamUrl);
    const closed = new Promise<number>((resolve) => stream.socket.once('close', (code) => resolve(code)));
    await other.close();
    expect(await closed).to.be.a('number');
  });
});
