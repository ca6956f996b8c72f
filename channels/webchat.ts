import type { Reply } from '../dialogs/replies';
import type { CardAction, OutgoingActivity } from './activity';
import { multiChoiceCard } from './multiChoiceCard';

function choiceActions(reply: Reply): CardAction[] {
  return (reply.choices ?? []).map((c) => ({ type: 'messageBack', title: c.label, text: c.value, displayText: c.label, value: c.value }));
}

/** A line's list, quote or heading marker, which must stay outside the bold for the line to keep its meaning. */
const LINE = /^(\s*(?:(?:[-*+]|\d{1,9}[.)]|#{1,6})\s+|>\s*)?)(.*?)\s*$/;

/**
 * Bold in markdown: each line on its own, since emphasis cannot cross a paragraph break (Web Chat would show the
 * asterisks), and a list item inside a bold run would break it too. Markers already in the text are dropped, not nested.
 */
export function boldMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const [, marker = '', content = ''] = LINE.exec(line) ?? [];
      const plain = content.replace(/\*\*/g, '').trim();
      return plain ? `${marker}**${plain}**` : marker.trim();
    })
    .join('\n');
}

/**
 * A single line break kept as one ("Address: ...", then "Hours: ..." on the next line): in markdown it is only a space, and
 * the clinic's address, hours and phone would run together.
 */
function hardBreaks(text: string): string {
  return text.replace(/([^\n])\n(?!\n)/g, '$1  \n');
}

/**
 * On a phone, 911 and the crisis line are a tap away: in a warning that must be acted on now, "call 911" and "9-8-8"
 * become telephone links (Web Chat allows the tel: scheme). Words already inside a link are left alone.
 */
export function callLinks(text: string): string {
  return text.replace(/(^|[^[\w])((?:call|Call|CALL) 911)\b(?!\]\()/g, '$1[$2](tel:911)').replace(/(^|[^[\w-])(9-8-8)\b(?!\]\()/g, '$1[$2](tel:988)');
}

/** Web Chat and the Emulator: markdown text with suggested-action buttons. */
export function renderWebChat(reply: Reply, recipientId: string, submitLabel: string): OutgoingActivity[] {
  if (reply.multi && reply.choices?.length) {
    return [{ type: 'message', attachments: [multiChoiceCard(reply, submitLabel, false)], entities: reply.entity ? [reply.entity] : undefined, inputHint: 'expectingInput' }];
  }
  const links = (reply.links ?? []).filter((l) => !reply.text.includes(l.url)).map((l) => `[${l.label}](${l.url})`);
  const danger = reply.tone === 'danger';
  const heading = reply.title && reply.entity?.type !== 'kb.answer' ? [danger ? callLinks(boldMarkdown(reply.title)) : boldMarkdown(reply.title)] : [];
  const text = hardBreaks([...heading, danger ? callLinks(boldMarkdown(reply.text)) : reply.text, ...links].join('\n\n'));
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
