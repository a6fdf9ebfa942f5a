import type { Logger } from '../log';
import type { Stores } from '../stores/createStores';
import { OutboxWorker } from '../stores/outboxWorker';
import { AIRTABLE_ERASURE, airtableErasureHandler, ERASURE_POLICY, type ErasurePayload } from './erasureTask';
import { type AirtableConfig, type AirtableRequest, createAirtableRequest } from './http';
import type { NeedObserver } from './needObservers';
import { sharedLimiters } from './rateLimiter';
import type { ProactiveSend, StatusText } from './statusDelivery';
import { StatusWatcher } from './statusWatcher';
import { NeedsSync } from './sync';

/** The server's background work with the staff base: the needs sync, the status watcher, the erasures. */
export interface AirtableWorkers {
  request: AirtableRequest;
  sync: NeedsSync;
  watcher: StatusWatcher;
  erasures: OutboxWorker<ErasurePayload>;
  stop(): Promise<void>;
}

export interface AirtableWorkersOptions {
  config: AirtableConfig;
  stores: Pick<Stores, 'journal' | 'claims' | 'outbox' | 'rateBudget' | 'references' | 'notifications' | 'watermarks'>;
  /** How the watcher writes to a conversation, and what it says. */
  send: ProactiveSend;
  texts: StatusText;
  log: Logger;
  statusPollMs: number;
  /** Every status the watcher reads (partners' webhooks, src/partners/webhooks.ts). */
  onStatusSeen?: (reference: string, status: string) => Promise<void>;
  /** What else is done with the needs staff change (mission briefs, evaluations: src/evaluations/followUpWorkers.ts). */
  observers?: readonly NeedObserver[];
  syncIntervalMs?: number;
  erasureIntervalMs?: number;
}

/**
 * Starts them on one request function whose 5 requests a second per base are shared, through
 * the store, with every other process (instances, scripts).
 */
export function startAirtableWorkers(o: AirtableWorkersOptions): AirtableWorkers {
  const { config, stores, log } = o;
  const request = createAirtableRequest({ token: config.token, endpointUrl: config.endpointUrl, logger: log, limiter: sharedLimiters(stores.rateBudget) });
  const sync = new NeedsSync({ journal: stores.journal, claims: stores.claims, baseId: config.baseId, logger: log.child({ component: 'airtable-sync' }), request });
  const watcher = new StatusWatcher({
    request,
    baseId: config.baseId,
    references: stores.references,
    notifications: stores.notifications,
    watermarks: stores.watermarks,
    send: o.send,
    texts: o.texts,
    onStatusSeen: o.onStatusSeen,
    observers: o.observers,
    logger: log.child({ component: 'status-watcher' }),
  });
  const erasures = new OutboxWorker<ErasurePayload>({
    outbox: stores.outbox,
    kind: AIRTABLE_ERASURE,
    handler: airtableErasureHandler({ request, baseId: config.baseId, claims: stores.claims }),
    policy: ERASURE_POLICY,
    logger: log.child({ component: 'airtable-erasure' }),
  });
  sync.start(o.syncIntervalMs ?? 30_000);
  watcher.start(o.statusPollMs);
  erasures.start(o.erasureIntervalMs ?? 60_000);
  return {
    request,
    sync,
    watcher,
    erasures,
    stop: async () => {
      await Promise.all([sync.stop(), watcher.stop(), erasures.stop()]);
    },
  };
}
