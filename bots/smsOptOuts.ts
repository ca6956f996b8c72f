import type { KeyValueStore } from '../storage/state-store';

/** Numbers that texted STOP: the bot sends them nothing until START or UNSTOP. Kept by keyed hash only. */
export class SmsOptOuts {
  constructor(private readonly store: KeyValueStore) {}

  private key(userKey: string): string {
    return `sms-optout/${userKey}`;
  }

  async isOptedOut(userKey: string): Promise<boolean> {
    const items = await this.store.read([this.key(userKey)]);
    return items[this.key(userKey)]?.optedOut === true;
  }

  async optOut(userKey: string, at: Date): Promise<void> {
    await this.store.write({ [this.key(userKey)]: { optedOut: true, at: at.toISOString(), eTag: '*' } });
  }

  async optIn(userKey: string): Promise<void> {
    await this.store.delete([this.key(userKey)]);
  }
}
