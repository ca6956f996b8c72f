import type { Reply } from '../dialogs/replies';
import type { OutgoingActivity } from './activity';
import { isGsm7 } from '../knowledge/gsm7';
import { fill } from '../knowledge/messages';

/** Most characters in one SMS reply: two concatenated GSM-7 segments are 306, keep room. */
export const SMS_LIMITS = Object.freeze({
  /** Longest single message sent. */
  maxChars: 300,
});

const REPLACEMENTS: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u2032\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u2033]/g, '"'],
  [/[\u2013\u2014\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u2022\u00b7]/g, '-'],
  [/\u00a0/g, ' '],
];
/** Markdown emphasis, which SMS shows as it is typed. */
const EMPHASIS = /\*\*|__/g;

/** Keeps text to the GSM-7 set so a message costs as few segments as possible. */
export function toGsm7(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  out = out.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  out = [...out].filter((ch) => isGsm7(ch)).join('');
  // Removing one marker can join two halves into another ("_**_"), and so can dropping a character between them.
  while (out.includes('**') || out.includes('__')) out = out.replace(EMPHASIS, '');
  return out.replace(/[ \t]{2,}/g, ' ');
}

/** Splits text into messages under the limit, at line, sentence or word boundaries. */
export function splitSms(text: string, max = SMS_LIMITS.maxChars): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const line = window.lastIndexOf('\n');
    const sentence = Math.max(...[...window.matchAll(/[^\d][.?!] /g)].map((m) => (m.index ?? 0) + 2), 0);
    const space = window.lastIndexOf(' ');
    const at = line > max * 0.4 ? line : sentence > max * 0.4 ? sentence : space > 0 ? space : max;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** A run of text for packing: a `whole` one (a numbered list) is never split while it fits one message. */
interface SmsBlock {
  text: string;
  whole: boolean;
}

/**
 * Packs blocks into messages under the limit: text is split where `splitSms` splits it, and a numbered list that does not
 * fit after the text starts the next message rather than be cut in two ("1. Tell me more" in one text, "2. Book" in the
 * next). Only a list longer than one message is split, between its lines.
 */
function packSms(blocks: readonly SmsBlock[], max = SMS_LIMITS.maxChars): string[] {
  const messages: string[] = [];
  let current = '';
  for (const block of blocks) {
    const text = block.text.trim();
    if (!text) continue;
    const joined = current ? `${current}\n${text}` : text;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    const parts = block.whole && text.length > max ? splitSms(joined, max) : [current, ...splitSms(text, max)];
    current = '';
    for (const part of parts) {
      if (!part) continue;
      if (current) messages.push(current);
      current = part;
    }
  }
  if (current) messages.push(current);
  return messages;
}

/** How an SMS asks for an option's number: "Reply {numbers}." with "1, 2 {or} 3", or "... (e.g. {example})" for several at once. */
export interface SmsWords {
  smsReplyNumber: string;
  smsReplyNumbers: string;
  smsOr: string;
}

export function renderSms(reply: Reply, words: SmsWords): OutgoingActivity[] {
  const lines = reply.title && reply.entity?.type !== 'kb.answer' ? [reply.title, reply.text] : [reply.text];
  for (const link of reply.links ?? []) if (!reply.text.includes(link.url)) lines.push(link.url);
  // Another language's script goes as it is written (a costlier UCS-2 message): kept to GSM-7 it would be lost.
  const text = lines.join('\n');
  const blocks: SmsBlock[] = [{ text: reply.anyScript ? text : toGsm7(text), whole: false }];
  const choices = reply.choices ?? [];
  if (choices.length && !reply.numericAnswer) {
    blocks.push({ text: toGsm7(choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n')), whole: true });
    const numbers = choices.map((_, i) => String(i + 1));
    const list = numbers.length === 1 ? '1' : `${numbers.slice(0, -1).join(', ')} ${words.smsOr} ${numbers[numbers.length - 1]}`;
    const ask = reply.multi ? fill(words.smsReplyNumbers, { example: numbers.slice(0, 2).join(',') }) : fill(words.smsReplyNumber, { numbers: list });
    blocks.push({ text: toGsm7(ask), whole: false });
  }
  const packed = packSms(blocks);
  // Text with no GSM-7 character at all still goes out as a message, so its entity is not lost.
  const messages = packed.length ? packed : ['?'];
  return messages.map((text, i) => ({
    type: 'message',
    text,
    textFormat: 'plain',
    entities: i === messages.length - 1 && reply.entity ? [reply.entity] : undefined,
  }));
}
