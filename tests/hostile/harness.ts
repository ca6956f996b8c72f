import { expect } from 'chai';
import { startBotProcess, type BotProcess } from './botProcess';
import { errorLines, expectAnswer, expectNoInternals, expectStillAnswering, linesWithSecrets, openSession } from './checks';
import { rawRequest } from './raw';
import type { HostileContext, HostileRow } from './rows';

const WORDING = {
  refused: 'refused with a 4xx',
  answered: 'answered with a 2xx or 4xx',
  upgraded: 'upgraded, then closed by the server',
  dropped: 'refused or dropped',
} as const;

function secretsOf(ctx: HostileContext): string[] {
  return [ctx.session, ctx.other].flatMap((s) => [s.token, s.streamToken, s.userToken]);
}

/**
 * Sends each row to a bot in its own process and checks the answer, that nothing internal leaks,
 * that nothing unexpected is logged, and that the bot still answers a normal question. A bot
 * killed by a row is restarted so the next rows still test something.
 */
export function describeCorpus(title: string, rows: HostileRow[]): void {
  describe(title, function () {
    this.timeout(30_000);
    let bot: BotProcess;
    let ctx: HostileContext;
    const start = async () => {
      bot = await startBotProcess();
      ctx = { host: bot.host, session: await openSession(bot.url), other: await openSession(bot.url) };
    };
    before(start);
    after(() => bot.stop());
    afterEach(async () => {
      if (bot.alive()) return;
      await bot.stop();
      await start();
    });

    for (const row of rows) {
      it(`${row.name}: ${WORDING[row.expect]}, shows nothing internal, and the bot carries on`, async () => {
        const seen = bot.logLines().length;
        const answer = await rawRequest(bot.url, row.build(ctx), row.mayLogError ? 20_000 : 5000);
        // A process that is dying closes its sockets a moment before it exits.
        if (answer.closedWithoutAnswer) await new Promise((resolve) => setTimeout(resolve, 150));
        await expectStillAnswering(bot);
        expectAnswer(answer, row.expect);
        expectNoInternals(answer);
        const fresh = bot.logLines().slice(seen);
        if (!row.mayLogError) expect(errorLines(fresh), 'the bot logged an unexpected error').to.deep.equal([]);
        expect(linesWithSecrets(fresh, secretsOf(ctx)), 'a credential reached the log').to.deep.equal([]);
      });
    }
  });
}
