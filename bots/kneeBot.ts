import { ActivityHandler, ActivityTypes, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import { handleMessage, welcomeReplies, type ConversationDeps, type TurnInput } from '../dialogs/router';
import { IntentText } from '../dialogs/intents';
import { keptCopy, type Reply } from '../dialogs/replies';
import { channelKind } from '../channels/activity';
import { renderReplies } from '../channels/render';
import { MULTI_CHOICE_INPUT } from '../channels/multiChoiceCard';
import { EtagConflictError } from '../storage/errors';
import type { ConversationStore, StoredConversation } from './conversationStore';
import { userKeyOf } from './userKey';
import type { SmsOptOuts } from './smsOptOuts';
import { readSmsKeyword } from '../channels/smsKeywords';
import type { SmsKeywords } from '../knowledge/intents';
import { fill } from '../knowledge/messages';
import type { Logger } from '../server/logger';
import type { BotMetrics } from '../server/metrics';
import { staffIdentity, type StaffSettings } from '../staff/identity';
import type { StaffDesk } from '../staff/desk';

export interface KneeBotDeps {
  conversation: ConversationDeps;
  store: ConversationStore;
  userKeySecret: string;
  maxMessageChars: number;
  now: () => Date;
  log: Logger;
  smsOptOuts: SmsOptOuts;
  smsKeywords: SmsKeywords;
  metrics?: BotMetrics;
  staff: StaffSettings;
  staffDesk: Pick<StaffDesk, 'installed'>;
}

/** Thin glue: load the conversation, let the dialogs decide, render for the channel, save, send. */
export class KneeBot extends ActivityHandler {
  constructor(private readonly deps: KneeBotDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      const staff = staffIdentity(context.activity, this.deps.staff);
      // The bot added to a staff chat: offer that chat for call-back cards.
      if (staff && added.some((m) => m.id === context.activity.recipient?.id)) {
        await this.turn(context, async () => this.deps.staffDesk.installed(staff));
        return next();
      }
      const people = added.filter((m) => m.id !== context.activity.recipient?.id);
      if (people.length) {
        await this.turn(context, (conversation) => {
          if (conversation.welcomed) return [];
          const intro = this.welcome(conversation);
          // Its options can be picked by number or label (SMS: "1"), as any list's can.
          conversation.data.choices = intro.find((reply) => reply.choices?.length)?.choices;
          return intro;
        });
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const userKey = userKeyOf(this.deps.userKeySecret, context.activity.channelId, context.activity.from?.id ?? '');
      if (channelKind(context.activity.channelId) === 'sms' && (await this.handledAsSmsKeyword(context, userKey))) return next();
      await this.turn(context, async (conversation) => {
        // Channels that send no conversationUpdate (SMS) get the welcome with the first answer.
        const input = this.input(context.activity, userKey, !conversation.welcomed);
        const replies = await handleMessage(this.deps.conversation, conversation.data, input);
        const intro = conversation.welcomed ? [] : this.welcome(conversation);
        // Crisis resources and the emergency answer come before anything else, the welcome too: it is left out.
        if (isSafetyFirst(replies[0])) return replies;
        if (replies.length) return [...intro.map((reply) => ({ ...reply, choices: undefined })), ...replies];
        // Only the welcome goes out ("hi" as a first SMS): its options are the ones a number picks.
        conversation.data.choices = intro.find((reply) => reply.choices?.length)?.choices;
        return intro;
      });
      await next();
    });
  }

  /** STOP, START and HELP on SMS come before everything else; an opted-out number gets nothing more. */
  private async handledAsSmsKeyword(context: TurnContext, userKey: string): Promise<boolean> {
    const { messages, clinic } = this.deps.conversation;
    const keyword = readSmsKeyword(this.deps.smsKeywords, typeof context.activity.text === 'string' ? context.activity.text : '');
    const optedOut = await this.deps.smsOptOuts.isOptedOut(userKey);
    const send = (text: string) => context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
    if (keyword === 'optOut') {
      if (!optedOut) {
        await this.deps.smsOptOuts.optOut(userKey, this.deps.now());
        // STOP in the middle of a check whose answers already call for being seen today: said in the one reply STOP gets.
        const activity = context.activity;
        const conversation = await this.deps.store.load(this.deps.store.key(activity.channelId, activity.conversation?.id ?? 'unknown'));
        const advice = this.deps.conversation.triage.adviceSoFar(conversation.data).map((reply) => reply.text);
        await send([messages.smsOptOut, ...advice].join(' '));
      }
      return true;
    }
    const help = async (): Promise<void> => {
      const template = clinic.phone ? messages.smsHelpWithPhone : messages.smsHelp;
      await send(fill(template, { name: clinic.name ? `${clinic.name} ` : '', phone: clinic.phone }));
    };
    // HELP is answered even after STOP, as carriers require; nothing else is.
    if (keyword === 'help') {
      await help();
      return true;
    }
    if (optedOut) {
      // "delete my data" after STOP: the data is deleted all the same, and the one reply says so.
      if (keyword === undefined && this.asksToDelete(context.activity.text)) return false;
      if (keyword === 'optIn') {
        await this.deps.smsOptOuts.optIn(userKey);
        // The reply promises "reply 1 to check your symptoms": the check is the first (and only) choice it offers.
        await this.turn(context, (conversation) => {
          // A check or call-back request left open at STOP is over; "1" now starts a check, with no welcome before it.
          this.deps.conversation.triage.stop(conversation.data);
          this.deps.conversation.booking.stop(conversation.data);
          conversation.welcomed = true;
          conversation.data.choices = messages.welcomeChoices.filter((choice) => choice.value === 'triage:start');
          return [{ text: messages.smsOptIn }];
        });
      }
      return true;
    }
    return false;
  }

  private asksToDelete(text: unknown): boolean {
    if (typeof text !== 'string') return false;
    const { intents } = this.deps.conversation;
    const said = new IntentText(text);
    return (intents.exact(said) ?? intents.contained(said)) === 'deleteData';
  }

  private welcome(conversation: StoredConversation): Reply[] {
    conversation.welcomed = true;
    return welcomeReplies(this.deps.conversation);
  }

  private input(activity: Activity, userKey: string, firstContact: boolean): TurnInput {
    const raw = typeof activity.text === 'string' ? activity.text : '';
    const cleaned = stripMentions(raw, activity).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
    const truncated = cleaned.length > this.deps.maxMessageChars;
    const value = buttonValue(activity.value);
    return {
      text: truncated ? cleaned.slice(0, this.deps.maxMessageChars) : cleaned,
      screenText: truncated ? cleaned.slice(0, Math.max(this.deps.maxMessageChars, SAFETY_SCREEN_CHARS)) : undefined,
      value: value && value.length <= 200 ? value : undefined,
      attachmentsOnly: !cleaned.trim() && (activity.attachments?.length ?? 0) > 0,
      truncated,
      plainChannel: channelKind(activity.channelId) === 'sms',
      firstContact,
      activityId: activity.id,
      conversationId: `${activity.channelId}/${activity.conversation?.id ?? ''}`,
      channelId: activity.channelId,
      smsSender: channelKind(activity.channelId) === 'sms' ? activity.from?.id : undefined,
      staff: staffIdentity(activity, this.deps.staff),
      userKey,
      now: this.deps.now(),
    };
  }

  private render(replies: Reply[], activity: Activity): Partial<Activity>[] {
    return renderReplies(replies, channelKind(activity.channelId), activity.from?.id ?? '', this.deps.conversation.messages);
  }

  /** One turn: replies are sent only after the conversation is saved, so a lost race sends nothing twice. */
  private async turn(context: TurnContext, decide: (conversation: StoredConversation) => Promise<Reply[]> | Reply[]): Promise<void> {
    const started = Date.now();
    const activity = context.activity;
    const key = this.deps.store.key(activity.channelId, activity.conversation?.id ?? 'unknown');
    const conversation = await this.deps.store.load(key);
    const inResponse = activity.deliveryMode === DeliveryModes.ExpectReplies;
    if (activity.id && conversation.seen.includes(activity.id)) {
      // Replies posted to the channel went out the first time; replies in a response that was lost did not.
      const again = inResponse && conversation.lastTurn?.activityId === activity.id ? conversation.lastTurn.replies : [];
      this.deps.log.info({ event: 'duplicate_activity', channel: activity.channelId, replayed: again.length }, 'redelivered activity');
      if (again.length) await context.sendActivities(this.render(again, activity));
      return;
    }
    if (activity.id) conversation.seen.push(activity.id);
    const replies = await decide(conversation);
    const notKept = this.deps.conversation.messages.personalNotKept;
    conversation.lastTurn = inResponse && activity.id ? { activityId: activity.id, replies: replies.map((reply) => keptCopy(reply, notKept)) } : undefined;
    try {
      await this.deps.store.save(key, conversation);
    } catch (error) {
      if (!(error instanceof EtagConflictError)) throw error;
      this.deps.log.warn({ event: 'turn_conflict', channel: activity.channelId }, 'concurrent turn refused');
      await context.sendActivity({ type: ActivityTypes.Message, text: this.deps.conversation.messages.busy });
      return;
    }
    const activities = this.render(replies, activity);
    if (activities.length) await context.sendActivities(activities);
    this.deps.metrics?.turn(activity.channelId, replies);
    // What happened, never what was said: entity types and ids only.
    this.deps.log.info(
      { event: 'turn', channel: activity.channelId, type: activity.type, replies: replies.map((r) => r.entity?.type ?? 'text'), ms: Date.now() - started },
      'turn',
    );
  }
}

