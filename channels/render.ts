import type { Reply } from '../dialogs/replies';
import type { ChannelKind, OutgoingActivity } from './activity';
import { renderSms } from './sms';
import { renderTeams } from './teams';
import { renderWebChat } from './webchat';

/** The one place where what the conversation means becomes what a channel shows. */
/** Channel words the renderers need; they come from the knowledge files like every other message. */
export interface RenderWords {
  /** The button under a "choose all that fit" list. */
  submitChoices: string;
}

export function renderReplies(replies: readonly Reply[], channel: ChannelKind, recipientId: string, words: RenderWords): OutgoingActivity[] {
  if (channel === 'sms') return replies.flatMap(renderSms);
  if (channel === 'msteams') return replies.flatMap((reply) => renderTeams(reply, words.submitChoices));
  return replies.flatMap((reply) => renderWebChat(reply, recipientId, words.submitChoices));
}
