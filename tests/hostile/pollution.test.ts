import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { openSession } from './checks';
import { directLineCorpus } from './corpus-directline';
import { pollutionRows } from './corpus-messages';
import { rawRequest } from './raw';
import type { HostileContext } from './rows';

/** Everything the built-in prototypes hold, to compare before and after. */
function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((proto, i) =>
    Reflect.ownKeys(proto).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      return `${i}:${String(key)}:${descriptor && 'value' in descriptor ? typeof descriptor.value : 'accessor'}`;
    }),
  );
}

describe('prototype pollution through any request (the bot in this process)', function () {
  this.timeout(30_000);
  let bot: TestBot;
  let before: string[];
  const rows = [...pollutionRows(), ...directLineCorpus().filter((row) => /prototype|__proto__|constructor/i.test(row.name))];

  it(`replays ${rows.length} requests carrying __proto__ and constructor.prototype, and Object.prototype stays clean`, async () => {
    before = prototypeSnapshot();
    bot = await startTestBot();
    try {
      const ctx: HostileContext = { host: new URL(bot.url).host, session: await openSession(bot.url), other: await openSession(bot.url) };
      for (const row of rows) {
        const answer = await rawRequest(bot.url, row.build(ctx));
        expect(answer.status, row.name).to.be.a('number');
      }
      const probe: Record<string, unknown> = {};
      expect(probe.polluted, 'a fresh object inherited "polluted"').to.equal(undefined);
      expect(prototypeSnapshot()).to.deep.equal(before);
      expect((await new Person(bot.url).say("what is runner's knee")).entity('kb.answer')?.id).to.equal('what-is-runners-knee');
    } finally {
      await bot.stop();
    }
  });
});
