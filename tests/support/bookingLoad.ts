import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadMessages } from '../../knowledge/messages';
import { loadBookingMessages } from '../../knowledge/booking-messages';
import { Person, type TurnResult } from './bot';

/** A call-back request the bot confirmed to a person, with what they gave, to find it in the database. */
export interface ConfirmedRequest {
  reference: string;
  name: string;
  email: string;
}

/** A turn that did not move the journey on: its status and text, to check it was a plain apology. */
export interface Setback {
  status: number;
  text: string;
  /** The last answer sent again with its activity id, after an apology. */
  redelivery: boolean;
}

export interface BookingLoadOptions {
  /** People walking through the call-back dialog at once, each again and again. */
  people: number;
  /** Told after each confirmation, in the order they arrive (the SIGKILL test kills the bot from here). */
  onConfirmed?: (load: BookingLoad) => void;
  /** Wait before the next try after a setback, so an outage is not a busy loop. */
  retryDelayMs?: number;
}

export interface BookingLoad {
  readonly confirmed: readonly ConfirmedRequest[];
  readonly setbacks: readonly Setback[];
  /** Requests that could not reach the bot at all (it was killed). */
  readonly unreachable: number;
  /** Final answers sent and not answered yet: call-back requests being written. */
  readonly submitting: number;
  /** Resolves once `count` requests have been confirmed in all; rejects after `timeoutMs` (a liveness bound). */
  confirmedAtLeast(count: number, timeoutMs?: number): Promise<void>;
  /** Lets every person finish the turn in hand, then stops; resolves when all have. */
  stop(): Promise<void>;
}

/** What the bot says when a turn fails or loses a race (try again), and when a request could not be stored (call the clinic). */
export function botSetbackReplies(): { failedTurn: string; busy: string; failedWrite: string } {
  const knowledgeDir = path.join(findProjectRoot(), 'knowledge');
  const messages = loadMessages(knowledgeDir);
  // The bots these tests start have no CLINIC_PHONE.
  return { failedTurn: messages.error, busy: messages.busy, failedWrite: loadBookingMessages(knowledgeDir).failedNoPhone };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 've', 'zu'];

/** A name of letters only (the dialog refuses digits in a name), different for every journey. */
function nameFor(serial: number): string {
  const surname = [...String(serial)].map((digit) => SYLLABLES[Number(digit)]).join('');
  return `Pat ${surname[0].toUpperCase()}${surname.slice(1)}`;
}

function bookingQuestion(turn: TurnResult): string | undefined {
  const id = turn.entity('booking.question')?.id;
  return typeof id === 'string' ? id : undefined;
}

function referenceOf(turn: TurnResult): string | undefined {
  const reference = turn.entity('booking.requested')?.reference;
  return typeof reference === 'string' ? reference : undefined;
}

/**
 * Scripted load over real HTTP (expectReplies): each person asks for a call-back (consent, name,
 * e-mail, time) and starts again with a new conversation once confirmed. A setback before the last
 * answer abandons the conversation; the last answer is redelivered with the same activity id until
 * it is confirmed or refused, as a channel retries, so the store's idempotency is part of the run.
 */
export function startBookingLoad(url: string, options: BookingLoadOptions): BookingLoad {
  const retryDelayMs = options.retryDelayMs ?? 100;
  const replies = botSetbackReplies();
  const isApology = (turn: TurnResult) => turn.status >= 500 || turn.text === replies.failedTurn || turn.text === replies.busy;
  const confirmed: ConfirmedRequest[] = [];
  const setbacks: Setback[] = [];
  let unreachable = 0;
  let submitting = 0;
  let serial = 0;
  let stopping = false;
  const waiters: { count: number; resolve: () => void }[] = [];

  const pause = () => new Promise((resolve) => setTimeout(resolve, retryDelayMs));

  /** The turn, or undefined when the request never got an answer. */
  async function send(turn: () => Promise<TurnResult>): Promise<TurnResult | undefined> {
    try {
      return await turn();
    } catch {
      unreachable++;
      return undefined;
    }
  }

  async function journey(): Promise<void> {
    const person = new Person(url);
    const n = ++serial;
    const name = nameFor(n);
    const email = `pat.${n}@example.com`;
    const steps: [string, () => Promise<TurnResult>][] = [
      ['consent', () => person.press('booking:callback')],
      ['name', () => person.say('yes I agree')],
      ['contact', () => person.say(name)],
      ['time', () => person.say(email)],
    ];
    for (const [expected, step] of steps) {
      if (stopping) return;
      const turn = await send(step);
      if (!turn) return pause().then(() => undefined);
      if (bookingQuestion(turn) !== expected) {
        setbacks.push({ status: turn.status, text: turn.text, redelivery: false });
        return pause().then(() => undefined);
      }
    }
    const activityId = randomUUID();
    for (let attempt = 0; !stopping; attempt++) {
      submitting++;
      const turn = await send(() => person.post({ type: 'message', text: 'weekday mornings', id: activityId }));
      submitting--;
      const reference = turn && referenceOf(turn);
      if (reference) {
        confirmed.push({ reference, name, email });
        for (const waiter of waiters.filter((w) => confirmed.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        options.onConfirmed?.(load);
        return;
      }
      if (turn) setbacks.push({ status: turn.status, text: turn.text, redelivery: attempt > 0 });
      // Only an apology means "try again"; a refusal or silence ends this request.
      if (turn && !isApology(turn)) return;
      await pause();
    }
  }

  const people = Array.from({ length: options.people }, async () => {
    while (!stopping) await journey();
  });

  const load: BookingLoad = {
    get confirmed() {
      return confirmed;
    },
    get setbacks() {
      return setbacks;
    },
    get unreachable() {
      return unreachable;
    },
    get submitting() {
      return submitting;
    },
    confirmedAtLeast: (count, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        if (confirmed.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${confirmed.length} of ${count} requests confirmed in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    stop: async () => {
      stopping = true;
      await Promise.all(people);
    },
  };
  return load;
}
