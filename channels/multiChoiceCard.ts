import type { Reply } from '../dialogs/replies';

/** The id of the choice set whose comma-separated codes come back in the activity's value. */
export const MULTI_CHOICE_INPUT = 'codes';

/**
 * "Choose all that fit" as checkboxes: one button per option would let a person pick only one
 * warning sign, and a missed one could lower the outcome.
 */
export function multiChoiceCard(reply: Reply, submitLabel: string, teams: boolean): { contentType: string; content: unknown } {
  const choices = reply.choices ?? [];
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: teams ? '1.5' : '1.3',
      body: [
        { type: 'TextBlock', text: reply.text, wrap: true, weight: 'Bolder' },
        { type: 'Input.ChoiceSet', id: MULTI_CHOICE_INPUT, isMultiSelect: true, style: 'expanded', choices: choices.map((c) => ({ title: c.label, value: c.value })) },
      ],
      actions: [{ type: 'Action.Submit', title: submitLabel, data: teams ? { msteams: { type: 'messageBack', displayText: submitLabel } } : {} }],
    },
  };
}
