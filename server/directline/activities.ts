/** An activity as JSON on the wire: what the bot receives, and what Direct Line stores and serves. */
export interface WireActivity {
  type: string;
  id?: string;
  [key: string]: unknown;
}

/** The parts of a page's message this service keeps; anything else the page sends is dropped. */
export interface PostedMessage {
  text?: string;
  value?: unknown;
  locale?: string;
  channelData: Record<string, unknown>;
}

export type PostProblem = 'bad_activity' | 'text_too_long';

/** Who and where an activity belongs to; the service fills these in, never the page. */
export interface Participants {
  conversationId: string;
  userId: string;
  bot: { id: string; name: string };
  serviceUrl: string;
}

export const CHANNEL_ID = 'webchat';

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only what Web Chat needs echoed back: its own activity id (to mark the message sent) and how the message was made. */
function keptChannelData(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) return {};
  const kept: Record<string, unknown> = {};
  if (typeof raw.clientActivityID === 'string' && raw.clientActivityID.length <= 100) kept.clientActivityID = raw.clientActivityID;
  if (typeof raw.clientTimestamp === 'string' && raw.clientTimestamp.length <= 40) kept.clientTimestamp = raw.clientTimestamp;
  if (raw.postBack === true) kept.postBack = true;
  if (isRecord(raw.messageBack) && typeof raw.messageBack.displayText === 'string') {
    kept.messageBack = { displayText: raw.messageBack.displayText.slice(0, 500) };
  }
  return kept;
}

/** Buttons and cards send a code or a few inputs; anything bigger or deeper is not from the page. */
const MAX_VALUE_CHARS = 4096;

function smallValue(value: unknown): boolean {
  try {
    const json = JSON.stringify(value);
    return json === undefined || json.length <= MAX_VALUE_CHARS;
  } catch {
    return false;
  }
}

/** A typed message (text) or a button or card submit (value); uploads and other activity types are refused. */
export function readPostedActivity(body: unknown, maxTextChars: number): { message: PostedMessage } | { problem: PostProblem } {
  if (!isRecord(body) || body.type !== 'message') return { problem: 'bad_activity' };
  const { text, value, locale, attachments } = body;
  if (text !== undefined && typeof text !== 'string') return { problem: 'bad_activity' };
  if (Array.isArray(attachments) ? attachments.length > 0 : attachments !== undefined) return { problem: 'bad_activity' };
  if (!text?.trim() && (value === undefined || value === null)) return { problem: 'bad_activity' };
  if (text && text.length > maxTextChars) return { problem: 'text_too_long' };
  if (value !== undefined && !smallValue(value)) return { problem: 'bad_activity' };
  return {
    message: {
      text,
      value: value ?? undefined,
      locale: typeof locale === 'string' && LOCALE.test(locale) ? locale : undefined,
      channelData: keptChannelData(body.channelData),
    },
  };
}

function stamp(activity: WireActivity, people: Participants, timestamp: string): WireActivity {
  return { ...activity, channelId: CHANNEL_ID, serviceUrl: people.serviceUrl, conversation: { id: people.conversationId }, timestamp };
}

/** The user's message as the bot receives it; `from` is the token's user, whatever the page claimed. */
export function userMessage(message: PostedMessage, people: Participants, timestamp: string): WireActivity {
  const activity: WireActivity = {
    type: 'message',
    from: { id: people.userId, role: 'user' },
    recipient: { id: people.bot.id, name: people.bot.name, role: 'bot' },
    channelData: message.channelData,
  };
  if (message.text !== undefined) activity.text = message.text;
  if (message.value !== undefined) activity.value = message.value;
  if (message.locale) activity.locale = message.locale;
  return stamp(activity, people, timestamp);
}

/** The start of a conversation: the user joins, so the bot can welcome them. */
export function userJoined(people: Participants, timestamp: string, locale?: string): WireActivity {
  const activity: WireActivity = {
    type: 'conversationUpdate',
    from: { id: people.userId, role: 'user' },
    recipient: { id: people.bot.id, name: people.bot.name, role: 'bot' },
    membersAdded: [{ id: people.userId, role: 'user' }],
  };
  if (locale && LOCALE.test(locale)) activity.locale = locale;
  return stamp(activity, people, timestamp);
}

/** A bot reply as the page sees it: addressed from the bot to the user, without the bot's routing details. */
export function botReply(reply: WireActivity, people: Participants, timestamp: string): WireActivity {
  const { serviceUrl: _serviceUrl, callerId: _callerId, relatesTo: _relatesTo, deliveryMode: _deliveryMode, ...rest } = reply;
  const from = isRecord(reply.from) ? reply.from : {};
  return {
    ...rest,
    channelId: CHANNEL_ID,
    conversation: { id: people.conversationId },
    from: { id: people.bot.id, name: typeof from.name === 'string' ? from.name : people.bot.name, role: 'bot' },
    recipient: { id: people.userId, role: 'user' },
    timestamp,
  };
}
