import { randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when read over the phone: no 0/O, 1/I/L, or U/V. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const PREFIX = 'KN-';

/** A short human-friendly reference such as KN-7F3Q; uniqueness is the store's job. */
export function newReference(length = 4, pick: (max: number) => number = randomInt): string {
  let out = PREFIX;
  for (let i = 0; i < length; i++) out += REFERENCE_ALPHABET[pick(REFERENCE_ALPHABET.length)];
  return out;
}

/** The reference a person or staff member typed ("kn 7f3q", "KN7F3Q"), in its stored form. */
export function findReference(text: string): string | undefined {
  const match = /\bKN[\s-]?([A-Z0-9]{4,8})\b/i.exec(text);
  if (!match) return undefined;
  const code = match[1].toUpperCase();
  return [...code].every((ch) => REFERENCE_ALPHABET.includes(ch)) ? `${PREFIX}${code}` : undefined;
}
