import type { SmsKeywords } from '../knowledge/intents';

export type SmsKeyword = 'optOut' | 'optIn' | 'help';

/** The single-word keywords carriers and Twilio act on; they take precedence over everything on SMS. */
export function readSmsKeyword(keywords: SmsKeywords, text: string): SmsKeyword | undefined {
  const word = text.trim().replace(/[.!\s]+$/, '').toUpperCase();
  if (keywords.optOutPhrases.includes(word.replace(/\u2019/g, "'").replace(/\s+/g, ' '))) return 'optOut';
  if (!word || word.length > 12) return undefined;
  if (keywords.optOut.includes(word)) return 'optOut';
  if (keywords.optIn.includes(word)) return 'optIn';
  if (keywords.help.includes(word)) return 'help';
  return undefined;
}
