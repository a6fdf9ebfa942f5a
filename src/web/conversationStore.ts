import crypto from 'node:crypto';
import { sameSecret } from '../http/sameSecret';

/** An activity as the local Direct Line keeps it (JSON, as Web Chat reads it). */
export type StoredActivity = Record<string, unknown> & { id: string };

/** A kept activity: its JSON text, so that what is counted is what is kept (parsed JSON weighs far more). */
interface Kept {
  json: string;
  bytes: number;
}

export interface LocalConversation {
  readonly id: string;
  readonly token: string;
  /** The user the token was issued to; it overrides whatever id the browser claims. (Not `dl_…`: Web Chat
   * reserves that prefix to user ids read from an Azure token.) */
  readonly userId: string;
  readonly createdAt: number;
  lastSeenAt: number;
  /** Set once the browser opened the conversation (POST /conversations): the bot is told then. */
  started: boolean;
  locale?: string;
  /** The most recent activities; `first` is the sequence number of history[0]. */
  history: Kept[];
  first: number;
  /** JSON bytes of `history`. */
  bytes: number;
  /** Turns run one after the other, so that two quick messages never race on the state. */
  queue: Promise<unknown>;
}

export interface StoreLimits {
  maxConversations: number;
  maxHistory: number;
  /** JSON bytes kept per conversation (the oldest activities go first) and in all. */
  maxConversationBytes: number;
  maxTotalBytes: number;
  /** A conversation nobody polled for this long is forgotten (its token with it). */
  idleMs: number;
  /** And none lives longer than this. */
  maxAgeMs: number;
  /** A started conversation polled within this is in use: a newcomer never evicts it. */
  liveMs: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  maxConversations: 500,
  maxHistory: 300,
  maxConversationBytes: 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  idleMs: 30 * 60_000,
  maxAgeMs: 12 * 3_600_000,
  liveMs: 5 * 60_000,
};

const randomId = (bytes: number) => crypto.randomBytes(bytes).toString('base64url');

/** The local Direct Line's conversations, in memory, bounded in number, bytes and age. */
export class ConversationStore {
  private readonly byId = new Map<string, LocalConversation>();
  private readonly byToken = new Map<string, LocalConversation>();
  private totalBytes = 0;

