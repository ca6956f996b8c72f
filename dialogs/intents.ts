import { INTENT_NAMES, type IntentName, type IntentPhrases } from '../knowledge/intents';
import { normaliseText } from '../matcher/normalise';

export interface IntentReader {
  /** The small intent a whole message expresses, if any ("thanks", "cancel"...). */
  exact(text: string): IntentName | undefined;
  /** An intent a longer message clearly asks for ("I'd like to book an appointment please"). */
  contained(text: string): 'booking' | 'deleteData' | 'triage' | undefined;
  /** The person describes their own knee symptoms or injury. */
  isSymptomReport(text: string): boolean;
  /** The message is phrased as a question. */
  isQuestion(text: string): boolean;
}

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
  const politeEnd = /\s+(please|pls|plz|thanks|thank you|now)$/;

  return {
    exact(text) {
      const norm = normaliseText(text).replace(politeEnd, '');
      return exact.get(norm);
    },
    contained(text) {
      const padded = ` ${normaliseText(text)} `;
      return contains.find((c) => c.phrases.some((p) => padded.includes(p)))?.name;
    },
    isSymptomReport(text) {
      const norm = normaliseText(text);
      const padded = ` ${norm} `;
      const words = norm.split(' ');
      if (symptomPhrases.some((p) => padded.includes(p))) return true;
      const aboutKnee = words.some((w) => body.has(w)) && words.some((w) => symptomWords.has(w));
      // "knee sore" by SMS is a report too; longer messages need a first-person word.
      return aboutKnee && (words.length <= 4 || words.some((w) => self.has(w)));
    },
    isQuestion(text) {
      return text.trim().endsWith('?') || QUESTION_START.test(normaliseText(text));
    },
  };
}
