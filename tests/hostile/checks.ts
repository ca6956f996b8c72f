import { expect } from 'chai';
import { Person } from '../support/bot';
import type { BotProcess } from './botProcess';
import type { RawAnswer } from './raw';
import type { Expectation, Session } from './rows';

/** What must never reach a client: stack frames, file paths, runtime error names and messages. */
const INTERNALS: [string, RegExp][] = [
  ['a stack frame', /\bat\s+[\w.<>$[\]]+\s+\(|\bat\s+(?:async\s+)?\/|\bat\s+node:/],
  ['a source location', /\.(?:js|ts|mjs|cjs):\d+/],
  ['node_modules', /node_modules/],
  ['a file path', /(?:\/work\/|\/home\/|\/tmp\/|\/usr\/|\/var\/|[A-Z]:\\)/],
  ['a runtime error name', /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|URIError|EvalError)\b/],
  ['a JSON parser message', /Unexpected (?:token|end of JSON|non-whitespace)|in JSON at position|is not valid JSON|Bad (?:Unicode|control character|escaped)/i],
  ['a system error code', /\bE(?:CONNREFUSED|CONNRESET|NOENT|ADDRINUSE|PIPE|ACCES)\b/],
  ['a property access failure', /Cannot read propert|is not a function|is not defined|Maximum call stack/],
];

export function expectNoInternals(answer: RawAnswer): void {
  const everything = `${answer.head}\r\n\r\n${answer.body}`;
  for (const [what, pattern] of INTERNALS) expect(everything, `the answer shows ${what}`).to.not.match(pattern);
}

/** The status the row expects: any 4xx when refused, a 4xx or 2xx when answered; never a 5xx. */
export function expectAnswer(answer: RawAnswer, expectation: Expectation): void {
  const status = answer.status;
  if (expectation === 'dropped' && answer.closedWithoutAnswer) return;
  expect(answer.timedOut && status === undefined, 'no answer within the time allowed').to.equal(false);
  expect(status, `no HTTP answer; got ${JSON.stringify(answer.body.slice(0, 200))}`).to.be.a('number');
  if (expectation === 'upgraded') {
    expect(status, answer.body).to.equal(101);
    expect(answer.timedOut, 'the server should close a stream that breaks the protocol').to.equal(false);
    return;
  }
  const ok = expectation === 'refused' ? (status ?? 0) >= 400 && (status ?? 0) < 500 : ((status ?? 0) >= 200 && (status ?? 0) < 300) || ((status ?? 0) >= 400 && (status ?? 0) < 500);
  expect(ok, `HTTP ${status} is not ${expectation === 'refused' ? 'a 4xx' : 'a 2xx or 4xx'}: ${answer.body.slice(0, 300)}`).to.equal(true);
}

/** Log lines at error level or above: a thrown exception the bot did not expect. */
export function errorLines(lines: string[]): string[] {
  return lines.filter((line) => /"level":(50|60)/.test(line));
}

/** Log lines that carry a credential: a bearer token or an Authorization header. */
export function linesWithSecrets(lines: string[], secrets: string[]): string[] {
  return lines.filter((line) => /authorization/i.test(line) || secrets.some((secret) => secret.length > 20 && line.includes(secret)));
}

/** The process is alive and a normal question still gets its answer. */
export async function expectStillAnswering(bot: BotProcess): Promise<void> {
  expect(bot.alive(), `the bot process died:\n${bot.crashReport()}`).to.equal(true);
  const turn = await new Person(bot.url).say("what is runner's knee").catch((error: unknown) => {
    throw new Error(`the bot no longer answers (${String(error)}); alive: ${bot.alive()}\n${bot.crashReport()}`);
  });
  expect(turn.status).to.equal(200);
  expect(turn.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, name: string): string {
  const found = isRecord(value) ? value[name] : undefined;
  if (typeof found !== 'string') throw new Error(`expected ${name} in ${JSON.stringify(value)}`);
  return found;
}

/** Opens a Direct Line conversation the way Web Chat does: a token, then the conversation and its stream URL. */
export async function openSession(baseUrl: string): Promise<Session> {
  const issued: unknown = await (await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
  const started: unknown = await (
    await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${field(issued, 'token')}` }, body: '{}' })
  ).json();
  return {
    conversationId: field(started, 'conversationId'),
    token: field(started, 'token'),
    streamToken: new URL(field(started, 'streamUrl')).searchParams.get('t') ?? '',
    userToken: field(issued, 'userToken'),
  };
}
