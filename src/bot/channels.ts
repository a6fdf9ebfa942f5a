import type { ChannelName } from '../needs/record';

/** What a channel can show. A new channel is a new row here, not new dialog code. */
export interface ChannelCapabilities {
  /** The `Canal` option staff see in Airtable. */
  name: ChannelName;
  adaptiveCards: boolean;
  /** Suggested actions (quick replies) are shown. */
  suggestedActions: boolean;
}

const CHANNELS: Record<string, ChannelCapabilities> = {
  webchat: { name: 'Site web', adaptiveCards: true, suggestedActions: true },
  directline: { name: 'Site web', adaptiveCards: true, suggestedActions: true },
  emulator: { name: 'Emulator', adaptiveCards: true, suggestedActions: true },
  msteams: { name: 'Teams', adaptiveCards: true, suggestedActions: true },
  slack: { name: 'Slack', adaptiveCards: false, suggestedActions: false },
};

/** Unknown channels get plain text, which every channel shows. */
const FALLBACK: ChannelCapabilities = { name: 'Site web', adaptiveCards: false, suggestedActions: false };

export const capabilitiesOf = (channelId: string | undefined): ChannelCapabilities => CHANNELS[channelId ?? ''] ?? FALLBACK;
