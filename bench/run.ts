import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { loadKnowledgeBase } from '../knowledge/topics';
import { loadLexicon } from '../knowledge/lexicon';
import { createMatcher } from '../matcher/matcher';
import { storedAnalysis } from '../matcher/snapshot';
import { loadEvalSet } from '../scripts/kb-eval';
import { syntheticKnowledgeBase } from './synthetic';
import { median, ms, timeMany } from './stats';
import { load, startServer, type LoadFigures, type ServerUnderTest } from './http';
import * as fs from 'node:fs';
import { measureWebChatReplies } from '../tests/e2e/bench';
import { chromiumAvailable } from '../tests/e2e/browser';
import { answerTurn, loadProtocol, startSession, type TriageState } from '../triage';

const ROUNDS = 7;
/** Load on each server before the HTTP rounds, not counted. */
const WARM_UP_SECONDS = 3;
/** The benchmarks run with every limit at its default: each request is its own conversation, well under the per-conversation rate. */
const LIMITS_NOTE = 'limits: all at their defaults, none raised (each request is a new conversation, under RATE_LIMIT_PER_CONVERSATION)';

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function matcherBench(root: string): void {
  const dir = path.join(root, 'knowledge');
  const kb = time(() => loadKnowledgeBase(dir));
  const lexicon = loadLexicon(dir);
  const matcher = time(() => createMatcher(kb.value, lexicon));
  const fromSnapshot = time(() => createMatcher(kb.value, lexicon, { analysed: storedAnalysis(kb.value, lexicon) }));
  const set = loadEvalSet(root);
  const questions = [...set.inScope.map((q) => q.q), ...set.outOfScope];
  questions.forEach((q) => matcher.value.match(q));
  const real = timeMany(questions, (q) => matcher.value.match(q), ROUNDS);
  console.log('\n## Matcher');
  console.log(`knowledge base load: ${ms(kb.ms)}; index build: ${ms(matcher.ms)}, from the build's snapshot (as the bot starts): ${ms(fromSnapshot.ms)} (${kb.value.topics.length} topics)`);
  console.log(`match, real knowledge base (${questions.length} questions x ${ROUNDS} rounds, medians): p50 ${ms(real.p50)}, p99 ${ms(real.p99)} (target p99 < 1 ms)`);
  const big = syntheticKnowledgeBase(kb.value, 5000);
  const bigMatcher = time(() => createMatcher(big, lexicon));
  questions.forEach((q) => bigMatcher.value.match(q));
  const synthetic = timeMany(questions, (q) => bigMatcher.value.match(q), ROUNDS);
  const exampleCount = big.topics.reduce((n, t) => n + t.questions.length, 0);
  console.log(`synthetic knowledge base: 5000 topics, ${exampleCount} example questions; index build ${ms(bigMatcher.ms)}`);
  console.log(`match, synthetic (medians): p50 ${ms(synthetic.p50)}, p99 ${ms(synthetic.p99)} (target p99 < 5 ms)`);
}

interface Vignette {
  opening: string;
  returning: boolean;
  replies: Record<string, string | string[]>;
}

/** Every vignette's turns, replayed through the pure triage session. */
function triageBench(root: string): void {
  const protocol = loadProtocol(path.join(root, 'knowledge', 'triage-protocol.json'));
  const vignettes: Vignette[] = JSON.parse(fs.readFileSync(path.join(root, 'tests/data/triage-vignettes.json'), 'utf8'));
  const ctx = { now: new Date('2026-11-25T15:00:00Z'), timeZone: 'America/Toronto' };
  const turns: { state: TriageState; text: string }[] = [];
  for (const v of vignettes) {
    let { state, step } = startSession(protocol, { returning: v.returning, openingText: v.opening, ctx });
    const times: Record<string, number> = {};
    for (let i = 0; i < 20 && step.kind === 'question'; i++) {
      const reply = v.replies[step.id];
      if (reply === undefined) break;
      const n = (times[step.id] = (times[step.id] ?? 0) + 1);
      const text = Array.isArray(reply) ? reply[Math.min(n, reply.length) - 1] : reply;
      turns.push({ state, text });
      ({ state, step } = answerTurn(protocol, state, text, ctx));
    }
  }
  const figures = timeMany(turns, (t) => answerTurn(protocol, t.state, t.text, ctx), ROUNDS);
  console.log('\n## Triage');
  console.log(`triage turn (parse the reply, apply the rules, choose the next step; ${turns.length} turns from ${vignettes.length} vignettes x ${ROUNDS} rounds, medians): p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}`);
}

