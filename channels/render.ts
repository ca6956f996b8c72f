import type { Reply } from '../dialogs/replies';
import type { ChannelKind, OutgoingActivity } from './activity';
import { renderSms, type SmsWords } from './sms';
import { renderTeams } from './teams';
import { renderWebChat } from './webchat';

/** The one place where what the conversation means becomes what a channel shows. */
/** Channel words the renderers need; they come from the knowledge files like every other message. */
export interface RenderWords extends SmsWords {
  /** The button under a "choose all that fit" list. */
  submitChoices: string;
}

export function renderReplies(replies: readonly Reply[], channel: ChannelKind, recipientId: string, words: RenderWords): OutgoingActivity[] {
  const render =
    channel === 'sms'
      ? (reply: Reply) => renderSms(reply, words)
      : channel === 'msteams'
        ? (reply: Reply) => renderTeams(reply, words.submitChoices)
        : (reply: Reply) => renderWebChat(reply, recipientId, words.submitChoices);
  // A plain loop: Node's Array.prototype.flatMap costs several times as much, and this runs on every turn.
  const activities: OutgoingActivity[] = [];
  for (const reply of replies) activities.push(...render(reply));
  return activities;
}
