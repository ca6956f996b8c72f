import type { Reply } from '../dialogs/replies';
import type { CardAction, OutgoingActivity } from './activity';
import { multiChoiceCard } from './multiChoiceCard';

function choiceActions(reply: Reply): CardAction[] {
  return (reply.choices ?? []).map((c) => ({ type: 'messageBack', title: c.label, text: c.value, displayText: c.label, value: c.value }));
}

/** Web Chat and the Emulator: markdown text with suggested-action buttons. */
export function renderWebChat(reply: Reply, recipientId: string, submitLabel: string): OutgoingActivity[] {
  if (reply.multi && reply.choices?.length) {
    return [{ type: 'message', attachments: [multiChoiceCard(reply, submitLabel, false)], entities: reply.entity ? [reply.entity] : undefined, inputHint: 'expectingInput' }];
  }
  const links = (reply.links ?? []).filter((l) => !reply.text.includes(l.url)).map((l) => `[${l.label}](${l.url})`);
  const heading = reply.title && reply.entity?.type !== 'kb.answer' ? [`**${reply.title}**`] : [];
  const text = [...heading, reply.tone === 'danger' ? `**${reply.text}**` : reply.text, ...links].join('\n\n');
  const actions = choiceActions(reply);
  return [
    {
      type: 'message',
      text,
      textFormat: 'markdown',
      suggestedActions: actions.length ? { actions, to: [recipientId] } : undefined,
      entities: reply.entity ? [reply.entity] : undefined,
      inputHint: actions.length ? 'expectingInput' : 'acceptingInput',
    },
  ];
}
