import { Checker, loadJsonContent } from './validate';
import { gsm7Length, nonGsm7Characters } from './gsm7';

/** The topic ids the knowledge-topics spec requires, in its order. */
export const REQUIRED_TOPIC_IDS = [
  'what-is-runners-knee', 'who-gets-it', 'causes', 'muscle-imbalance', 'training-load', 'symptoms',
  'when-to-get-help', 'diagnosis', 'serious-causes', 'rest', 'cross-training', 'recovery-time',
  'heal-on-its-own', 'fastest-recovery', 'ice', 'exercises', 'it-band', 'running-form', 'cadence',
  'return-to-running', 'physiotherapy', 'dry-needling', 'tape-and-brace', 'footwear', 'orthotics',
  'insurance', 'prevention', 'clinic',
] as const;
export type RequiredTopicId = (typeof REQUIRED_TOPIC_IDS)[number];

export const TOPIC_ACTIONS = ['triage', 'booking'] as const;
export type TopicAction = (typeof TOPIC_ACTIONS)[number];

/**
 * The clinic's configured contact details (phone, address, hours, booking link) after the answer: "appended" when there
 * are any; "essential" also says when none are configured (the answer to "what's your phone number?" is those details).
 */
export const CONTACT_DETAILS = ['appended', 'essential'] as const;
export type ContactDetails = (typeof CONTACT_DETAILS)[number];

export interface Topic {
  id: string;
  title: string;
  questions: string[];
  /** Fits two SMS segments. */
  answer: string;
  detail?: string;
  followUps: string[];
  action?: TopicAction;
  contactDetails?: ContactDetails;
  /**
   * For someone telling of their own knee, the symptom check is this topic's answer ("my knee has ached a week, should I
   * see someone?"): the check starts in its place.
   */
  checkDecides: boolean;
}

export interface KnowledgeBase {
  version: string;
  /** The clinic the guide is written for; answers say "{clinic}" and get the configured name, or this one. */
  clinicName: string;
  topics: Topic[];
  byId: ReadonlyMap<string, Topic>;
}

/** Limits a knowledge editor must respect; the answer limit is two GSM-7 SMS segments. */
export const TOPIC_LIMITS = Object.freeze({
  /** Most characters (septets) an answer may have. */
  answerMax: 306,
  /** Fewest example questions per topic. */
  questionsMin: 8,
  /** Most characters in a longer detail. */
  detailMax: 1200,
});

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses and validates topics JSON; throws ContentError naming file, entry and field. */
export function parseKnowledgeBase(raw: unknown, file: string): KnowledgeBase {
  const check = new Checker(file);
  const root = check.record(raw, 'root');
  const version = check.string(root.version, 'version');
  const clinicName = check.string(root.clinicName, 'clinicName');
  const topics = check.list(root.topics, 'topics').map((entry, index): Topic => {
    const item = check.record(entry, `topics[${index}]`);
    const id = check.string(item.id, `topics[${index}].id`);
    const at = `topic "${id}"`;
    if (!ID_PATTERN.test(id)) check.fail(`${at}.id`, 'must be lowercase words joined by hyphens');
    const answer = check.string(item.answer, `${at}.answer`);
    if (gsm7Length(answer) > TOPIC_LIMITS.answerMax) {
      check.fail(`${at}.answer`, `is ${gsm7Length(answer)} SMS characters, more than ${TOPIC_LIMITS.answerMax}`);
    }
    const odd = nonGsm7Characters(answer);
    if (odd.length) check.fail(`${at}.answer`, `uses characters outside GSM-7: ${odd.map((c) => JSON.stringify(c)).join(' ')}`);
    const detail = item.detail === undefined ? undefined : check.string(item.detail, `${at}.detail`, { max: TOPIC_LIMITS.detailMax });
    let action: TopicAction | undefined;
    if (item.action !== undefined) {
      action = TOPIC_ACTIONS.find((a) => a === item.action);
      if (!action) check.fail(`${at}.action`, `must be one of ${TOPIC_ACTIONS.join(', ')}`);
    }
    let contactDetails: ContactDetails | undefined;
    if (item.contactDetails !== undefined) {
      contactDetails = CONTACT_DETAILS.find((d) => d === item.contactDetails);
      if (!contactDetails) check.fail(`${at}.contactDetails`, `must be one of ${CONTACT_DETAILS.join(', ')}`);
    }
    return {
      id,
      title: check.string(item.title, `${at}.title`, { max: 60 }),
      questions: check.strings(item.questions, `${at}.questions`, { min: TOPIC_LIMITS.questionsMin }),
      answer,
      detail,
      followUps: check.strings(item.followUps, `${at}.followUps`, { optional: true }),
      action,
      contactDetails,
      checkDecides: checkDecides(check, item.checkDecides, `${at}.checkDecides`),
    };
  });

  const byId = new Map<string, Topic>();
  for (const topic of topics) {
    if (byId.has(topic.id)) check.fail(`topic "${topic.id}".id`, 'is used twice');
    byId.set(topic.id, topic);
  }
  for (const id of REQUIRED_TOPIC_IDS) if (!byId.has(id)) check.fail('topics', `required topic "${id}" is missing`);
  const seen = new Map<string, string>();
  for (const topic of topics) {
    topic.followUps.forEach((followUp, i) => {
      if (!byId.has(followUp)) check.fail(`topic "${topic.id}".followUps[${i}]`, `names unknown topic "${followUp}"`);
      if (followUp === topic.id) check.fail(`topic "${topic.id}".followUps[${i}]`, 'names the topic itself');
    });
    topic.questions.forEach((question, i) => {
      const key = question.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      const other = seen.get(key);
      if (other && other !== topic.id) {
        check.fail(`topic "${topic.id}".questions[${i}]`, `"${question}" is also an example question of "${other}"`);
      }
      seen.set(key, topic.id);
    });
  }
  return { version, clinicName, topics, byId };
}

export function loadKnowledgeBase(knowledgeDir: string): KnowledgeBase {
  return loadJsonContent(knowledgeDir, 'topics.json', parseKnowledgeBase);
}

function checkDecides(check: Checker, value: unknown, at: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') check.fail(at, 'must be true or false');
  return value;
}
