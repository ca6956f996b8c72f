import type { Storage } from 'botbuilder';
import type { SqlStateStore } from '../../storage';

/** Compiles only while SqlStateStore fits where botbuilder wants a Storage; nothing runs. */
export function asBotbuilderStorage(store: SqlStateStore): Storage {
  return store;
}
