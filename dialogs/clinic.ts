import type { Messages } from '../knowledge/messages';
import type { Choice, Reply } from './replies';
import { fill } from '../knowledge/messages';

/** Clinic facts from configuration; each may be missing, and then the bot says less. */
export interface ClinicFacts {
  name?: string;
  phone?: string;
  address?: string;
  hours?: string;
  bookingUrl?: string;
}

export function clinicContactLines(clinic: ClinicFacts): string[] {
  return [
    clinic.address && `Address: ${clinic.address}`,
    clinic.hours && `Hours: ${clinic.hours}`,
    clinic.phone && `Phone: ${clinic.phone}`,
    clinic.bookingUrl && `Book online: ${clinic.bookingUrl}`,
  ].filter((line): line is string => Boolean(line));
}

export function bookingOfferReply(messages: Messages, clinic: ClinicFacts, extraChoices: Choice[] = [], offer = messages.bookingOffer): Reply {
  const lines = [offer];
  if (clinic.bookingUrl) lines.push(fill(messages.bookingLink, { url: clinic.bookingUrl }));
  if (clinic.phone) lines.push(fill(messages.bookingCall, { phone: clinic.phone }));
  // With neither a link nor a phone, a choice offered (the call-back) is the way to book: "contact the clinic" would be a dead end beside it.
  if (!clinic.bookingUrl && !clinic.phone && extraChoices.length === 0) lines.push(messages.bookingNoContact);
  return {
    text: lines.join('\n'),
    links: clinic.bookingUrl ? [{ label: 'Book online', url: clinic.bookingUrl }] : undefined,
    choices: extraChoices,
    entity: { type: 'booking.offer' },
  };
}