function row(label: string, botRounds: LoadFigures[], echoRounds: LoadFigures[]): string {
  const bot = medianFigures(botRounds);
  const echo = medianFigures(echoRounds);
  // Each round pairs the bot with the echo bot run next to it, so a slow minute on the machine falls on both:
  // the median of those paired ratios is the figure, the ratio of the two medians is shown beside it.
  const perRound = botRounds.map((b, i) => b.requestsPerSecond / echoRounds[i].requestsPerSecond);
  const ratio = median(perRound);
  const ofMedians = bot.requestsPerSecond / echo.requestsPerSecond;
  const p99 = median(botRounds.map((b, i) => b.p99 / Math.max(echoRounds[i].p99, 1)));
  const spread = `${(Math.min(...perRound) * 100).toFixed(0)}-${(Math.max(...perRound) * 100).toFixed(0)}%`;
  return (
    `${label}: bot ${bot.requestsPerSecond.toFixed(0)} req/s p50 ${bot.p50} ms p99 ${bot.p99} ms errors ${bot.errors} | echo ${echo.requestsPerSecond.toFixed(0)} req/s p50 ${echo.p50} ms p99 ${echo.p99} ms | ` +
    `throughput ${(ratio * 100).toFixed(0)}% of echo (median of paired rounds; rounds ${spread}; ratio of medians ${(ofMedians * 100).toFixed(0)}%; target >= 80%), ` +
    `p99 ${p99.toFixed(2)}x echo (median of paired rounds, ratio of medians ${(bot.p99 / Math.max(echo.p99, 1)).toFixed(2)}x; target <= 1.25)`
  );
}

/** Each figure's median over the rounds (errors summed). */
function medianFigures(rounds: LoadFigures[]): LoadFigures {
  return {
    connections: rounds[0].connections,
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
  };
}

/** Starts the bot and the echo bot by turns, so a busy moment on the machine falls on both alike. */
async function startTimes(root: string, rounds: number): Promise<void> {
  const bot: number[] = [];
  const echo: number[] = [];
  const botRss: number[] = [];
  const echoRss: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [script, times, rss] of [['dist/bench/echoServer.js', echo, echoRss], ['dist/index.js', bot, botRss]] as const) {
      const server = await startServer(path.join(root, script), 19790);
      times.push(server.startToFirstAnswerMs);
      await new Promise((resolve) => setTimeout(resolve, 500));
      rss.push(server.rssMiB());
      await server.stop();
    }
  }
  console.log(`start to first answer (median of ${rounds} starts each): bot ${median(bot).toFixed(0)} ms, echo ${median(echo).toFixed(0)} ms (target bot <= 1500 ms)`);
  const idleBot = median(botRss);
  const idleEcho = median(echoRss);
  console.log(`idle RSS after the first answer (medians): bot ${idleBot.toFixed(1)} MiB, echo ${idleEcho.toFixed(1)} MiB, difference ${(idleBot - idleEcho).toFixed(1)} MiB (target <= 30 MiB)`);
}

