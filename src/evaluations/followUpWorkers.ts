import type { NeedObserver } from '../airtable/needObservers';
import type { AirtableRequest } from '../airtable/http';
import type { ProactiveSend } from '../airtable/statusDelivery';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import type { MailQueue } from '../mail/mailQueue';
import { BRIEF_POLICY, briefHandler, type BriefPayload, MISSION_BRIEF } from '../missions/briefTask';
import { FollowUpLedger } from '../missions/ledger';
import { missionObserver } from '../missions/observer';
import { MISSION_PREPARATION, PREPARATION_POLICY, preparationHandler, type PreparationPayload } from '../missions/preparation';
import { PublishedMissionsCopy } from '../missions/published';
import type { Stores } from '../stores/createStores';
import { OutboxWorker, type TaskHandler, type TaskPolicy } from '../stores/outboxWorker';
import { EVALUATION_INVITATION, INVITATION_POLICY, invitationHandler, type InvitationPayload } from './invitationTask';
import { evaluationObserver } from './observer';
import type { ConversationStarter } from './ports';
import { EVALUATION_RECORD, RECORD_POLICY, recordHandler, type RecordPayload } from './recordTask';
import { EvaluationService } from './service';

/**
 * What follows an accepted need, as background work on the staff base (issue 11, sections 3
 * and 4): the status watcher's observers queue the tasks (a brief and a preparation message on
 * Accepté, the evaluations on Fin de mission), outbox workers deliver them when due, and the
 * published missions are copied locally for the partners' API.
 */
export interface FollowUps {
  /** For the status watcher (src/airtable/statusWatcher.ts). */
  observers: NeedObserver[];
  ledger: FollowUpLedger;
  /** What the bot uses in turns (answers, links, "stop"). */
  service: EvaluationService;
  published: PublishedMissionsCopy;
  workers: {
    briefs: OutboxWorker<BriefPayload>;
    preparation: OutboxWorker<PreparationPayload>;
    invitations: OutboxWorker<InvitationPayload>;
    answers: OutboxWorker<RecordPayload>;
  };
  /** Starts the workers and the copy's refresh (once the bot can start conversations: the starter is late-bound). */
  start(intervals?: { outboxMs?: number; publishedMs?: number }): void;
  stop(): Promise<void>;
}

export interface FollowUpsOptions {
  stores: Pick<Stores, 'outbox' | 'notifications' | 'references' | 'watermarks' | 'journal'>;
  /** The staff base's request function (shared rate budget); undefined: Airtable is off, only the bot's side works. */
  airtable?: { request: AirtableRequest; baseId: string };
  flow: () => Flow;
  send: ProactiveSend;
  /** Set once the bot exists (it starts evaluations in conversations). */
  starter: () => ConversationStarter;
  mail?: MailQueue;
  /** Signs the links of invitations by mail (and checks them when opened). */
  linkSecret: string | Buffer;
  /** Where the links point (PUBLIC_URL); undefined: no invitation by mail. */
  publicUrl?: string;
  log: Logger;
  now?: () => number;
}

export function followUps(o: FollowUpsOptions): FollowUps {
  const { stores, log } = o;
  const now = o.now ?? Date.now;
  const ledger = new FollowUpLedger(stores.notifications, now);
  const worker = <P>(kind: string, handler: TaskHandler<P>, policy: TaskPolicy) =>
    new OutboxWorker<P>({ outbox: stores.outbox, kind, handler, policy, logger: log.child({ component: kind }), now });
  // Without Airtable nothing reaches these workers: they are never started.
  const request = o.airtable?.request ?? (() => Promise.reject(new Error('Airtable is not configured')));
  const baseId = o.airtable?.baseId ?? '';
  const workers = {
    briefs: worker(MISSION_BRIEF, briefHandler({ request, baseId, flow: o.flow, now }), BRIEF_POLICY),
    preparation: worker(
      MISSION_PREPARATION,
      preparationHandler({ request, baseId, flow: o.flow, references: stores.references, send: o.send, mail: o.mail, log: log.child({ component: MISSION_PREPARATION }) }),
      PREPARATION_POLICY,
    ),
    invitations: worker(
      EVALUATION_INVITATION,
      invitationHandler({
        request,
        baseId,
        flow: o.flow,
        outbox: stores.outbox,
        ledger,
        references: stores.references,
        starter: { start: (ref, init) => o.starter().start(ref, init), remind: (ref, init) => o.starter().remind(ref, init) },
        mail: o.mail,
        links: o.publicUrl ? { secret: o.linkSecret, publicUrl: o.publicUrl } : undefined,
        log: log.child({ component: EVALUATION_INVITATION }),
        now,
      }),
      INVITATION_POLICY,
    ),
    answers: worker(EVALUATION_RECORD, recordHandler({ request, baseId }), RECORD_POLICY),
  };
  const service = new EvaluationService({
    outbox: stores.outbox,
    ledger,
    journal: stores.journal,
    linkSecret: o.linkSecret,
    flow: o.flow,
    now,
    onRecorded: () => workers.answers.poke(),
    onInvitation: () => workers.invitations.poke(),
  });
  const published = new PublishedMissionsCopy({ request, baseId, store: stores.watermarks, logger: log.child({ component: 'published-missions' }), now });
  const observers = [
    missionObserver({ outbox: stores.outbox, ledger, onQueued: () => (workers.briefs.poke(), workers.preparation.poke()) }),
    evaluationObserver({ outbox: stores.outbox, ledger, flow: o.flow, now, log: log.child({ component: 'evaluation-schedule' }), onQueued: () => workers.invitations.poke() }),
  ];
  return {
    observers,
    ledger,
    service,
    published,
    workers,
    start: ({ outboxMs = 60_000, publishedMs = 5 * 60_000 } = {}) => {
      if (!o.airtable) return;
      for (const w of Object.values(workers)) (w as OutboxWorker<unknown>).start(outboxMs);
      published.start(publishedMs);
    },
    stop: async () => {
      await Promise.all([...Object.values(workers).map((w) => (w as OutboxWorker<unknown>).stop()), published.stop()]);
    },
  };
}
