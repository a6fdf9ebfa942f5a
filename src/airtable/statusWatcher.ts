import type { Locale } from '../answers/types';
import type { Logger } from '../log';
import type {
  ConversationReferences,
  StatusNotifications,
  WatermarkStore,
} from '../stores/conversationReferences';
import { AirtableApiError, type AirtableRequest, recordsPath } from './http';
import { REFERENCE_FIELD } from './schema';
import { BackgroundLoop } from '../stores/backgroundLoop';
import { type NeedObserver, observedFields, showToObservers } from './needObservers';
import { realClock } from './rateLimiter';
import { bounded, isToldStatus, type ProactiveSend, type SendTimer, STATUS_TEXT_KEYS, type StatusText, type ToldStatus } from './statusDelivery';

/**
 * The staff review loop: staff set `Statut` in the Besoins table; when a need reaches
 * `Accepté` or `Réorienté`, the association is told in its original conversation (a Bot
 * Framework proactive message from the stored conversation reference), in the need's `Langue`.
 *
 * Each poll lists the Besoins records modified since the high-water mark (a WatermarkStore) minus
 * a safety overlap, four fields only, page by page, through the shared request function (so
 * within the base's 5 req/s limiter, with its retry policy). The list is read with
 * `POST …/listRecords` (Airtable's documented twin of `GET`, body = the same parameters):
 * the request function's query takes one value per key, and `fields[]` needs several.
 *
 * Told once: a (Référence, Statut) pair is marked in `StatusNotifications` after the channel
 * accepted the message. A send that fails is retried at the next poll (the high-water mark does
 * not move past a poll that left a failure), up to `maxSendAttempts` failed tries; then, as
 * for a need with no known conversation, the pair is marked `skipped` with the reason, logged,
 * and never retried. A store that fails on a pair (its claim, the reference read) counts as a
 * failed try too: the pair is given up the same way and the mark moves on. With several instances polling the same base, a pair is told by the one
 * instance that claims it (StatusNotifications.claim); the others see it busy and look again at
 * their next poll (the mark does not move past it meanwhile). Failed tries are counted per
 * instance.
 *
 * Once per distinct status value (a choice): Accepté → En revue → Accepté tells "accepted" once;
 * Accepté → Réorienté tells both, once each; going back to a value already told (Réorienté →
 * Accepté after both were told) says nothing more. Staff going back and forth on the select
 * never spam the association; the price is that a need re-accepted after a redirection is
 * not announced again (staff write to the association themselves in that rare case).
 *
 * A status set and changed again between two polls is seen only as its last value.
 */

export type { NeedObserver } from './needObservers';

/** The only fields read (besides those the observers ask for, see needObservers.ts). */
export const WATCHED_FIELDS = [REFERENCE_FIELD, 'Statut', 'Conversation', 'Langue'] as const;

export interface StatusWatcherOptions {
  request: AirtableRequest;
  baseId: string;
  references: ConversationReferences;
  notifications: StatusNotifications;
  /** Where the high-water mark is kept across restarts. */
  watermarks: WatermarkStore;
  /** Writes `text` into the conversation of `ref`; rejects when the channel did not take it. */
  send: ProactiveSend;
  /** The text for a status, in a language; undefined when dialogs/texts.yaml lacks it. */
  texts: StatusText;
  logger: Logger;
  /** Epoch milliseconds (the high-water mark and the notification dates). Default Date.now. */
  clock?: { now(): number };
  /** Subtracted from the high-water mark: Airtable's clock vs ours, late writes. Default 2 min. */
  overlapMs?: number;
  /**
   * With no high-water mark yet (first start), changes this far back are told. Default 24 h:
   * a decision taken just before the feature was switched on is told, older ones are not.
   */
  initialLookbackMs?: number;
  /** Records per page (Airtable's maximum is 100). Default 100. */
  pageSize?: number;
  /** Polls at which a send may fail before the pair is given up (marked skipped). Default 5. */
  maxSendAttempts?: number;
  /**
   * A send not answered by then counts as failed (and is retried: if the channel did take it
   * late, the association reads it twice, the lesser harm). Default 30 s.
   */
  sendTimeoutMs?: number;
  /** Resolves when a send has run out of time; `signal` aborts once it is over. Default: a real timer. */
  sendTimer?: SendTimer;
  /** Language when `Langue` is empty or unknown. Default 'fr'. */
  defaultLang?: Locale;
  /** Attempts per Airtable request on transient failures. Default: the request function's (unlimited until `stop()`). */
  maxAttempts?: number;
  /**
   * Told of every status read, whatever its value (e.g. to queue partners' webhooks), before the
   * association is told. It may be told the same status more than once (polls overlap). When it
   * rejects, the high-water mark stays where it is, so the record is read again at the next poll.
   */
  onStatusSeen?: (reference: string, status: string) => Promise<void>;
  /** What else is done with the needs staff change (mission briefs, evaluations); see needObservers.ts. */
  observers?: readonly NeedObserver[];
}

