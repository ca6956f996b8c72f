import type { Reply } from '../dialogs/replies';
import type { OutgoingActivity } from './activity';
import { multiChoiceCard } from './multiChoiceCard';

const TONE_COLOR = { normal: 'Default', warning: 'Warning', danger: 'Attention' } as const;

/** Teams: an Adaptive Card (v1.5, what Teams renders) whenever there is something to press. */
export function renderTeams(reply: Reply, submitLabel: string): OutgoingActivity[] {
  const choices = reply.choices ?? [];
  if (reply.multi && choices.length) return [{ type: 'message', attachments: [multiChoiceCard(reply, submitLabel, true)], entities: reply.entity ? [reply.entity] : undefined }];
  const links = reply.links ?? [];
  const entities = reply.entity ? [reply.entity] : undefined;
  if (!choices.length && !links.length && !reply.title) return [{ type: 'message', text: reply.text, textFormat: 'markdown', entities }];
  const body: Record<string, unknown>[] = [];
  if (reply.title) body.push({ type: 'TextBlock', text: reply.title, weight: 'Bolder', size: 'Medium', wrap: true });
  // A TextBlock is markdown, where one line break joins the lines (a staff card's "Name: ...", "Phone: ..."): each is a paragraph.
  body.push({ type: 'TextBlock', text: reply.text.replace(/\n+/g, '\n\n'), wrap: true, color: TONE_COLOR[reply.tone ?? 'normal'] });
  const actions = [
    ...choices.map((c) => ({
      type: 'Action.Submit',
      title: c.label,
      data: { msteams: { type: 'messageBack', displayText: c.label, text: c.value }, value: c.value },
    })),
    ...links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
  ];
  return [
    {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions },
        },
      ],
      entities,
    },
  ];
}
