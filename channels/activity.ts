/** The parts of a Bot Framework message activity the renderers produce; structurally an Activity. */
export interface CardAction {
  type: 'messageBack' | 'imBack' | 'openUrl' | 'postBack';
  title: string;
  value: string;
  text?: string;
  displayText?: string;
}

export interface OutgoingActivity {
  type: 'message';
  text?: string;
  textFormat?: 'plain' | 'markdown';
  suggestedActions?: { actions: CardAction[]; to: string[] };
  attachments?: { contentType: string; content: unknown }[];
  entities?: { type: string; [key: string]: unknown }[];
  inputHint?: 'acceptingInput' | 'expectingInput' | 'ignoringInput';
}

export type ChannelKind = 'webchat' | 'msteams' | 'sms' | 'emulator';

export function channelKind(channelId: string | undefined): ChannelKind {
  switch ((channelId ?? '').toLowerCase()) {
    case 'msteams':
      return 'msteams';
    case 'sms':
      return 'sms';
    case 'emulator':
      return 'emulator';
    default:
      return 'webchat';
  }
}
