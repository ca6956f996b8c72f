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

/** How a reference is typed: "KN-7F3Q", "kn 7f3q", "KN7F3Q". */
const TYPED_REFERENCE = /\bKN[\s-]?([A-Z0-9]{4,8})\b/i;

/** The reference a person or staff member typed ("kn 7f3q", "KN7F3Q"), in its stored form. */
export function findReference(text: string): string | undefined {
  const match = TYPED_REFERENCE.exec(text);
  if (!match) return undefined;
  const code = match[1].toUpperCase();
  return [...code].every((ch) => REFERENCE_ALPHABET.includes(ch)) ? `${PREFIX}${code}` : undefined;
}

/** The text without a reference typed in it: the words around it ("show KN-7F3Q please"), and no time read from "KN-26HR". */
export function withoutReference(text: string): string {
  return text.replace(TYPED_REFERENCE, ' ');
}
