import { resolve } from 'path';
import { ParseContext } from '../../triage/calendar';
import { loadProtocol, Protocol } from '../../triage/protocol';

/** The repository root, seen from the compiled tests in dist/tests/triage. */
export const ROOT = resolve(__dirname, '../../..');

export const PROTOCOL_PATH = resolve(ROOT, 'knowledge/triage-protocol.json');

/** The real protocol from knowledge/. */
export function protocol(): Protocol {
  return loadProtocol(PROTOCOL_PATH);
}

/** A fixed clock: Wednesday 25 November 2026, 10:00 in Toronto. */
export const CTX: ParseContext = { now: new Date('2026-11-25T15:00:00Z'), timeZone: 'America/Toronto' };
