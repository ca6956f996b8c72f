import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { isRecord, type WireActivity } from './activities';

/** Runs one turn of the bot in-process and resolves with its replies. */
export type RunTurn = (activity: WireActivity) => Promise<WireActivity[]>;

/** Runs an activity through the server's adapter, e.g. `(activity, logic) => app.adapter.runActivity('', activity, logic)`. */
export type RunActivity = (activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) => Promise<InvokeResponse | undefined>;

export interface TurnBot {
  run(context: TurnContext): Promise<void>;
}

/** Replies come back in the invoke response with expectReplies; the turn context is gone by then, so read nothing else. */
export function repliesOf(response: InvokeResponse | undefined): WireActivity[] {
  const body: unknown = response?.body;
  if (!isRecord(body) || !Array.isArray(body.activities)) return [];
  // A JSON round trip turns Dates into strings and drops undefined fields, as the wire would.
  const replies: unknown = JSON.parse(JSON.stringify(body.activities));
  if (!Array.isArray(replies)) return [];
  return replies.filter((reply): reply is WireActivity => isRecord(reply) && typeof reply.type === 'string' && reply.type !== 'trace');
}

/**
 * Turns through the server's adapter with expectReplies. Passing `runActivity('', ...)` (no
 * Bot Framework token) is right when no MicrosoftAppId is set; with an app id, pass an adapter
 * method that skips inbound authentication, as this service has checked its own token.
 */
export function adapterTurns(runActivity: RunActivity, bot: TurnBot): RunTurn {
  return async (activity) => {
    const response = await runActivity({ ...activity, deliveryMode: 'expectReplies' }, (context) => bot.run(context));
    return repliesOf(response);
  };
}
