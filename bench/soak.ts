import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { percentile } from './stats';

/** Replies to each triage question, by question id: one path without an injury, one after a twist. */
const MILD: Record<string, string> = {
  returning_status: 'about the same', injury: 'no', weight_bearing: 'yes', rapid_swelling: 'no', red_flags: 'none of those', age: '34',
  duration: 'about 4 days', trend: 'getting a bit better', location: 'around the kneecap', severity: '4', recurrent: 'no, first time', aggravators: 'running and stairs',
};
const TWIST: Record<string, string> = {
  ...MILD, injury: 'yes I twisted it', red_flags: 'none', age: '30', duration: '3 days', trend: 'same', location: 'inner side', severity: '5', aggravators: 'walking',
};
const SMS: Record<string, string> = {
  ...MILD, injury: 'nah', red_flags: 'none', age: '29', duration: '2 wks', trend: 'worse', location: 'front', severity: '6', recurrent: 'ya', aggravators: 'stairs',
};

/** A person's visit: a question, a symptom check to its outcome, a follow-up question. */
interface Script {
  channelId: string;
  question: string;
  opening: string;
  replies: Record<string, string>;
  followUp: string;
}

const SCRIPTS: Script[] = [
  { channelId: 'webchat', question: "what is runner's knee", opening: 'my knee hurts when I run', replies: MILD, followUp: 'how long does recovery take?' },
  { channelId: 'webchat', question: 'does icing help?', opening: 'I twisted my knee playing soccer', replies: TWIST, followUp: 'should I wear a knee brace?' },
  { channelId: 'sms', question: 'what shoes should i wear', opening: 'knee sore', replies: SMS, followUp: 'how long till i can run again' },
  { channelId: 'msteams', question: 'what exercises help', opening: 'my knee has been sore for a few days', replies: MILD, followUp: 'can i keep running with runners knee' },
];

/** The most turns a symptom check may take before the script counts it as stuck. */
const MAX_CHECK_TURNS = 20;
/** No single turn may take longer than this; a slower one counts as an error. */
const TURN_TIMEOUT_MS = 30_000;

export interface LoadFigures {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  /** Transport failures, non-2xx answers and turns without what the script needed. */
  errors: number;
  errorKinds: Record<string, number>;
  scriptsCompleted: number;
}

interface Reply {
  status: number;
  entities: { type: string; id?: unknown }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entitiesOf(body: unknown): Reply['entities'] {
  if (!isRecord(body) || !Array.isArray(body.activities)) return [];
  return body.activities.flatMap((a: unknown) => (isRecord(a) && Array.isArray(a.entities) ? a.entities.filter(isRecord) : [])).flatMap((e) => (typeof e.type === 'string' ? [{ type: e.type, id: e.id }] : []));
}

/** One turn over a kept-alive connection; resolves with the status and the entities of the replies. */
function postTurn(agent: http.Agent, url: URL, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: TURN_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, entities: entitiesOf(parsed) });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

class Tally {
  readonly latencies: number[] = [];
  readonly errorKinds: Record<string, number> = {};
  scripts = 0;
  error(kind: string): void {
    this.errorKinds[kind] = (this.errorKinds[kind] ?? 0) + 1;
  }
}

/** Runs scripts back to back, each in a fresh conversation, until the deadline (or `stop` says so). */
async function person(agent: http.Agent, url: URL, deadline: number, stop: () => boolean, tally: Tally, first: number): Promise<void> {
  const over = () => Date.now() >= deadline || stop();
  for (let n = first; !over(); n++) {
    const script = SCRIPTS[n % SCRIPTS.length];
    const conversation = `bench-${randomUUID()}`;
    const user = `bench-user-${randomUUID()}`;
    const say = async (text: string): Promise<Reply | undefined> => {
      const body = JSON.stringify({
        type: 'message', text, channelId: script.channelId, serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies', id: randomUUID(),
        from: { id: user }, recipient: { id: 'bot' }, conversation: { id: conversation }, timestamp: new Date().toISOString(),
      });
      const started = process.hrtime.bigint();
      try {
        const reply = await postTurn(agent, url, body);
        tally.latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (reply.status < 200 || reply.status >= 300) {
          tally.error(`HTTP ${reply.status}`);
          return undefined;
        }
        return reply;
      } catch (error) {
        tally.error(error instanceof Error ? error.message.slice(0, 40) : 'failed');
        return undefined;
      }
    };
    const has = (reply: Reply | undefined, type: string) => reply?.entities.find((e) => e.type === type);

    if (!has(await say(script.question), 'kb.answer')) {
      tally.error('question not answered');
      continue;
    }
    let turn = await say(script.opening);
    for (let i = 0; i < MAX_CHECK_TURNS && turn && !has(turn, 'triage.outcome') && !over(); i++) {
      const id = has(turn, 'triage.question')?.id;
      if (typeof id !== 'string' || !(id in script.replies)) break;
      turn = await say(script.replies[id]);
    }
    if (over()) return;
    if (!has(turn, 'triage.outcome')) {
      tally.error('check did not reach an outcome');
      continue;
    }
    if (!has(await say(script.followUp), 'kb.answer')) {
      tally.error('follow-up not answered');
      continue;
    }
    tally.scripts += 1;
  }
}

/** `people` people talking to the bot at once for `seconds`, each through whole visits; `stop` ends it early. */
export async function runConversations(baseUrl: string, people: number, seconds: number, stop: () => boolean = () => false): Promise<LoadFigures> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: people });
  const tally = new Tally();
  const started = Date.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(Array.from({ length: people }, (_, i) => person(agent, url, deadline, stop, tally, i)));
  } finally {
    agent.destroy();
  }
  const elapsed = (Date.now() - started) / 1000;
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const errors = Object.values(tally.errorKinds).reduce((a, b) => a + b, 0);
  return {
    turns: sorted.length,
    seconds: elapsed,
    turnsPerSecond: sorted.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
    errorKinds: tally.errorKinds,
    scriptsCompleted: tally.scripts,
  };
}
