// What staff see about a request: facts for a chat reply, and the Adaptive Card posted to Teams or a webhook.
import type { BookingMessages } from '../knowledge/booking-messages';
import { fill } from '../knowledge/messages';
import type { BookingRecord } from '../storage/bookings';
import { QUESTION_IDS, questionById, type Protocol } from '../triage';
import { displayContact } from '../dialogs/booking-parse';
import { readSummary, type TriageSummary } from '../dialogs/booking-summary';
import { staffCommandValue } from './commands';

export interface CardContext {
  words: BookingMessages;
  /** The triage protocol, for the words of answers and reasons; codes are shown without it. */
  protocol?: Protocol;
  timeZone: string;
}

export interface Fact {
  title: string;
  value: string;
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A message activity carrying one card; structurally a botbuilder Partial<Activity>. */
export interface CardActivity {
  type: 'message';
  /** What Teams shows in notifications: the reference only, never personal details. */
  summary: string;
  attachments: { contentType: string; content: Record<string, unknown> }[];
}

export function formatWhen(iso: string | Date, timeZone: string, withTime = true): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const options: Intl.DateTimeFormatOptions = withTime
    ? { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }
    : { timeZone, weekday: 'short', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat('en-CA', options).format(date);
}

/** Who, how to reach them, when, and the request's state. Empty of personal details for a tombstone. */
export function requestFacts(record: BookingRecord, ctx: CardContext): Fact[] {
  const { card, staff } = ctx.words;
  const status = staff.statuses.get(record.status) ?? record.status;
  const statusFact = { title: card.status, value: record.statusAt ? fill(card.statusBy, { status, at: formatWhen(record.statusAt, ctx.timeZone) }) : status };
  const facts: Fact[] = [];
  if (record.name) facts.push({ title: card.name, value: record.name });
  if (record.contact) facts.push({ title: record.contact.kind === 'phone' ? card.phone : card.email, value: displayContact(record.contact) });
  if (record.preferredTime) {
    const { text, hint } = record.preferredTime;
    facts.push({ title: card.time, value: hint ? fill(card.timeHint, { text, hint: formatWhen(hint.at, ctx.timeZone, hint.precision === 'time') }) : text });
  }
  facts.push({ title: card.received, value: formatWhen(record.createdAt, ctx.timeZone) });
  if (record.consentBy) facts.push({ title: card.consent, value: record.consentBy === 'guardian' ? card.consentGuardian : card.consentSelf });
  facts.push({ title: card.channel, value: record.channel }, statusFact);
  return facts;
}

/** The symptom check as staff need it: outcome, why, the answers, and the protocol version. */
export function summaryFacts(summary: TriageSummary, ctx: CardContext): { outcome: Fact[]; answers: Fact[] } {
  const { card } = ctx.words;
  const reasons = summary.reasons.map((id) => ctx.protocol?.reasons.get(id) ?? id);
  const outcome = [{ title: card.level, value: card.levels.get(summary.level) ?? summary.level }];
  if (reasons.length) outcome.push({ title: card.reasons, value: reasons.join(' ') });
  outcome.push({ title: card.protocol, value: summary.protocol });
  const answers: Fact[] = [];
  for (const id of QUESTION_IDS) {
    const answer = summary.answers[id];
    if (answer === undefined) continue;
    const codes = typeof answer === 'number' ? [String(answer)] : typeof answer === 'string' ? [answer] : answer;
    const options = ctx.protocol ? questionById(ctx.protocol, id).options : [];
    const value = codes.map((code) => options.find((option) => option.code === code)?.label ?? code).join('; ');
    answers.push({ title: card.answers.get(id) ?? id, value });
  }
  return { outcome, answers };
}

/** The request's check advised being seen today or at once (`staff.urgentLevels`): staff should call it first. A withdrawn request keeps no check. */
export function isUrgent(record: BookingRecord, ctx: Pick<CardContext, 'words'>): boolean {
  const level = readSummary(record.summary)?.level;
  return level !== undefined && ctx.words.staff.urgentLevels.includes(level);
}

/** The buttons a request's state allows. */
export function staffActions(record: BookingRecord, ctx: CardContext): { label: string; value: string }[] {
  const { card } = ctx.words;
  const actions = [];
  if (record.status === 'open') actions.push({ label: card.contactedAction, value: staffCommandValue('contacted', record.reference) });
  if (record.status === 'open' || record.status === 'contacted') actions.push({ label: card.closeAction, value: staffCommandValue('close', record.reference) });
  return actions;
}

export function staffCard(record: BookingRecord, ctx: CardContext): Record<string, unknown> {
  const { card } = ctx.words;
  const urgent = isUrgent(record, ctx);
  const title = fill(urgent ? card.titleUrgent : card.title, { reference: record.reference });
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true, ...(urgent ? { color: 'Attention' } : {}) }];
  const factSet = (facts: Fact[]) => ({ type: 'FactSet', facts: facts.map((f) => ({ title: f.title, value: f.value })) });
  if (record.status === 'withdrawn' || record.status === 'expired') {
    body.push({ type: 'TextBlock', text: record.status === 'withdrawn' ? card.withdrawn : card.expired, wrap: true, color: 'Attention' });
    body.push(factSet(requestFacts(record, ctx)));
  } else {
    body.push(factSet(requestFacts(record, ctx)));
    body.push({ type: 'TextBlock', text: card.check, weight: 'Bolder', spacing: 'Medium', wrap: true });
    const summary = readSummary(record.summary);
    if (summary) {
      const { outcome, answers } = summaryFacts(summary, ctx);
      body.push(factSet(outcome));
      if (answers.length) body.push(factSet(answers));
    } else {
      body.push({ type: 'TextBlock', text: card.noCheck, wrap: true, isSubtle: true });
    }
  }
  const actions = staffActions(record, ctx).map((action) => ({
    type: 'Action.Submit',
    title: action.label,
    data: { msteams: { type: 'messageBack', text: action.value, displayText: `${action.label}: ${record.reference}` }, value: action.value },
  }));
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions };
}

export function staffCardActivity(record: BookingRecord, ctx: CardContext): CardActivity {
  return {
    type: 'message',
    summary: fill(isUrgent(record, ctx) ? ctx.words.card.titleUrgent : ctx.words.card.title, { reference: record.reference }),
    attachments: [{ contentType: ADAPTIVE_CARD, content: staffCard(record, ctx) }],
  };
}

/** The webhook body: the same card, plus the request as data for practice software; no personal data once withdrawn. */
export function webhookPayload(record: BookingRecord, action: 'post' | 'update', ctx: CardContext): Record<string, unknown> {
  const tombstone = record.status === 'withdrawn' || record.status === 'expired';
  return {
    event: action === 'post' ? 'booking.requested' : 'booking.updated',
    reference: record.reference,
    status: record.status,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    request: tombstone
      ? null
      : {
          name: record.name,
          contact: record.contact,
          preferredTime: record.preferredTime,
          consentBy: record.consentBy,
          channel: record.channel,
          summary: readSummary(record.summary) ?? null,
        },
    card: staffCard(record, ctx),
  };
}