/** How much of a message too long to read whole the safety screen still reads (a bound on its work per message). */
const SAFETY_SCREEN_CHARS = 20_000;

/** Crisis resources, or the emergency answer. */
function isSafetyFirst(reply: Reply | undefined): boolean {
  const entity = reply?.entity;
  return entity?.type === 'safety.crisis' || (entity?.type === 'triage.outcome' && entity.level === 'emergency');
}

/** A button's value: a string, or the codes ticked in a "choose all that fit" card. */
function buttonValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // A card button's data ({ msteams: ..., value: "staff:contacted:KN-7F3Q" }): its value, even when no text comes with it.
  if (typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'string') return value.value;
  if (typeof value === 'object' && value !== null && MULTI_CHOICE_INPUT in value) {
    const codes = value[MULTI_CHOICE_INPUT];
    return typeof codes === 'string' && /^[a-z_0-9,]+$/.test(codes) ? codes : undefined;
  }
  return undefined;
}

/** Teams puts "<at>Bot</at>" in channel and group messages. */
function stripMentions(text: string, activity: Activity): string {
  let out = text;
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = entity.mentioned as { id?: string } | undefined;
    const mentionText = typeof entity.text === 'string' ? entity.text : undefined;
    if (mentioned?.id === activity.recipient?.id && mentionText) out = out.split(mentionText).join(' ');
  }
  return out.replace(/<at>[^<]*<\/at>/g, ' ');
}
