// The GSM 03.38 basic set plus its extension table (extension characters cost two septets).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENDED = '^{}\\[~]|€\f';
const basicSet = new Set(BASIC);
const extendedSet = new Set(EXTENDED);

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basicSet.has(ch) && !extendedSet.has(ch)) return false;
  return true;
}

/** Length in septets, as SMS segments count it. */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const ch of text) length += extendedSet.has(ch) ? 2 : 1;
  return length;
}

export function nonGsm7Characters(text: string): string[] {
  return [...new Set([...text].filter((ch) => !basicSet.has(ch) && !extendedSet.has(ch)))];
}
