import type { Reply } from '../dialogs/replies';
import type { ChannelKind, OutgoingActivity } from './activity';
import { renderSms } from './sms';
import { renderTeams } from './teams';
import { renderWebChat } from './webchat';

/** The one place where what the conversation means becomes what a channel shows. */
export function renderReplies(replies: readonly Reply[], channel: ChannelKind, recipientId: string): OutgoingActivity[] {
  if (channel === 'sms') return replies.flatMap(renderSms);
  if (channel === 'msteams') return replies.flatMap(renderTeams);
  return replies.flatMap((reply) => renderWebChat(reply, recipientId));
}