  constructor(
    readonly limits: StoreLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A new conversation and its token, bound to a random user id. When full, a conversation not in
   * use makes room (never opened first, then the longest idle); undefined when every one is in use.
   */
  create(options: { evaluation?: boolean } = {}): LocalConversation | undefined {
    this.sweep();
    if (this.byId.size >= this.limits.maxConversations) {
      const spare = this.leastNeeded();
      if (!spare) return undefined;
      this.remove(spare);
    }
    const at = this.now();
    const conversation: LocalConversation = {
      id: `local-${randomId(18)}`,
      token: randomId(32),
      // Marked when the page opens an evaluation's link (src/evaluations/linkToken.ts): no welcome then.
      userId: `local_${options.evaluation ? 'ev.' : ''}${randomId(12)}`,
      createdAt: at,
      lastSeenAt: at,
      started: false,
      history: [],
      first: 0,
      bytes: 0,
      queue: Promise.resolve(),
    };
    this.byId.set(conversation.id, conversation);
    this.byToken.set(conversation.token, conversation);
    return conversation;
  }

  get(id: string): LocalConversation | undefined {
    return this.alive(this.byId.get(id));
  }

  /** The conversation a token was issued for (tokens are 256 random bits: the lookup key itself). */
  byTokenValue(token: string): LocalConversation | undefined {
    return this.alive(this.byToken.get(token));
  }

  /**
   * Appends an activity, stamping its id and position; returns it as stored. The conversation
   * keeps its latest activities within its byte budget; past the total budget, conversations not
   * in use go first, then the oldest activities of the largest ones (what Web Chat has already read).
   */
  append(conversation: LocalConversation, activity: Record<string, unknown>): StoredActivity {
    const sequence = conversation.first + conversation.history.length;
    const stored: StoredActivity = { ...activity, id: `${conversation.id}|${String(sequence).padStart(7, '0')}` };
    const json = JSON.stringify(stored);
    const kept = { json, bytes: Buffer.byteLength(json) };
    conversation.history.push(kept);
    conversation.bytes += kept.bytes;
    this.totalBytes += kept.bytes;
    const { maxHistory, maxConversationBytes, maxTotalBytes } = this.limits;
    while (conversation.history.length > 1 && (conversation.history.length > maxHistory || conversation.bytes > maxConversationBytes)) {
      this.dropOldest(conversation);
    }
    while (this.totalBytes > maxTotalBytes) {
      const spare = this.leastNeeded((c) => c !== conversation && c.bytes > 0);
      if (spare) this.remove(spare);
      else if (!this.dropOldest(this.largest())) break;
    }
    return stored;
  }

  /**
   * The Direct Line answer to GET …/activities, as JSON text: the activities from `watermark` on
   * (all kept ones without it) and the watermark to ask from next time (how many there ever were).
   */
  page(conversation: LocalConversation, watermark?: number): string {
    const skip = watermark === undefined ? 0 : Math.max(0, watermark - conversation.first);
    const activities = conversation.history.slice(skip).map((k) => k.json);
    return `{"activities":[${activities.join(',')}],"watermark":${JSON.stringify(String(conversation.first + conversation.history.length))}}`;
  }

  touch(conversation: LocalConversation): void {
    conversation.lastSeenAt = this.now();
  }

  /** Forgets a conversation now (its token with it), e.g. when its owner opened a newer one. */
  close(conversation: LocalConversation): void {
    this.remove(conversation);
  }

  get size(): number {
    return this.byId.size;
  }

  /** JSON bytes kept in all. */
  get bytes(): number {
    return this.totalBytes;
  }

  private alive(conversation: LocalConversation | undefined): LocalConversation | undefined {
    if (!conversation) return undefined;
    if (this.expired(conversation)) {
      this.remove(conversation);
      return undefined;
    }
    return conversation;
  }

  private expired(c: LocalConversation): boolean {
    const at = this.now();
    return at - c.lastSeenAt > this.limits.idleMs || at - c.createdAt > this.limits.maxAgeMs;
  }

  private inUse(c: LocalConversation): boolean {
    return c.started && this.now() - c.lastSeenAt <= this.limits.liveMs;
  }

  /** The conversation that can best go: never opened (oldest first), else the longest idle; never one in use. */
  private leastNeeded(eligible: (c: LocalConversation) => boolean = () => true): LocalConversation | undefined {
    let best: LocalConversation | undefined;
    for (const c of this.byId.values()) {
      if (!eligible(c) || this.inUse(c)) continue;
      const better = !best || (c.started === best.started ? c.lastSeenAt < best.lastSeenAt : !c.started);
      if (better) best = c;
    }
    return best;
  }

  private largest(): LocalConversation {
    return [...this.byId.values()].reduce((a, b) => (b.bytes > a.bytes ? b : a));
  }

  /** Drops the oldest kept activity (watermarks stay absolute); false when there is nothing to drop. */
  private dropOldest(c: LocalConversation): boolean {
    const dropped = c.history.shift();
    if (!dropped) return false;
    c.first += 1;
    c.bytes -= dropped.bytes;
    this.totalBytes -= dropped.bytes;
    return true;
  }

  private sweep(): void {
    for (const c of this.byId.values()) if (this.expired(c)) this.remove(c);
  }

  private remove(c: LocalConversation): void {
    if (!this.byId.delete(c.id)) return;
    this.byToken.delete(c.token);
    this.totalBytes -= c.bytes;
  }
}

/**
 * Runs `turn` after the conversation's previous turns (whatever their outcome): two quick
 * messages never run at once on the same state.
 */
export function afterPrevious<T>(conversation: LocalConversation, turn: () => Promise<T>): Promise<T> {
  const run = conversation.queue.then(turn);
  conversation.queue = run.catch(() => undefined);
  return run;
}

/** Whether `token` is this conversation's, compared in constant time. */
export function tokenMatches(conversation: LocalConversation, token: string): boolean {
  return sameSecret(conversation.token, token);
}
