import type { CloudAdapter } from 'botbuilder';
import type { CardActivity } from './card';
import type { StaffReference } from './identity';

/** Where proactive staff cards go; tests run the real Teams implementation against a loopback stand-in. */
export interface StaffChannel {
  /** Posts a new message; resolves with the id the channel gave it (needed to update it later). */
  post(reference: StaffReference, activity: CardActivity): Promise<string | undefined>;
  /** Replaces a message posted earlier. */
  update(reference: StaffReference, activityId: string, activity: CardActivity): Promise<void>;
}

/**
 * Teams through the bot's own adapter. Without an app id (local development) botbuilder sends
 * unauthenticated requests to the reference's service URL, as the Emulator expects.
 */
export function createTeamsStaffChannel(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, botAppId: string): StaffChannel {
  return {
    async post(reference, activity) {
      let id: string | undefined;
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        // The continuation event's id is made up; left in place, the card would be sent as a reply to it.
        context.activity.id = undefined;
        id = (await context.sendActivity(activity))?.id;
      });
      return id;
    },
    async update(reference, activityId, activity) {
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        await context.updateActivity({ ...activity, id: activityId });
      });
    },
  };
}
