// Who counts as clinic staff: a pure reading of an incoming activity, no Bot Framework import.
import type { Config } from '../config/config';
import { isLoopbackHost } from '../config/hosts';

/** The parts of an incoming activity this module reads; a botbuilder Activity fits it. */
export interface ActivityLike {
  channelId?: string;
  serviceUrl?: string;
  from?: { id?: string; name?: string; aadObjectId?: string };
  recipient?: { id?: string; name?: string };
  conversation?: { id?: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  channelData?: unknown;
}

export interface StaffSettings {
  /** STAFF_TENANT_ID. */
  tenantId?: string;
  /** STAFF_USER_IDS: Microsoft Entra object ids. */
  userIds: readonly string[];
  /** Requests are authenticated (an app id is set) or only loopback can reach the bot; otherwise nobody is staff. */
  trusted: boolean;
}

/** A proactive-message address as plain JSON; structurally a botbuilder ConversationReference. */
export interface StaffReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; name: string; conversationType: string; isGroup: boolean; tenantId?: string };
  bot: { id: string; name: string };
  user?: { id: string; name: string; aadObjectId?: string };
}

export type StaffConversationKind = 'channel' | 'groupChat' | 'personal';

export interface StaffIdentity {
  /** The staff member's Entra object id: what the access log records. */
  aadObjectId: string;
  tenantId: string;
  /** Where this message came from, so staff can choose it for call-back cards. */
  conversation: { key: string; kind: StaffConversationKind; reference: StaffReference };
}

export function isStaff(activity: ActivityLike, settings: StaffSettings): boolean {
  return staffIdentity(activity, settings) !== undefined;
}

/** The staff member behind a Teams message, or undefined for anyone else and whenever identity can't be trusted. */
export function staffIdentity(activity: ActivityLike, settings: StaffSettings): StaffIdentity | undefined {
  if (!settings.trusted || !settings.tenantId || settings.userIds.length === 0) return undefined;
  if (activity.channelId !== 'msteams') return undefined;
  const tenantId = tenantOf(activity.channelData);
  if (!tenantId || !sameId(tenantId, settings.tenantId)) return undefined;
  // A conversation in another tenant is not the clinic's, whatever channelData says.
  if (activity.conversation?.tenantId && !sameId(activity.conversation.tenantId, settings.tenantId)) return undefined;
  const aadObjectId = activity.from?.aadObjectId;
  if (!aadObjectId || !settings.userIds.some((id) => sameId(id, aadObjectId))) return undefined;
  const conversation = conversationOf(activity, tenantId);
  return conversation ? { aadObjectId: aadObjectId.toLowerCase(), tenantId, conversation } : undefined;
}

/** Staff settings from the validated configuration. */
export function staffSettingsFrom(config: Pick<Config, 'appId' | 'host' | 'staff'>): StaffSettings {
  return { tenantId: config.staff.tenantId, userIds: config.staff.userIds, trusted: Boolean(config.appId) || isLoopbackHost(config.host) };
}

function conversationOf(activity: ActivityLike, tenantId: string): StaffIdentity['conversation'] | undefined {
  const { conversation, serviceUrl, recipient, from } = activity;
  if (!conversation?.id || !serviceUrl || !recipient?.id || !from?.id) return undefined;
  const kind: StaffConversationKind = conversation.conversationType === 'channel' ? 'channel' : conversation.conversationType === 'groupChat' ? 'groupChat' : 'personal';
  // A channel message's id names its reply thread; cards go to the channel itself as new posts.
  const id = kind === 'channel' ? conversation.id.split(';')[0] : conversation.id;
  const reference: StaffReference = {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id, name: '', conversationType: kind, isGroup: kind !== 'personal', tenantId },
    bot: { id: recipient.id, name: recipient.name ?? '' },
  };
  if (kind === 'personal') reference.user = { id: from.id, name: '', aadObjectId: from.aadObjectId };
  return { key: `msteams/${id}`, kind, reference };
}

function tenantOf(channelData: unknown): string | undefined {
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const tenant: unknown = Reflect.get(channelData, 'tenant');
  if (typeof tenant !== 'object' || tenant === null) return undefined;
  const id: unknown = Reflect.get(tenant, 'id');
  return typeof id === 'string' ? id : undefined;
}

function sameId(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A stored reference read back; anything malformed is refused. */
export function readStaffReference(value: unknown): StaffReference | undefined {
  const object = (v: unknown): object | undefined => (typeof v === 'object' && v !== null ? v : undefined);
  const text = (o: object | undefined, key: string): string | undefined => {
    const v: unknown = o ? Reflect.get(o, key) : undefined;
    return typeof v === 'string' ? v : undefined;
  };
  const root = object(value);
  const conversation = object(root && Reflect.get(root, 'conversation'));
  const bot = object(root && Reflect.get(root, 'bot'));
  const user = object(root && Reflect.get(root, 'user'));
  const channelId = text(root, 'channelId');
  const serviceUrl = text(root, 'serviceUrl');
  const conversationId = text(conversation, 'id');
  const botId = text(bot, 'id');
  if (!channelId || !serviceUrl || !conversationId || !botId) return undefined;
  const conversationType = text(conversation, 'conversationType') ?? 'personal';
  const reference: StaffReference = {
    channelId,
    serviceUrl,
    conversation: { id: conversationId, name: '', conversationType, isGroup: conversationType !== 'personal', tenantId: text(conversation, 'tenantId') },
    bot: { id: botId, name: text(bot, 'name') ?? '' },
  };
  const userId = text(user, 'id');
  if (userId) reference.user = { id: userId, name: '', aadObjectId: text(user, 'aadObjectId') };
  return reference;
}
