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
      // Said with the card by screen readers: the question and its "choose all that fit".
      speak: reply.text,
      // The question is the choice set's label (shown above it), which also names the group of checkboxes for screen readers.
      body: [
        // Every label whole, on as many lines as it takes: on a phone a cut "... or an open wound over the knee" hides the sign.
        { type: 'Input.ChoiceSet', id: MULTI_CHOICE_INPUT, isMultiSelect: true, style: 'expanded', wrap: true, label: reply.text, choices: choices.map((c) => ({ title: c.label, value: c.value })) },
      ],
      actions: [{ type: 'Action.Submit', title: submitLabel, data: teams ? { msteams: { type: 'messageBack', displayText: submitLabel } } : {} }],
    },
  };
}
