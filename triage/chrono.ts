import type * as Chrono from 'chrono-node';

let loaded: typeof Chrono | undefined;

/** chrono-node takes a tenth of a second to load and few messages hold a date it must read: loaded on first need. */
export function chrono(): typeof Chrono {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('chrono-node') as typeof Chrono;
  return loaded;
}
