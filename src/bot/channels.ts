import type { ChannelName } from '../needs/record';

/** How a channel shows buttons: Bot Framework suggested actions, Slack message buttons (attachments in channelData), or not at all. */
export type ButtonsKind = 'suggestedActions' | 'slackAttachments' | 'none';

/** How a card becomes text where it is not shown: Markdown (`**bold**`), Slack mrkdwn (`*bold*`), or the engine's plain text. */
export type MarkdownFlavour = 'markdown' | 'mrkdwn' | 'plain';

/**
 * What a channel can show. Rendering (render.ts) and input reading (input.ts) decide from this
 * row only: a new channel is a new row here, not new dialog code.
 */
export interface ChannelCapabilities {
  /** The `Canal` option staff see in Airtable. */
  name: ChannelName;
  /** Highest Adaptive Card version shown ("1.5"); none: cards become text. A card template declaring more is sent as text. */
  cardVersion?: string;
  buttons: ButtonsKind;
  /** How many buttons are shown at most (Teams shows 3 suggested actions): a longer choice list goes in a card. */
  maxButtons?: number;
  markdown: MarkdownFlavour;
}

const WEB_CHAT: Omit<ChannelCapabilities, 'name'> = { cardVersion: '1.6', buttons: 'suggestedActions', markdown: 'markdown' };

const CHANNELS: Record<string, ChannelCapabilities> = {
  // botframework-webchat 4.18 renders Adaptive Cards 1.6 and Markdown.
  webchat: { name: 'Site web', ...WEB_CHAT },
  directline: { name: 'Site web', ...WEB_CHAT },
  emulator: { name: 'Emulator', cardVersion: '1.5', buttons: 'suggestedActions', markdown: 'markdown' },
  // Teams: cards up to 1.5, only the first 3 suggested actions are shown.
  msteams: { name: 'Teams', cardVersion: '1.5', buttons: 'suggestedActions', maxButtons: 3, markdown: 'markdown' },
  // Azure's Slack channel turns cards into images and drops suggested actions.
  slack: { name: 'Slack', buttons: 'slackAttachments', markdown: 'mrkdwn' },
};

/** Unknown channels get plain text, which every channel shows. */
const FALLBACK: ChannelCapabilities = { name: 'Site web', buttons: 'none', markdown: 'plain' };

/** The channels the table knows (e.g. to find a conversation's state key when its channel is not known). */
export const KNOWN_CHANNEL_IDS: readonly string[] = Object.keys(CHANNELS);

export const capabilitiesOf = (channelId: string | undefined): ChannelCapabilities => CHANNELS[channelId ?? ''] ?? FALLBACK;

/** True when a card template declaring `version` can be shown on this channel. */
export function showsCardVersion(caps: ChannelCapabilities, version: string | undefined): boolean {
  if (!caps.cardVersion) return false;
  return compareVersions(version ?? '1.0', caps.cardVersion) <= 0;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d;
  }
  return 0;
}
