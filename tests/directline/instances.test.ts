import { expect } from 'chai';
import { startTestBot, type TestBot } from '../support/bot';
import { botEngines, startBotOn, type BotOnEngine } from '../support/engines';
import { postgresEngine, readTestEnvironment, requireUrl, withPostgresAdmin, type TestTarget } from '../storage/engines';
import { asActivitySet, call, Chat, str, StreamReader, type Activity } from './client';

/** A liveness bound for the bot's reply, not a performance claim. */
const REPLY_BOUND_MS = 15_000;

/** Posts as Web Chat does, to any instance's REST endpoint, and returns the stored message's id. */
async function say(baseUrl: string, chat: Chat, text: string): Promise<string> {
  const res = await call('POST', `${baseUrl}/v3/directline/conversations/${chat.conversationId}/activities`, {
    token: chat.token,
    body: { type: 'message', text, from: { id: chat.userId }, channelData: { clientActivityID: `client-${text}` } },
  });
  expect(res.status, res.raw).to.equal(200);
  return str(res.body, 'id');
}

/** The bot's reply to one message, once the stream has delivered it. */
async function replyTo(stream: StreamReader, id: string): Promise<Activity> {
  const deadline = Date.now() + REPLY_BOUND_MS;
  for (;;) {
    const reply = stream.activities.find((a) => a.replyToId === id && a.from?.role === 'bot');
    if (reply) return reply;
    if (Date.now() > deadline) throw new Error(`no reply to ${id} on the stream; got ${stream.activities.map((a) => a.id).join(', ')}`);
    await stream.waitFor(stream.activities.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
  }
}

/** A fresh stream from the watermark the page holds, as Web Chat reconnects, from any instance. */
async function reconnect(baseUrl: string, chat: Chat, watermark: string): Promise<StreamReader> {
  const res = await call('GET', `${baseUrl}/v3/directline/conversations/${chat.conversationId}?watermark=${watermark}`, { token: chat.token });
  expect(res.status, res.raw).to.equal(200);
  return StreamReader.open(str(res.body, 'streamUrl'));
}

async function history(baseUrl: string, chat: Chat): Promise<Activity[]> {
  const res = await call('GET', `${baseUrl}/v3/directline/conversations/${chat.conversationId}/activities`, { token: chat.token });
  expect(res.status, res.raw).to.equal(200);
  return asActivitySet(res.body).activities;
}

const sequenceOf = (activity: Activity) => Number(String(activity.id).split('|')[1]);

describe('Web Chat served by two bot instances on one PostgreSQL database', function () {
  const environment = readTestEnvironment(process.env);
  const engine = postgresEngine(environment);
  let target: TestTarget;
  let first: TestBot;
  let second: TestBot;
  const streams: StreamReader[] = [];
  /** The first instance's connections go by their own name, so a test can cut just them. */
  const firstName = () => `${target.options.schema}_first`;

  before(async function () {
    await engine.requireAvailable(this);
    target = await engine.createTarget();
    const url = new URL(target.options.databaseUrl ?? '');
    const env = { USER_KEY_SECRET: 'shared-secret-for-both-instances' };
    second = await startTestBot({ env: { ...env, DATABASE_URL: url.toString() }, schema: target.options.schema });
    url.searchParams.set('application_name', firstName());
    first = await startTestBot({ env: { ...env, DATABASE_URL: url.toString() }, schema: target.options.schema });
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  after(async () => {
    await first?.stop();
    await second?.stop();
    await target?.dispose();
  });

  const open = async (url: string) => {
    const stream = await StreamReader.open(url);
    streams.push(stream);
    return stream;
  };

  it('delivers on the first instance’s stream the reply to a message posted through the second', async () => {
    const chat = await Chat.start(first.url);
    expect(new URL(chat.streamUrl).host).to.equal(new URL(first.url).host);
    const stream = await open(chat.streamUrl);
    const id = await say(second.url, chat, 'what is runners knee');
    const reply = await replyTo(stream, id);
    expect(reply.text).to.be.a('string').and.not.equal('');
    // The page saw its own message echoed, then the reply, with ids in order and none twice.
    const seen = stream.activities.map((a) => a.id);
    expect(seen).to.include(id);
    expect(new Set(seen).size).to.equal(seen.length);
    expect(stream.activities.map(sequenceOf)).to.deep.equal([...stream.activities.map(sequenceOf)].sort((a, b) => a - b));
    // Either instance serves the whole history.
    expect((await history(second.url, chat)).map((a) => a.id)).to.deep.equal((await history(first.url, chat)).map((a) => a.id));
  });

  it('serves one conversation from both instances at once, each stream seeing every turn', async () => {
    const chat = await Chat.start(second.url);
    const onFirst = await reconnect(first.url, chat, '0');
    streams.push(onFirst);
    const onSecond = await open(chat.streamUrl);
    const viaFirst = await say(first.url, chat, 'help');
    await replyTo(onSecond, viaFirst);
    const viaSecond = await say(second.url, chat, 'what is runners knee');
    await replyTo(onFirst, viaSecond);
    await replyTo(onFirst, viaFirst);
    await replyTo(onSecond, viaSecond);
  });

  it('still delivers after the first instance’s listening connection is cut, re-reading what it missed', async () => {
    const chat = await Chat.start(first.url);
    const stream = await open(chat.streamUrl);
    const terminated = await withPostgresAdmin(requireUrl(environment), async (admin) =>
      (await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'", [firstName()])).rowCount,
    );
    expect(terminated).to.equal(1);
    const id = await say(second.url, chat, 'help');
    await replyTo(stream, id);
    expect(first.logs.join('')).to.contain('db_connection_lost');
  });
});

for (const engine of botEngines()) {
  describe(`a Web Chat conversation across a restart of the bot, on ${engine.name}`, function () {
    let handle: BotOnEngine;
    const streams: StreamReader[] = [];
    before(async function () {
      await engine.requireAvailable(this);
      handle = await startBotOn(engine);
    });
    after(async () => {
      for (const stream of streams) stream.close();
      await handle?.dispose();
    });

    it('carries on with the same token and watermark after the bot restarts', async () => {
      const chat = await Chat.start(handle.bot.url);
      const before = await StreamReader.open(chat.streamUrl);
      streams.push(before);
      const first = await replyTo(before, await say(handle.bot.url, chat, 'help'));
      const watermark = String(sequenceOf(before.activities[before.activities.length - 1]));
      before.close();

      await handle.restart();
      const after = await reconnect(handle.bot.url, chat, watermark);
      streams.push(after);
      const id = await say(handle.bot.url, chat, 'what is runners knee');
      await replyTo(after, id);
      // Nothing from before the watermark is sent again, and nothing is lost from the history.
      expect(after.activities.every((a) => sequenceOf(a) > Number(watermark))).to.equal(true);
      const all = (await history(handle.bot.url, chat)).map((a) => a.id);
      expect(all).to.include.members([first.id, id]);
      expect(all.map((a) => Number(String(a).split('|')[1]))).to.deep.equal(all.map((_, i) => i + 1));
    });
  });
}
