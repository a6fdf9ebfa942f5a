import type { Flow } from '../flow/model';
import type { EvaluationFields } from '../needs/evaluationRecord';
import { type FollowUpLedger, MARKS } from '../missions/ledger';
import type { NeedsJournal } from '../stores/needsJournal';
import type { Outbox } from '../stores/outbox';
import { EVALUATION_INVITATION, type InvitationPayload, relinkId } from './invitationTask';
import { checkLink } from './linkToken';
import type { EvaluationInit } from './ports';
import { EVALUATION_RECORD, type RecordPayload } from './recordTask';

/** Each link id used, as an outbox task over at once (the outbox's insert-if-absent is atomic on every store). */
export const EVALUATION_LINK_USED = 'evaluation.link';

export type LinkOutcome =
  | { status: 'ok'; init: EvaluationInit }
  /** Signed by someone else, cut, or not a link of ours: nothing is known of it. */
  | { status: 'invalid' }
  | { status: 'expired' | 'used' | 'answered'; init: EvaluationInit };

export interface EvaluationServiceDeps {
  outbox: Outbox;
  ledger: FollowUpLedger;
  journal: Pick<NeedsJournal, 'get'>;
  /** The key links are signed with; undefined: no link is valid. */
  linkSecret?: string | Buffer;
  /** The live journey (its calendar's time zone). */
  flow: () => Flow;
  now?: () => number;
  /** Told when answers or a new link were queued (to deliver them now). */
  onRecorded?: () => void;
  onInvitation?: () => void;
}

/**
 * What the bot does with evaluations during a turn, without calling any outside service: the
 * answers are written to the outbox (the durable journal of the answers) before the association
 * is thanked, marks are set in the ledger, a link is checked and spent, a new link is queued.
 */
export class EvaluationService {
  private readonly now: () => number;

  constructor(private readonly deps: EvaluationServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The answers, durable when it resolves; the evaluation is then over (no reminder). */
  async record(init: EvaluationInit, fields: EvaluationFields): Promise<void> {
    await this.deps.outbox.enqueue<RecordPayload>(EVALUATION_RECORD, `${init.reference}:${init.kind}`, { fields }, { subject: init.needConversationId });
    await this.deps.ledger.mark(init.reference, MARKS.evaluationClosed(init.kind));
    this.deps.onRecorded?.();
  }

  /** Declined or cancelled: no reminder for this evaluation (the next kind still comes). */
  close(init: EvaluationInit): Promise<void> {
    return this.deps.ledger.mark(init.reference, MARKS.evaluationClosed(init.kind));
  }

  /** "stop": no follow-up of the need any more, of any kind. */
  stop(init: Pick<EvaluationInit, 'reference'>): Promise<void> {
    return this.deps.ledger.mark(init.reference, MARKS.stopped);
  }

  async isOver(init: EvaluationInit): Promise<boolean> {
    return (await this.deps.ledger.has(init.reference, MARKS.stopped)) || (await this.deps.ledger.has(init.reference, MARKS.evaluationClosed(init.kind)));
  }

  /** Checks a link opened in the website chat, and spends it. */
  async openLink(token: unknown): Promise<LinkOutcome> {
    const secret = this.deps.linkSecret;
    if (!secret) return { status: 'invalid' };
    const check = checkLink(token, secret, this.now());
    if (!check.ok && check.reason === 'invalid') return { status: 'invalid' };
    const c = check.ok ? check.claims : check.claims;
    const init: EvaluationInit = { reference: c.r, kind: c.k, missionEnd: c.d, lang: c.l, programme: c.p, needConversationId: c.c };
    if (await this.isOver(init)) return { status: 'answered', init };
    if (!check.ok) return { status: 'expired', init };
    const { created } = await this.deps.outbox.enqueue(EVALUATION_LINK_USED, c.n, { reference: c.r }, { subject: c.c });
    if (!created) return { status: 'used', init };
    // Over at once: only its id matters, and a finished task is purged with the others.
    const claimed = await this.deps.outbox.claimOne(EVALUATION_LINK_USED, c.n);
    if (claimed && claimed !== 'busy') await this.deps.outbox.complete(claimed);
    return { status: 'ok', init };
  }

  /**
   * A new link by mail, to the address of the need (never one typed in the chat), at most one a
   * day per evaluation. 'no_address' when the journal has none for the need.
   */
  async relink(init: EvaluationInit): Promise<'queued' | 'no_address'> {
    const entry = await this.deps.journal.get(init.reference);
    const email = (entry?.record as { Structures?: { Email?: unknown } } | undefined)?.Structures?.Email;
    if (typeof email !== 'string' || !email) return 'no_address';
    const payload: InvitationPayload = { reference: init.reference, kind: init.kind, missionEnd: init.missionEnd, conversationId: init.needConversationId, purpose: 'relink' };
    await this.deps.outbox.enqueue(EVALUATION_INVITATION, relinkId(payload, this.now(), this.deps.flow().calendar.time_zone), payload, { subject: init.needConversationId });
    this.deps.onInvitation?.();
    return 'queued';
  }
}
