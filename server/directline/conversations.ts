import type { Logger } from '../logger';
import { errorFields } from '../logger';
import { botReply, isRecord, userJoined, userMessage, type Participants, type PostedMessage, type WireActivity } from './activities';
import { LocalSignals, type ActivitySignals } from './signals';
import type { ActivitySet, ConversationStore } from './store';
import type { RunTurn } from './turns';

export interface ConversationsDeps {
  store: ConversationStore;
  /** Wakes the streams of a conversation, on this instance and the others; in-process by default. */
  signals?: ActivitySignals;
  runTurn: RunTurn;
  bot: { id: string; name: string };
  /** Put on activities the bot receives; nothing calls it, as replies come back in-process. */
  serviceUrl: string;
  now: () => number;
  log: Logger;
}

export type PostResult = { id: string } | { id: string; botFailed: true } | { unknown: true };

/** Conversations between pages and the bot: each turn runs in order, its activities are stored, and streams are told. */
export class DirectLineConversations {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly signals: ActivitySignals;

  constructor(private readonly deps: ConversationsDeps) {
    this.signals = deps.signals ?? new LocalSignals();
  }

  /** Starts the conversation and runs the bot's welcome; false when it already existed. */
  async start(conversationId: string, userId: string, locale?: string): Promise<boolean> {
    if (!(await this.deps.store.start(conversationId, userId))) return false;
    const people = this.participants(conversationId, userId);
    await this.inOrder(conversationId, () => this.runAndStore(people, userJoined(people, this.timestamp(), locale)));
    return true;
  }

  /** Stores the user's message (so the page sees it echoed with an id), then runs the turn and stores the replies. */
  async post(conversationId: string, userId: string, message: PostedMessage): Promise<PostResult> {
    return this.inOrder(conversationId, async (): Promise<PostResult> => {
      if ((await this.deps.store.userOf(conversationId)) === undefined) return { unknown: true };
      const people = this.participants(conversationId, userId);
      const [stored] = await this.deps.store.append(conversationId, [userMessage(message, people, this.timestamp())]);
      const id = stored?.id ?? '';
      this.notify(conversationId);
      const ok = await this.runAndStore(people, stored);
      return ok ? { id } : { id, botFailed: true };
    });
  }

  since(conversationId: string, watermark: number): Promise<ActivitySet | undefined> {
    return this.deps.store.since(conversationId, watermark);
  }

  userOf(conversationId: string): Promise<string | undefined> {
    return this.deps.store.userOf(conversationId);
  }

  /** Calls the listener whenever new activities are stored, by any instance; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: () => void): () => void {
    return this.signals.subscribe(conversationId, listener);
  }

  private async runAndStore(people: Participants, activity: WireActivity | undefined): Promise<boolean> {
    if (!activity) return false;
    const started = this.deps.now();
    try {
      const replies = await this.deps.runTurn(activity);
      const timestamp = this.timestamp();
      const stored = await this.deps.store.append(people.conversationId, replies.map((reply) => botReply(reply, people, timestamp)));
      // "Delete my data": the transcript goes too, all but the reply that says so.
      const deleted = stored.find((reply) => Array.isArray(reply.entities) && reply.entities.some((entity) => isRecord(entity) && entity.type === 'privacy.deleted'));
      if (deleted?.id) await this.deps.store.forgetBefore(people.conversationId, deleted.id);
      this.notify(people.conversationId);
      return true;
    } catch (error) {
      this.deps.log.error({ event: 'directline_turn_failed', type: activity.type, ms: this.deps.now() - started, ...errorFields(error) }, 'a Direct Line turn failed');
      return false;
    }
  }

  /** One turn at a time per conversation, so ids, watermarks and the bot's state stay in order. */
  private inOrder<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const result = previous.then(task);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(conversationId, done);
    void done.then(() => {
      if (this.queues.get(conversationId) === done) this.queues.delete(conversationId);
    });
    return result;
  }

  private notify(conversationId: string): void {
    this.signals.announce(conversationId);
  }

  private participants(conversationId: string, userId: string): Participants {
    return { conversationId, userId, bot: this.deps.bot, serviceUrl: this.deps.serviceUrl };
  }

  private timestamp(): string {
    return new Date(this.deps.now()).toISOString();
  }
}
