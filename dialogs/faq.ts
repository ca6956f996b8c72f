import type { KnowledgeBase, Topic } from '../knowledge/topics';
import type { Messages } from '../knowledge/messages';
import { fill } from '../knowledge/messages';
import type { MatchResult } from '../matcher/matcher';
import type { ForeignText } from '../matcher/language';
import type { Choice, Reply } from './replies';
import { clinicContactLines, type ClinicFacts } from './clinic';

/** An answer's "{clinic}": the configured clinic name, or the one the guide is written for. */
export function withClinic(kb: KnowledgeBase, clinic: ClinicFacts, text: string): string {
  return text.replaceAll('{clinic}', clinic.name || kb.clinicName);
}

export function topicChoice(topic: Topic): Choice {
  return { label: topic.title, value: `topic:${topic.id}` };
}

/** The choices for a topic's follow-ups that exist. A plain loop, not flatMap (several times slower in Node): every answer runs it. */
export function followUpChoices(kb: KnowledgeBase, topic: Topic): Choice[] {
  const choices: Choice[] = [];
  for (const id of topic.followUps) {
    const next = kb.byId.get(id);
    if (next) choices.push(topicChoice(next));
  }
  return choices;
}

/** `offerCheck`: the message named a symptom, so the check is offered among the choices (a topic whose action is the check offers it anyway). */
/**
 * A topic's answer. `offerCheck`: the check is offered beside it; `inCheck`: asked in the middle of the check, so a topic
 * that leads to the check does not offer it.
 */
export function answerReply(kb: KnowledgeBase, messages: Messages, clinic: ClinicFacts, topic: Topic, score: number, options: { offerCheck?: boolean; inCheck?: boolean } = {}): Reply {
  const { offerCheck = false, inCheck = false } = options;
  const followUps = followUpChoices(kb, topic);
  const choices: Choice[] = [];
  if (topic.detail) choices.push({ label: messages.tellMeMore, value: 'more' });
  const offer = (value: string) => [...messages.offerCheckChoices, ...messages.welcomeChoices].find((c) => c.value === value);
  const action = topic.action === 'triage' ? offer('triage:start') : topic.action === 'booking' ? offer('booking:offer') : undefined;
  if (action) choices.push(action);
  const check = offerCheck && topic.action !== 'triage' ? offer('triage:start') : undefined;
  if (check) choices.push(check);
  choices.push(...followUps);
  const contact = topic.contactDetails ? clinicContactLines(clinic) : [];
  // "What's your phone number?" with none of the clinic's details configured: say so, rather than only the blurb.
  if (topic.contactDetails === 'essential' && !clinic.phone && !clinic.address && !clinic.hours) contact.push(messages.clinicDetailsUnknown);
  // An answer that ends by offering the check does not, in the middle of one.
  const offerLine = ` ${messages.checkOfferLine}`;
  const answer = inCheck && topic.answer.endsWith(offerLine) ? topic.answer.slice(0, -offerLine.length) : topic.answer;
  return {
    title: topic.title,
    text: [withClinic(kb, clinic, answer), ...contact].join('\n'),
    choices,
    links: clinic.bookingUrl && topic.contactDetails ? [{ label: 'Book online', url: clinic.bookingUrl }] : undefined,
    entity: { type: 'kb.answer', id: topic.id, score },
  };
}

export function suggestionsReply(kb: KnowledgeBase, messages: Messages, match: MatchResult): Reply {
  const topics = match.candidates.flatMap((c) => kb.byId.get(c.id) ?? []);
  return {
    text: messages.didYouMean,
    choices: [...topics.map(topicChoice), { label: messages.noneOfThese, value: 'none-of-these' }],
    entity: { type: 'kb.suggestions', ids: topics.map((t) => t.id) },
  };
}

export function noMatchReply(messages: Messages, healthRelated: boolean): Reply {
  return {
    text: healthRelated ? messages.noMatchHealth : messages.noMatch,
    choices: messages.noMatchChoices,
    entity: { type: 'kb.noMatch' },
  };
}

/**
 * A message in another language: that language's line (when it is one the bot knows), then the English one, each with the
 * clinic's number when it is configured (`foreignPhone`: "Tel." reads in most languages); no English buttons.
 */
export function foreignLanguageReply(messages: Messages, clinic: ClinicFacts, foreign: ForeignText): Reply {
  const english = clinic.phone ? `${messages.englishOnly} ${fill(messages.englishOnlyPhone, { phone: clinic.phone })}` : messages.englishOnly;
  const lines = foreign.language ? [clinic.phone ? `${foreign.language.reply} ${fill(messages.foreignPhone, { phone: clinic.phone })}` : foreign.language.reply, english] : [english];
  return { text: lines.join('\n\n'), anyScript: foreign.language !== undefined, entity: { type: 'kb.noMatch' } };
}
