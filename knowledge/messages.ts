import { Checker, loadJsonContent } from './validate';

const TEXT_KEYS = [
  'welcome', 'help', 'helpInCheck', 'greeting', 'thanks', 'goodbye', 'restarted', 'nothingToCancel', 'checkOfferLine', 'checkRestarted', 'checkCancelled',
  'noMatch', 'noMatchHealth', 'didYouMean', 'noneOfThese', 'followUpsIntro', 'tellMeMore', 'noMoreDetail', 'nothingToExpand',
  'dismissed', 'emptyMessage', 'attachmentOnly', 'tooLong', 'error', 'busy', 'crisis', 'emergency',
  'dataDeleted', 'noMemory', 'callbackCheckOpen', 'callbackCheckFirst', 'smsOptOut', 'smsOptIn', 'smsHelp', 'smsHelpWithPhone', 'questionInCheck', 'submitChoices', 'bookingOffer', 'bookingLink', 'bookingCall', 'bookingNoContact', 'restartWord', 'restartWordSms',
  'acknowledged', 'privacy', 'takeYourTime', 'callbacksWithdrawn', 'noCallbacks', 'clinicDetailsUnknown',
  'smsReplyNumber', 'smsReplyNumbers', 'smsOr', 'englishOnly', 'englishOnlyPhone', 'pickFromMenu', 'identity', 'urgentFirst', 'checkFirst', 'checkForOwnKnee', 'callbackNotAppointment', 'noAppointmentHeld', 'contactClinic', 'callClinicAt', 'foreignPhone', 'privacyHeld', 'privacyHeldCheck', 'privacyHeldCallback', 'privacyHeldNothing', 'checkStillOpen', 'urgentFirstReport', 'emptyAnswer', 'outcomeCorrected', 'outcomeChanged', 'callbackNotSent', 'dontWait', 'goodbyeInCheck', 'noMatchMedication', 'medicineCaution', 'personalNotKept', 'injuryFirst', 'partlyAnswered', 'outcomeWhy',
] as const;
const CHOICE_KEYS = ['welcomeChoices', 'noMatchChoices', 'offerCheckChoices', 'continueCheckChoices'] as const;

export type MessageKey = (typeof TEXT_KEYS)[number];
export type ChoiceKey = (typeof CHOICE_KEYS)[number];
export type Messages = Record<MessageKey, string> & Record<ChoiceKey, { label: string; value: string }[]>;

export function parseMessages(raw: unknown, file: string): Messages {
  const check = new Checker(file);
  const root = check.record(raw, 'root');
  const texts = Object.fromEntries(TEXT_KEYS.map((key) => [key, check.string(root[key], key)]));
  const choices = Object.fromEntries(
    CHOICE_KEYS.map((key) => [
      key,
      check.list(root[key], key).map((entry, i) => {
        const item = check.record(entry, `${key}[${i}]`);
        return { label: check.string(item.label, `${key}[${i}].label`, { max: 40 }), value: check.string(item.value, `${key}[${i}].value`) };
      }),
    ]),
  );
  return { ...texts, ...choices } as Messages;
}

export function loadMessages(knowledgeDir: string): Messages {
  return loadJsonContent(knowledgeDir, 'messages.json', parseMessages);
}

/** Fills {name} placeholders; a placeholder with no value becomes empty. */
export function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