async function httpBench(root: string, seconds: number, rounds: number): Promise<void> {
  console.log(`\n## HTTP on loopback (autocannon, expectReplies, SQLite; ${rounds} rounds, bot and echo by turns in alternating order, after ${WARM_UP_SECONDS} s of warm-up each)`);
  console.log(LIMITS_NOTE);
  await startTimes(root, 5);
  const echo = await startServer(path.join(root, 'dist/bench/echoServer.js'), 19791);
  const bot = await startServer(path.join(root, 'dist/index.js'), 19792);
  try {
    // Both warm up first (code optimised, caches filled), so the rounds measure the steady state.
    for (const server of [echo, bot]) await load(server.url, 10, WARM_UP_SECONDS);
    // RSS read every 100 ms while each server is under load: one reading after the load falls at a random point of the GC cycle.
    const rssUnderLoad = new Map([[echo, [] as number[]], [bot, [] as number[]]]);
    // RSS after the load: each server is read the same way, over the same quiet time after its own last round
    // (read at once, the server loaded last would be read mid-cycle while the other had rested through a round).
    const rssAfterLoad = new Map<ServerUnderTest, number>();
    const loaded = async (server: ServerUnderTest, connections: number, last: boolean): Promise<LoadFigures> => {
      const samples = rssUnderLoad.get(server) ?? [];
      const timer = setInterval(() => samples.push(server.rssMiB()), 100);
      let figures: LoadFigures;
      try {
        figures = await load(server.url, connections, seconds);
      } finally {
        clearInterval(timer);
      }
      if (last) rssAfterLoad.set(server, await quietRss(server));
      return figures;
    };
    const CONNECTIONS = [1, 10, 50];
    for (const connections of CONNECTIONS) {
      const echoRounds: LoadFigures[] = [];
      const botRounds: LoadFigures[] = [];
      for (let i = 0; i < rounds; i++) {
        // The order alternates, so neither bot always runs in the other's wake.
        const last = connections === CONNECTIONS[CONNECTIONS.length - 1] && i === rounds - 1;
        if (i % 2 === 0) {
          echoRounds.push(await loaded(echo, connections, last));
          botRounds.push(await loaded(bot, connections, last));
        } else {
          botRounds.push(await loaded(bot, connections, last));
          echoRounds.push(await loaded(echo, connections, last));
        }
      }
      console.log(row(`${connections} connections`, botRounds, echoRounds));
    }
    const loadedBot = rssAfterLoad.get(bot) ?? Number.NaN;
    const loadedEcho = rssAfterLoad.get(echo) ?? Number.NaN;
    console.log(
      `RSS after the same load (median of readings every 100 ms over the ${QUIET_MS / 1000} s after each one's last round): ` +
        `bot ${loadedBot.toFixed(1)} MiB, echo ${loadedEcho.toFixed(1)} MiB (target bot <= echo)`,
    );
    const during = (server: ServerUnderTest) => median(rssUnderLoad.get(server) ?? []).toFixed(1);
    console.log(`RSS under load (median of readings every 100 ms through all the rounds): bot ${during(bot)} MiB, echo ${during(echo)} MiB`);
  } finally {
    await bot.stop();
    await echo.stop();
  }
}

const QUIET_MS = 2000;

/** RSS over a quiet spell after a load: the median of readings every 100 ms. */
async function quietRss(server: ServerUnderTest): Promise<number> {
  const readings: number[] = [];
  for (let waited = 0; waited < QUIET_MS; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    readings.push(server.rssMiB());
  }
  return median(readings);
}

const WEB_CHAT_QUESTIONS = ['what is runners knee', 'how long does it take to heal', 'does kt tape help', 'what cadence should i run at', 'should i ice it'];

/** From pressing send in the real Web Chat page to the reply bubble, against the real bot. */
async function webChatBench(root: string): Promise<void> {
  console.log('\n## Web Chat in headless Chromium (send to reply bubble, loopback, WebSocket)');
  console.log('limits: all at their defaults, none raised (30 messages from one address, under RATE_LIMIT_PER_ADDRESS)');
  if (!chromiumAvailable()) {
    console.log('skipped: /usr/bin/chromium is not installed');
    return;
  }
  const bot = await startServer(path.join(root, 'dist/index.js'), 19793);
  try {
    const timing = await measureWebChatReplies(bot.url, { messages: 30, text: (i) => WEB_CHAT_QUESTIONS[i % WEB_CHAT_QUESTIONS.length] });
    console.log(`reply time over ${timing.samples.length} messages: p50 ${timing.p50Ms.toFixed(0)} ms, p95 ${timing.p95Ms.toFixed(0)} ms (target p95 < 300 ms)`);
  } finally {
    await bot.stop();
  }
}

async function main(): Promise<void> {
  const root = findProjectRoot();
  const only = process.argv[2];
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  if (!only || only === 'matcher') matcherBench(root);
  if (!only || only === 'triage') triageBench(root);
  if (!only || only === 'http') await httpBench(root, seconds, rounds);
  if (!only || only === 'webchat') await webChatBench(root);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
