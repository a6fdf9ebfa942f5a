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
  save(conversationId: string, ref: ConversationReferenceData): Promise<void>;
  get(conversationId: string): Promise<ConversationReferenceData | undefined>;
  /** Right to erasure: forgets the conversation (a later status change is then not told). */
  erase(conversationId: string): Promise<void>;
}

/**
 * What a proactive message needs, in a stable key order (so that an unchanged reference is
 * recognised): no `activityId` (it changes on every turn; a proactive message does not use it)
 * and no user display name (personal data).
 */
export function storableReference(ref: ConversationReferenceData): ConversationReferenceData {
  const out: ConversationReferenceData = {};
  if (ref.channelId !== undefined) out.channelId = ref.channelId;
  if (ref.serviceUrl !== undefined) out.serviceUrl = ref.serviceUrl;
  if (ref.locale !== undefined) out.locale = ref.locale;
  if (ref.conversation) {
    const c = ref.conversation;
    out.conversation = pick({ id: c.id, name: c.name, isGroup: c.isGroup, conversationType: c.conversationType, tenantId: c.tenantId, aadObjectId: c.aadObjectId, role: c.role });
  }
  if (ref.bot) out.bot = pick({ id: ref.bot.id, name: ref.bot.name, aadObjectId: ref.bot.aadObjectId, role: ref.bot.role });
  if (ref.user) out.user = pick({ id: ref.user.id, aadObjectId: ref.user.aadObjectId, role: ref.user.role });
  return out;
}

function pick<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
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
  wasNotified(reference: string, status: string): Promise<boolean>;
  /** Idempotent: a pair already marked keeps its first record. */
  markNotified(reference: string, status: string, at: Date, outcome?: { skipped: string }): Promise<void>;
  get(reference: string, status: string): Promise<NotificationRecord | undefined>;
  /**
   * Several instances watch the same base: the one that claims a pair is the only one to tell
   * it until it calls the returned release (claims also lapse on their own, after a minute at
   * most, if the instance dies). Undefined when another instance holds the pair.
   */
  claim(reference: string, status: string): Promise<(() => Promise<void>) | undefined>;
}

/** Small named values the background workers keep across restarts (e.g. a high-water mark). */
export interface WatermarkStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}