export interface PollReport {
  /** Records listed (modified since the mark). */
  read: number;
  sent: number;
  skipped: number;
  /** Sends that failed and will be retried at the next poll. */
  failed: number;
  /** Changes another instance was telling (looked at again at the next poll). */
  busy: number;
  /** The lower bound used in the formula (ISO). */
  since?: string;
  /** Reading Airtable failed (nothing was sent; the mark did not move). */
  error?: string;
  /** Records an observer failed on (shown again at the next poll). */
  observerFailures?: number;
  aborted: boolean;
}

interface ListedRecord {
  id: string;
  fields: Record<string, unknown>;
}

const DEFAULTS = {
  overlapMs: 2 * 60_000,
  initialLookbackMs: 24 * 60 * 60_000,
  pageSize: 100,
  maxSendAttempts: 5,
  sendTimeoutMs: 30_000,
};

/** `IS_AFTER(LAST_MODIFIED_TIME(), '<iso>')`: the date is formatted by us, never user input. */
export function modifiedSinceFormula(sinceMs: number): string {
  if (!Number.isFinite(sinceMs)) throw new RangeError(`not a time: ${sinceMs}`);
  // Whole seconds, rounded down: the window only gets wider.
  const iso = new Date(Math.floor(sinceMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `IS_AFTER(LAST_MODIFIED_TIME(), '${iso}')`;
}

export class StatusWatcher {
  private readonly o: StatusWatcherOptions & typeof DEFAULTS & { clock: { now(): number }; defaultLang: Locale };
  private readonly log: Logger;
  private readonly markName: string;
  /** Failed sends, by pair (in memory: a restart gives a pair a few more tries). */
  private readonly failures = new Map<string, number>();
  private readonly background: BackgroundLoop;
  private current?: Promise<PollReport>;

  constructor(options: StatusWatcherOptions) {
    this.o = {
      ...DEFAULTS,
      ...options,
      overlapMs: options.overlapMs ?? DEFAULTS.overlapMs,
      initialLookbackMs: options.initialLookbackMs ?? DEFAULTS.initialLookbackMs,
      pageSize: Math.min(100, Math.max(1, options.pageSize ?? DEFAULTS.pageSize)),
      maxSendAttempts: Math.max(1, options.maxSendAttempts ?? DEFAULTS.maxSendAttempts),
      sendTimeoutMs: options.sendTimeoutMs ?? DEFAULTS.sendTimeoutMs,
      clock: options.clock ?? { now: () => Date.now() },
      defaultLang: options.defaultLang ?? 'fr',
    };
    this.log = options.logger;
    this.markName = `statusWatcher:${options.baseId}:Besoins`;
    this.background = new BackgroundLoop('status watcher', this.log);
  }

  /** One pass: never throws; a poll already going is shared. */
  poll(): Promise<PollReport> {
    if (!this.current) {
      this.current = this.pass().finally(() => {
        this.current = undefined;
      });
    }
    return this.current;
  }

  /** Polls now, then `intervalMs` after the end of each poll, until `stop()`. */
  start(intervalMs = 60_000): void {
    this.background.start(() => this.poll(), intervalMs);
  }

  /** Stops waiting and retrying, and resolves once the current poll has returned. */
  async stop(): Promise<void> {
    await this.background.stop();
    await this.current;
  }

  private async pass(): Promise<PollReport> {
    const report: PollReport = { read: 0, sent: 0, skipped: 0, failed: 0, busy: 0, aborted: false };
    const signal = this.background.signal;
    const startedAt = this.o.clock.now();
    let records: ListedRecord[];
    try {
      const stored = await this.o.watermarks.get(this.markName);
      const parsed = stored === undefined ? NaN : Date.parse(stored);
      const mark = Number.isFinite(parsed) ? parsed : startedAt - this.o.initialLookbackMs;
      const formula = modifiedSinceFormula(mark - this.o.overlapMs);
      report.since = /'(.*)'/.exec(formula)![1];
      // Every page first, then the sends: a slow channel cannot outlive Airtable's offset.
      records = await this.listWithObserved(formula, signal);
      report.read = records.length;
    } catch (err) {
      if (signal.aborted) report.aborted = true;
      else {
        report.error = err instanceof Error ? err.message : String(err);
        this.log.error({ err: report.error }, 'status watcher could not read Airtable; retrying at the next poll');
      }
      return report;
    }

    let complete = true;
    for (const record of records) {
      if (signal.aborted) {
        report.aborted = true;
        complete = false;
        break;
      }
      if (!(await this.statusSeen(record))) complete = false;
      const outcome = await this.handle(record, signal);
      if (outcome === 'sent') report.sent++;
      else if (outcome === 'skipped') report.skipped++;
      else if (outcome === 'failed') {
        report.failed++;
        complete = false;
      } else if (outcome === 'busy') {
        // Another instance is telling it: look again at the next poll (it may fail there).
        report.busy++;
        complete = false;
      }
      if (!this.observersBlind && !(await showToObservers(this.o.observers ?? [], record, signal, this.log))) {
        report.observerFailures = (report.observerFailures ?? 0) + 1;
        complete = false;
      }
    }
    if (this.observersBlind) complete = false;
    // The mark moves only past a poll that left nothing to retry.
    if (complete) {
      try {
        await this.o.watermarks.set(this.markName, new Date(startedAt).toISOString());
      } catch (err) {
        this.log.error({ err }, 'status watcher could not save its high-water mark');
      }
    }
    if (report.sent || report.skipped || report.failed) {
      this.log.info({ read: report.read, sent: report.sent, skipped: report.skipped, failed: report.failed }, 'status watcher poll');
    }
    return report;
  }

  /** Set by a poll that could not read the observers' fields: the mark stays until they can. */
  private observersBlind = false;

  /**
   * The observers' fields too. A base that lacks one (airtable:setup not run since an upgrade)
   * answers UNKNOWN_FIELD_NAME: statuses are still told, the observers wait, and it is logged.
   */
  private async listWithObserved(formula: string, signal: AbortSignal): Promise<ListedRecord[]> {
    const extra = observedFields(this.o.observers ?? [], WATCHED_FIELDS);
    this.observersBlind = false;
    if (!extra.length) return this.list(formula, signal);
    try {
      return await this.list(formula, signal, extra);
    } catch (err) {
      if (!(err instanceof AirtableApiError) || err.type !== 'UNKNOWN_FIELD_NAME') throw err;
      this.log.error({ fields: extra, error: err.airtableMessage }, 'Besoins lacks a field the mission briefs or evaluations read: run `npm run airtable:setup`; statuses are still told');
      this.observersBlind = true;
      return this.list(formula, signal);
    }
  }

  private async list(filterByFormula: string, signal: AbortSignal, extraFields: readonly string[] = []): Promise<ListedRecord[]> {
    const out: ListedRecord[] = [];
    let offset: string | undefined;
    do {
      const page = await this.o.request<{ records?: ListedRecord[]; offset?: string }>({
        method: 'POST',
        path: `${recordsPath(this.o.baseId, 'Besoins')}/listRecords`,
        body: {
          filterByFormula,
          fields: [...WATCHED_FIELDS, ...extraFields],
          pageSize: this.o.pageSize,
          ...(offset ? { offset } : {}),
        },
        signal,
        maxAttempts: this.o.maxAttempts,
      });
      out.push(...(page.records ?? []));
      offset = typeof page.offset === 'string' && page.offset ? page.offset : undefined;
    } while (offset);
    return out;
  }

  /** False when onStatusSeen failed (logged). */
  private async statusSeen(record: ListedRecord): Promise<boolean> {
    const f = record.fields ?? {};
    const reference = typeof f[REFERENCE_FIELD] === 'string' ? (f[REFERENCE_FIELD] as string).trim() : '';
    if (!this.o.onStatusSeen || !reference || typeof f.Statut !== 'string') return true;
    try {
      await this.o.onStatusSeen(reference, f.Statut);
      return true;
    } catch (err) {
      this.log.error({ reference, err: describe(err) }, 'status watcher could not pass a status on; read again at the next poll');
      return false;
    }
  }

  private async handle(record: ListedRecord, signal: AbortSignal): Promise<'ignored' | 'done' | 'sent' | 'skipped' | 'failed' | 'busy'> {
    const f = record.fields ?? {};
    const reference = typeof f[REFERENCE_FIELD] === 'string' ? (f[REFERENCE_FIELD] as string).trim() : '';
    const status = f.Statut;
    if (!reference || !isToldStatus(status)) return 'ignored';
    let release: (() => Promise<void>) | undefined;
    try {
      // Several instances poll the same base: only the one holding the pair's claim tells it.
      release = await this.o.notifications.claim(reference, status);
      if (!release) return 'busy';
      return await this.tell(record, reference, status, signal);
    } catch (err) {
      // The store failed (disk full, storage unreachable…): counted and retried like a failed send,
      // so that a pair the store keeps failing on is given up and the mark moves on.
      this.log.error({ reference, status, err: describe(err) }, 'status watcher could not handle a need');
      return this.failed(reference, status, record.id, `the store failed: ${describe(err)}`);
    } finally {
      await release?.().catch((err: unknown) => this.log.warn({ reference, status, err: describe(err) }, 'could not release a status claim'));
    }
  }

  private async tell(record: ListedRecord, reference: string, status: ToldStatus, signal: AbortSignal): Promise<'done' | 'sent' | 'skipped' | 'failed'> {
    const f = record.fields ?? {};
    if (await this.o.notifications.wasNotified(reference, status)) return 'done';
    const conversationId = typeof f.Conversation === 'string' ? f.Conversation.trim() : '';
    const lang: Locale = f.Langue === 'fr' || f.Langue === 'en' ? f.Langue : this.o.defaultLang;
    const skip = (reason: string) => this.skip(reference, status, record.id, reason);
    if (!conversationId) return skip('the need has no Conversation');
    const ref = await this.o.references.get(conversationId);
    if (!ref) return skip('no conversation reference is known for this conversation');
    if (!ref.serviceUrl || !ref.conversation?.id) return skip('the stored conversation reference has no serviceUrl or conversation id');

    let failure: string;
    const text = this.o.texts(status, lang, { reference });
    if (!text) {
      failure = `dialogs/texts.yaml has no ${STATUS_TEXT_KEYS[status]} text in ${lang}`;
    } else {
      try {
        await bounded(this.o.send(ref, text), this.o.sendTimeoutMs, this.o.sendTimer ?? realClock.sleep, signal);
        await this.o.notifications.markNotified(reference, status, new Date(this.o.clock.now()));
        this.failures.delete(pairKey(reference, status));
        this.log.info({ reference, status, lang }, 'status change told to the association');
        return 'sent';
      } catch (err) {
        failure = describe(err);
      }
    }
    return this.failed(reference, status, record.id, failure);
  }

  /** One more failed try at a pair: retried at the next poll, or given up (skipped) after `maxSendAttempts`. */
  private async failed(reference: string, status: ToldStatus, recordId: string, failure: string): Promise<'failed' | 'skipped'> {
    const key = pairKey(reference, status);
    const attempts = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempts);
    if (attempts >= this.o.maxSendAttempts) return this.skip(reference, status, recordId, `gave up after ${attempts} failed attempts: ${failure}`);
    this.log.warn({ reference, status, attempt: attempts, failure }, 'status change not told yet; retrying at the next poll');
    return 'failed';
  }

  /**
   * Never told: marked so (with the reason), logged. When even the mark cannot be written (the
   * store keeps failing), the pair is given up in memory all the same: the watermark moves on.
   */
  private async skip(reference: string, status: ToldStatus, recordId: string, reason: string): Promise<'skipped'> {
    try {
      await this.o.notifications.markNotified(reference, status, new Date(this.o.clock.now()), { skipped: reason });
      this.failures.delete(pairKey(reference, status));
    } catch (err) {
      // Remembered here instead: seen again, the pair is given up at its first failure.
      this.log.error({ reference, status, err: describe(err) }, 'status watcher could not record a given-up status change');
    }
    this.log.warn({ reference, status, recordId, reason }, 'status change not told to the association (skipped for good)');
    return 'skipped';
  }
}

const pairKey = (reference: string, status: string): string => `${reference}\u0000${status}`;

function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { statusCode?: unknown; message?: unknown };
    const code = typeof e.statusCode === 'number' ? `HTTP ${e.statusCode}: ` : '';
    return `${code}${typeof e.message === 'string' ? e.message : String(err)}`.slice(0, 500);
  }
  return String(err);
}
