import { findReference } from '../dialogs/booking-reference';
import type { BookingMessages } from '../knowledge/booking-messages';
import { fill } from '../knowledge/messages';
import type { AccessAction, AccessLogStore } from '../storage/access-log';
import type { BookingRecord, BookingStore } from '../storage/bookings';
import type { StaffConversationStore } from '../storage/staff-conversations';
import type { Reply } from '../dialogs/replies';
import { readSummary } from '../dialogs/booking-summary';
import { parseStaffCommand, staffCommandValue } from './commands';
import { formatWhen, isUrgent, requestFacts, staffActions, summaryFacts, type CardContext, type Fact } from './card';
import type { StaffIdentity } from './identity';

export interface StaffDeskDeps {
  words: BookingMessages;
  card: CardContext;
  bookings: Pick<BookingStore, 'listActive' | 'byReference' | 'setStatus'>;
  accessLog: Pick<AccessLogStore, 'record'>;
  conversations: Pick<StaffConversationStore, 'use' | 'remove' | 'keys'>;
  now: () => Date;
  /** Tells the notifier that cards need updating. */
  notify: () => void;
  options?: Partial<StaffDeskOptions>;
}

export interface StaffDeskOptions {
  /** Most requests listed in one reply. */
  listLimit: number;
  /** Most waiting requests read to order them (urgent first, then oldest) before the page is cut. */
  scanLimit: number;
}

// Five to a page: with the next page's button, six, the most Teams shows on a card on desktop and the web.
export const STAFF_DESK_DEFAULTS: Readonly<StaffDeskOptions> = Object.freeze({ listLimit: 5, scanLimit: 1000 });

export type StaffDesk = ReturnType<typeof createStaffDesk>;

