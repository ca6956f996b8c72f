import { INTENT_NAMES, type IntentName, type IntentPhrases } from '../knowledge/intents';
import { normaliseText } from '../matcher/normalise';

/** A message's text and its normalised form, worked out once however many readings ask for it. */
export class IntentText {
  private normalised?: string;
  constructor(readonly raw: string) {}

  get norm(): string {
    return (this.normalised ??= normaliseText(this.raw));
  }
}

/** Each reading takes the raw text, or an IntentText when one message is read several ways (the router). */
export interface IntentReader {
  /** The small intent a whole message expresses, if any ("thanks", "cancel"...). */
  exact(text: string | IntentText): IntentName | undefined;
  /** An intent a longer message clearly asks for ("I'd like to book an appointment please"). */
  contained(text: string | IntentText): 'booking' | 'deleteData' | 'triage' | undefined;
  /** The person describes their own knee symptoms or injury. */
  isSymptomReport(text: string | IntentText): boolean;
  /** The message is phrased as a question. */
  isQuestion(text: string | IntentText): boolean;
}

const read = (text: string | IntentText): IntentText => (typeof text === 'string' ? new IntentText(text) : text);

const QUESTION_START = /^(what|whats|how|hows|why|when|where|which|who|can|could|should|shall|is|are|does|do|will|would|did|any|anything|wat|wht|hw)\b/;

export function createIntentReader(phrases: IntentPhrases): IntentReader {
  const exact = new Map<string, IntentName>();
  for (const name of INTENT_NAMES) {
    for (const phrase of phrases.exact[name]) if (!exact.has(normaliseText(phrase))) exact.set(normaliseText(phrase), name);
  }
  const contains = (['deleteData', 'booking', 'triage'] as const).map((name) => ({
    name,
    phrases: phrases.contains[name].map((p) => ` ${normaliseText(p)} `),
  }));
  const report = phrases.symptomReport;
  const self = new Set(report.self.map(normaliseText));
  const body = new Set(report.body.map(normaliseText));
  const symptomWords = new Set(report.symptom.filter((s) => !s.includes(' ')).map(normaliseText));
  const symptomPhrases = [...report.symptom.filter((s) => s.includes(' ')), ...report.phrases].map((p) => ` ${normaliseText(p)} `);
  const possessive = new Set(report.possessive.map(normaliseText));
  const injuryVerbs = new Set(report.injuryVerbs.map(normaliseText));
  const politeEnd = /\s+(please|pls|plz|thanks|thank you|now)$/;

  return {
    exact(text) {
      const norm = read(text).norm.replace(politeEnd, '');
      return exact.get(norm);
    },
    contained(text) {
      const padded = ` ${read(text).norm} `;
      return contains.find((c) => c.phrases.some((p) => padded.includes(p)))?.name;
    },
    isSymptomReport(text) {
      const { raw, norm } = read(text);
      const padded = ` ${norm} `;
      const words = norm.split(' ');
      if (symptomPhrases.some((p) => padded.includes(p))) return true;
      const kneeAt = words.findIndex((w) => body.has(w));
      const firstPerson = words.some((w) => self.has(w));
      const symptom = words.some((w) => symptomWords.has(w));
      // "I twisted it skiing": an injury told in the first person, even without the word knee.
      if (firstPerson && words.some((w) => injuryVerbs.has(w))) return true;
      const statement = !QUESTION_START.test(norm) && !raw.includes('?');
      // "It's been sore on and off for months": a symptom told, not asked about.
      if (statement && symptom) return true;
      if (kneeAt < 0) return false;
      // "my knee", "my son's left knee": someone's own knee, not runner's knee in general.
      const owner = words.slice(Math.max(0, kneeAt - 2), kneeAt).some((w) => possessive.has(w));
      if (owner || (symptom && firstPerson)) return true;
      // "knee sore", "knee" by SMS: short messages about a knee are reports too.
      return statement && words.length <= 2;
    },
    isQuestion(text) {
      const said = read(text);
      return said.raw.trim().endsWith('?') || QUESTION_START.test(said.norm);
    },
  };
}
