/**
 * What the bot keeps to write to a conversation later (a Bot Framework proactive message), and
 * what the status watcher (src/airtable/statusWatcher.ts) keeps to tell each change once.
 *
 * Plain JSON on purpose: no botbuilder type here. `ConversationReferenceData` has the shape of
 * botbuilder's `Partial<ConversationReference>` (a value of that type can be passed as is).
 */

export interface AccountData {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}

export interface ConversationAccountData extends AccountData {
  isGroup?: boolean;
  conversationType?: string;
  tenantId?: string;
}

export interface ConversationReferenceData {
  activityId?: string;
  user?: AccountData;
  bot?: AccountData;
  conversation?: ConversationAccountData;
  channelId?: string;
  serviceUrl?: string;
  locale?: string;
}

/**
 * The last conversation reference seen in each conversation, keyed by the conversation id (the
 * `Conversation` field of a need). What is stored is what a proactive message needs: the
 * adapter leaves out `activityId` (it changes on every turn, and a proactive message does not
 * use it: so the stored reference stays the same from turn to turn) and the user's display name
 * (personal data no message needs).
 */
export interface ConversationReferences {
  /** Inserts or replaces; cheap when nothing changed (the bot may call it on every turn). */
  save(conversationId: string, ref: ConversationReferenceData): void;
  get(conversationId: string): ConversationReferenceData | undefined;
  /** Right to erasure: forgets the conversation (a later status change is then not told). */
  erase(conversationId: string): void;
}

/** How a (need, status) pair was dealt with. */
export type NotificationOutcome =
  /** The message reached the channel. */
  | 'sent'
  /** Not sent and never will be (no conversation reference, the channel refused for good…): see `reason`. */
  | 'skipped';

export interface NotificationRecord {
  reference: string;
  status: string;
  outcome: NotificationOutcome;
  reason?: string;
  /** ISO 8601 UTC. */
  at: string;
}

/**
 * Which status changes were told, by need reference and status value: a pair is told at most
 * once (see StatusWatcher for why per distinct status value).
 */
export interface StatusNotifications {
  wasNotified(reference: string, status: string): boolean;
  /** Idempotent: a pair already marked keeps its first record. */
  markNotified(reference: string, status: string, at: Date, outcome?: { skipped: string }): void;
  get(reference: string, status: string): NotificationRecord | undefined;
}

/** Small named values the background workers keep across restarts (e.g. a high-water mark). */
export interface WatermarkStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}
