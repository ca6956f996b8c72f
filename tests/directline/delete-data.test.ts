import { expect } from 'chai';
import { botEngines, startBotOn, type BotOnEngine } from '../support/engines';
import { Chat, type Activity } from './client';

function carries(activity: Activity, type: string): boolean {
  return Array.isArray(activity.entities) && activity.entities.some((e: unknown) => typeof e === 'object' && e !== null && (e as { type?: unknown }).type === type);
}

for (const engine of botEngines()) {
  describe(`"delete my data" in Web Chat forgets the transcript too, on ${engine.name}`, () => {
    let running: BotOnEngine;
    before(async function () {
      await engine.requireAvailable(this);
      running = await startBotOn(engine);
    });
    after(() => running?.dispose());

    it('keeps only the reply saying the data is gone; the conversation carries on', async () => {
      const chat = await Chat.start(running.bot.url);
      expect((await chat.say('my knee is swollen and hurts going down stairs')).status).to.equal(200);
      const before = await chat.activities();
      expect(before.activities.map((a) => a.text).join('\n')).to.include('swollen');

      expect((await chat.say('delete my data')).status).to.equal(200);
      const after = await chat.activities();
      expect(after.activities.map((a) => a.text).join('\n')).to.not.include('swollen');
      expect(after.activities.map((a) => a.text).join('\n')).to.not.include('delete my data');
      expect(after.activities).to.have.length(1);
      expect(carries(after.activities[0], 'privacy.deleted')).to.equal(true);
      expect(Number(after.watermark)).to.be.greaterThan(Number(before.watermark));

      // Ids and watermarks carry on: the page keeps talking where it was.
      expect((await chat.say("what is runner's knee")).status).to.equal(200);
      const next = await chat.activities(after.watermark);
      expect(next.activities.some((a) => carries(a, 'kb.answer'))).to.equal(true);
    });
  });
}
