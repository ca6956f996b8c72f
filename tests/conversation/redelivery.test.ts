import { expect } from 'chai';
import Database from 'better-sqlite3';
import * as path from 'node:path';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { startChannelStandIn, type ChannelStandIn } from '../staff/channel-stand-in';

describe('a message delivered twice (a channel retrying after a lost response)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('gets the same replies again when they travel in the response, and the turn is not run twice', async () => {
    const person = new Person(bot.url);
    await person.say('my knee hurts when i run');
    const first = await person.say('no', { id: 'sent-twice' });
    const again = await person.say('no', { id: 'sent-twice' });
    expect(first.entity('triage.question')).to.not.equal(undefined);
    expect(again.status).to.equal(200);
    expect(again.activities).to.deep.equal(first.activities);
    // Not run twice: the next answer goes to the question after it, not to the same one again.
    const next = await person.say('no');
    expect(next.entity('triage.question')?.id).to.not.equal(first.entity('triage.question')?.id);
  });

  it("keeps no copy of a reply with the person's name and number: sent again, the confirmation gives the reference alone", async () => {
    const person = new Person(bot.url);
    for (const text of ['can someone call me back', 'yes', 'Robin Quill']) await person.say(text);
    await person.say('416-555-0142');
    const first = await person.say('evenings', { id: 'confirmed-twice' });
    const reference = first.entity('booking.requested')?.reference;
    expect(first.text).to.include('Robin Quill');
    const again = await person.say('evenings', { id: 'confirmed-twice' });
    expect(again.entity('booking.requested')?.reference).to.equal(reference);
    expect(again.text).to.include(String(reference));
    expect(again.text).to.not.match(/Robin|555/);
    // The request holds them (with consent); the conversation's saved state does not.
    const db = new Database(path.join(bot.dataDir, 'bot.sqlite'), { readonly: true });
    try {
      const states = db.prepare('SELECT value FROM state').all() as { value: string }[];
      expect(states.filter((row) => /Robin|555.?0142/.test(row.value))).to.deep.equal([]);
    } finally {
      db.close();
    }
  });

  it('replays only the latest turn: an older activity id delivered again gets nothing', async () => {
    const person = new Person(bot.url);
    await person.say("what is runner's knee", { id: 'older' });
    await person.say('does icing help', { id: 'newer' });
    const stale = await person.say("what is runner's knee", { id: 'older' });
    expect(stale.status).to.equal(200);
    expect(stale.activities).to.deep.equal([]);
  });

  describe('when replies are posted to the channel', () => {
    let channel: ChannelStandIn;
    before(async () => {
      channel = await startChannelStandIn();
    });
    after(() => channel.close());

    it('posts them once: a second delivery sends nothing more', async () => {
      const person = new Person(bot.url, 'emulator', undefined, { serviceUrl: channel.serviceUrl, deliveryMode: 'normal' });
      await person.say("what is runner's knee", { id: 'posted-twice' });
      const posted = channel.calls.length;
      await person.say("what is runner's knee", { id: 'posted-twice' });
      expect(posted).to.be.greaterThan(0);
      expect(channel.calls.length).to.equal(posted);
    });
  });
});
