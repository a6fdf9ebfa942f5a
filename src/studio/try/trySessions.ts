import crypto from 'node:crypto';
import type { Locale } from '../../answers/types';
import type { Flow } from '../../flow/model';
import type { Logger } from '../../log';
import { afterPrevious, ConversationStore, type LocalConversation, type StoreLimits } from '../../web/conversationStore';
import type { Deliver } from '../../web/directLine';
import type { TryChannel, TrySession } from './trySession';
import { runTryTurn } from './tryTurn';

/** Tries are few and short: 20 at once in all; one nobody polled for 30 minutes (its pane closed) ends. */
export const TRY_LIMITS: StoreLimits = {
  maxConversations: 20,
  maxHistory: 300,
  maxConversationBytes: 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
  idleMs: 30 * 60_000,
  maxAgeMs: 8 * 3_600_000,
  liveMs: 5 * 60_000,
};
/** A staff session's oldest try ends when it opens one more than this. */
export const TRIES_PER_SESSION = 3;

export interface TryDeps {
  /** The clock of the turns (the engine's `now`). */
  clock: () => Date;
  log: Logger;
  limits?: StoreLimits;
  /** The clock of idle time and expiry (tests move it). */
  now?: () => number;
}

/**
 * The studio's tries of the draft, bounded in number (in all and per staff session) and in idle
 * time, each bound to the staff session (sign-in) that opened it. Their Web Chat conversations live in their
 * own ConversationStore (the same byte caps as the local Direct Line); their turns run here, on
 * the real engine: nothing reaches the journal, Airtable, mails, webhooks or insights.
 */
export class TrySessions {
  readonly store: ConversationStore;
  private readonly byId = new Map<string, TrySession>();
  private readonly byConversation = new Map<string, TrySession>();

  constructor(private readonly deps: TryDeps) {
    this.store = new ConversationStore(deps.limits ?? TRY_LIMITS, deps.now);
  }

  /** A new try for the staff session `owner` (its sessionKey), or undefined when every try of the server is in use. */
  open(owner: string, flow: Flow, lang: Locale, channel: TryChannel): TrySession | undefined {
    this.sweep();
    const mine = [...this.byId.values()].filter((s) => s.owner === owner).sort((a, b) => a.conversation.createdAt - b.conversation.createdAt);
    while (mine.length >= TRIES_PER_SESSION) this.close(mine.shift()!);
    const conversation = this.store.create();
    if (!conversation) return undefined;
    const session: TrySession = {
      id: crypto.randomBytes(32).toString('base64url'),
      owner,
      conversation,
      flow,
      lang,
      channel,
      startedAt: this.deps.clock(),
      turns: [],
      needs: [],
      references: 0,
      truncated: false,
    };
    this.byId.set(session.id, session);
    this.byConversation.set(conversation.id, session);
    return session;
  }

  /** The try `id`, if it is still alive and this staff session's. */
  get(id: string, owner: string): TrySession | undefined {
    const session = this.byId.get(id);
    if (!session || session.owner !== owner) return undefined;
    return this.alive(session);
  }

  /** The try a Direct Line conversation belongs to. */
  ofConversation(conversation: LocalConversation): TrySession | undefined {
    const session = this.byConversation.get(conversation.id);
    return session && this.alive(session);
  }

  get size(): number {
    this.sweep();
    return this.byId.size;
  }

  /** How the try's Direct Line hands an activity over: a turn of the engine, after the previous ones. */
  readonly deliver: Deliver = (conversation, activity) =>
    afterPrevious(conversation, async () => {
      const session = this.ofConversation(conversation);
      if (!session) return 404;
      runTryTurn(session, activity, { store: this.store, now: this.deps.clock(), log: this.deps.log });
      return 200;
    });

  private alive(session: TrySession): TrySession | undefined {
    if (this.store.get(session.conversation.id)) return session;
    this.forget(session);
    return undefined;
  }

  private close(session: TrySession): void {
    this.store.close(session.conversation);
    this.forget(session);
  }

  private forget(session: TrySession): void {
    this.byId.delete(session.id);
    this.byConversation.delete(session.conversation.id);
  }

  private sweep(): void {
    for (const session of this.byId.values()) this.alive(session);
  }
}