/** Staff commands in Teams. Only ever called with a verified staff identity; every view and change is logged. */
export function createStaffDesk(deps: StaffDeskDeps) {
  const { staff: words } = deps.words;
  const options = { ...STAFF_DESK_DEFAULTS, ...deps.options };
  const status = (record: BookingRecord) => words.statuses.get(record.status) ?? record.status;
  const log = (who: StaffIdentity, action: AccessAction, references: string[]) =>
    deps.accessLog.record(references.map((reference) => ({ at: deps.now(), staffId: who.aadObjectId, reference, action })));

  /** A page of the waiting requests from `from` on: those whose check advised being seen today first, each group oldest first. */
  async function list(who: StaffIdentity, from = 0): Promise<Reply[]> {
    const { records: oldestFirst, total } = await deps.bookings.listActive(options.scanLimit);
    const urgent = new Set(oldestFirst.filter((record) => isUrgent(record, deps.card)));
    const records = [...urgent, ...oldestFirst.filter((record) => !urgent.has(record))].slice(from, from + options.listLimit);
    // A "next" pressed after requests were closed, past the end: the list from its start.
    if (records.length === 0 && from > 0) return list(who, 0);
    const references = records.map((record) => record.reference);
    await log(who, 'list', references);
    const lines = records.map((record) =>
      fill(urgent.has(record) ? words.listLineUrgent : words.listLine, {
        reference: record.reference,
        name: record.name ?? '',
        received: formatWhen(record.createdAt, deps.card.timeZone),
        status: status(record),
      }),
    );
    const shownTo = from + records.length;
    if (from > 0 || total > shownTo) lines.push(fill(words.listMore, { first: String(Math.min(from + 1, shownTo)), last: String(shownTo), count: String(total) }));
    const next = total > shownTo ? [{ label: fill(words.listNext, { count: String(Math.min(options.listLimit, total - shownTo)) }), value: staffCommandValue('list', shownTo) }] : [];
    return [{
      title: words.listTitle,
      text: lines.length ? lines.join('\n') : words.listEmpty,
      choices: [...references.map((reference) => ({ label: fill(words.showChoice, { reference }), value: staffCommandValue('show', reference) })), ...next],
      entity: { type: 'booking.list', references },
    }];
  }

  async function show(who: StaffIdentity, reference: string): Promise<Reply[]> {
    const record = await deps.bookings.byReference(reference);
    if (!record) return [{ text: fill(words.notFound, { reference }) }];
    await log(who, 'view', [reference]);
    const summary = readSummary(record.summary);
    const facts: Fact[] = [...requestFacts(record, deps.card)];
    if (summary) {
      const { outcome, answers } = summaryFacts(summary, deps.card);
      facts.push(...outcome, ...answers);
    } else if (record.status !== 'withdrawn' && record.status !== 'expired') {
      facts.push({ title: deps.words.card.check, value: deps.words.card.noCheck });
    }
    const tombstone = record.status === 'withdrawn' ? [deps.words.card.withdrawn] : record.status === 'expired' ? [deps.words.card.expired] : [];
    return [{
      title: fill(isUrgent(record, deps.card) ? deps.words.card.titleUrgent : deps.words.card.title, { reference }),
      text: [...tombstone, ...facts.map((fact) => `${fact.title}: ${fact.value}`)].join('\n'),
      choices: staffActions(record, deps.card),
    }];
  }

  async function mark(who: StaffIdentity, reference: string, wanted: 'contacted' | 'closed'): Promise<Reply[]> {
    const result = await deps.bookings.setStatus(reference, wanted, who.aadObjectId, deps.now());
    if (!result) return [{ text: fill(words.notFound, { reference }) }];
    const { record, changed } = result;
    if (!changed) return [{ text: fill(words.unchanged, { reference, status: status(record), wanted: words.statuses.get(wanted) ?? wanted }) }];
    await log(who, wanted, [reference]);
    deps.notify();
    return [{ text: fill(words.marked, { reference, status: status(record) }) }];
  }

  async function useHere(who: StaffIdentity, mode: 'choose' | 'ifFree'): Promise<boolean> {
    const { key, kind, reference } = who.conversation;
    return deps.conversations.use({ key, kind, reference, addedBy: who.aadObjectId, addedAt: deps.now() }, mode);
  }

  return {
    /** The replies to a staff command, or undefined when the message is not one (the router carries on). */
    async handle(text: string, value: string | undefined, who: StaffIdentity | undefined): Promise<Reply[] | undefined> {
      if (!who) return undefined;
      const command = parseStaffCommand(text, value, words);
      // A group chat's members need not be staff, and Teams lets anyone add people to one: requests are not shown there,
      // nor posted (a channel belongs to a team its owners manage, and a personal chat to one staff member).
      const showsPatients = command?.kind === 'list' || command?.kind === 'show' || command?.kind === 'useHere';
      if (showsPatients && who.conversation.kind === 'groupChat') return [{ text: words.notInGroupChat }];
      switch (command?.kind) {
        case undefined:
          // "reopen KN-7F3Q", "delete KN-7F3Q": a request named in no command is no knee question either.
          return findReference(text) ? [{ text: `${words.unknownCommand} ${words.help}` }] : undefined;
        // What these show speaks of patients: none of it is kept for a redelivered message.
        case 'list':
          return aboutPatients(await list(who, command.from));
        case 'show':
          return aboutPatients(await show(who, command.reference));
        case 'contacted':
          return aboutPatients(await mark(who, command.reference, 'contacted'));
        case 'close':
          return aboutPatients(await mark(who, command.reference, 'closed'));
        case 'help':
          return [{ text: words.help }];
        case 'useHere': {
          // Another chat losing the requests is said, so no one is left waiting for cards that go elsewhere.
          const before = await deps.conversations.keys();
          await useHere(who, 'choose');
          const after = new Set(await deps.conversations.keys());
          const moved = before.some((key) => key !== who.conversation.key && !after.has(key));
          return [{ text: moved ? words.useHereMoved : words.useHere }];
        }
        case 'stopHere': {
          if (!(await deps.conversations.remove(who.conversation.key))) return [{ text: words.notHere }];
          return [{ text: (await deps.conversations.keys()).length === 0 ? words.stopHereNone : words.stopHere }];
        }
      }
    },

    /** The bot was added to a Teams conversation by a staff member: use it for cards unless staff already chose another. */
    async installed(who: StaffIdentity): Promise<Reply[]> {
      // Never a group chat: see `notInGroupChat`.
      const used = who.conversation.kind !== 'groupChat' && (await useHere(who, 'ifFree'));
      return used ? [{ text: words.useHere }, { text: words.installed }] : [{ text: words.installed }];
    },
  };
}

/** Replies that name patients or their requests: marked personal, so the conversation keeps no copy of them. */
function aboutPatients(replies: Reply[]): Reply[] {
  return replies.map((reply) => ({ ...reply, personal: reply.personal ?? {} }));
}
