import crypto from 'node:crypto';

/** An activity as the local Direct Line keeps it (JSON, as Web Chat reads it). */
export type StoredActivity = Record<string, unknown> & { id: string };

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
  history: StoredActivity[];
  first: number;
  /** Turns run one after the other, so that two quick messages never race on the state. */
  queue: Promise<unknown>;
}

export interface StoreLimits {
  maxConversations: number;
  maxHistory: number;
  /** A conversation nobody polled for this long is forgotten (its token with it). */
  idleMs: number;
  /** And none lives longer than this. */
  maxAgeMs: number;
}

export const DEFAULT_LIMITS: StoreLimits = { maxConversations: 500, maxHistory: 300, idleMs: 30 * 60_000, maxAgeMs: 12 * 3_600_000 };

const randomId = (bytes: number) => crypto.randomBytes(bytes).toString('base64url');

/** The local Direct Line's conversations, in memory, bounded in number, length and age. */
export class ConversationStore {
  private readonly byId = new Map<string, LocalConversation>();
  private readonly byToken = new Map<string, LocalConversation>();

  constructor(
    readonly limits: StoreLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new conversation and its token, bound to a random user id; the oldest is evicted when full. */
  create(): LocalConversation {
    this.sweep();
    while (this.byId.size >= this.limits.maxConversations) {
      const oldest = [...this.byId.values()].reduce((a, b) => (b.lastSeenAt < a.lastSeenAt ? b : a));
      this.remove(oldest);
    }
    const at = this.now();
    const conversation: LocalConversation = {
      id: `local-${randomId(18)}`,
      token: randomId(32),
      userId: `local_${randomId(12)}`,
      createdAt: at,
      lastSeenAt: at,
      started: false,
      history: [],
      first: 0,
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

  /** Appends an activity, stamping its id and position; returns it as stored. */
  append(conversation: LocalConversation, activity: Record<string, unknown>): StoredActivity {
    const sequence = conversation.first + conversation.history.length;
    const stored: StoredActivity = { ...activity, id: `${conversation.id}|${String(sequence).padStart(7, '0')}` };
    conversation.history.push(stored);
    const excess = conversation.history.length - this.limits.maxHistory;
    if (excess > 0) {
      conversation.history.splice(0, excess);
      conversation.first += excess;
    }
    return stored;
  }

  /**
   * The activities from `watermark` on (all kept ones without it) and the watermark to ask from
   * next time: the number of activities the conversation has ever had.
   */
  since(conversation: LocalConversation, watermark?: number): { activities: StoredActivity[]; watermark: string } {
    const skip = watermark === undefined ? 0 : Math.max(0, watermark - conversation.first);
    return { activities: conversation.history.slice(skip), watermark: String(conversation.first + conversation.history.length) };
  }

  touch(conversation: LocalConversation): void {
    conversation.lastSeenAt = this.now();
  }

  get size(): number {
    return this.byId.size;
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

  private sweep(): void {
    for (const c of this.byId.values()) if (this.expired(c)) this.remove(c);
  }

  private remove(c: LocalConversation): void {
    this.byId.delete(c.id);
    this.byToken.delete(c.token);
  }
}

/** Whether `token` is this conversation's, compared in constant time. */
export function tokenMatches(conversation: LocalConversation, token: string): boolean {
  return tokensEqual(conversation.token, token);
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
