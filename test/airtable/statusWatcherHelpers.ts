import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
} from 'botbuilder';
import { createAirtableRequest, type AirtableRequest } from '../../src/airtable/http';
import { type Clock, RateLimiter } from '../../src/airtable/rateLimiter';
import { flowStatusTexts, proactiveSend } from '../../src/airtable/statusDelivery';
import { StatusWatcher, type StatusWatcherOptions } from '../../src/airtable/statusWatcher';
import type { Logger } from '../../src/log';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import {
  SqliteConversationReferences,
  SqliteStatusNotifications,
  SqliteWatermarks,
} from '../../src/stores/sqlite/sqliteConversationReferences';
import { makeTempDir } from '../stores/tempDir';
import { BASE, captureLogger, eventTimer, projectFlow, TOKEN, type VirtualClock, virtualClock } from './helpers';

/**
 * A stand-in for the Besoins table as the status watcher reads it: `POST
 * /v0/{base}/Besoins/listRecords` with Airtable's body parameters (`filterByFormula`, `fields`,
 * `pageSize`, `offset`), each record carrying its LAST_MODIFIED_TIME (the injected clock's
 * time of its last change). The only formula understood is the one the watcher sends,
 * `IS_AFTER(LAST_MODIFIED_TIME(), '<iso>')`; anything else is refused with Airtable's 422.
 * (test/airtable/fakeAirtable.ts has no formulas, `fields` or `listRecords`.)
 */
export interface BesoinRow {
  id: string;
  fields: Record<string, unknown>;
  lastModified: number;
}
export interface ListRequest {
  method: string;
  path: string;
  body: any;
  at: number;
}

const BESOINS_FIELDS = new Set(['Référence', 'Statut', 'Conversation', 'Langue', 'Description', 'Canal', 'Transcript']);
const FORMULA = /^IS_AFTER\(LAST_MODIFIED_TIME\(\), '(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)'\)$/;

export class FakeBesoins {
  readonly rows: BesoinRow[] = [];
  readonly requests: ListRequest[] = [];
  /** Answer a request with this status instead (index = order of arrival). */
  fault?: (req: ListRequest, index: number) => number | undefined;
  private server?: http.Server;
  private seq = 0;

  constructor(private readonly now: () => number) {}

  /** Creates or changes a need as staff (or the sync) would: its LAST_MODIFIED_TIME becomes now. */
  set(reference: string, fields: Record<string, unknown>): BesoinRow {
    let row = this.rows.find((r) => r.fields['Référence'] === reference);
    if (!row) {
      row = { id: `rec${String(++this.seq).padStart(14, '0')}`, fields: { Référence: reference }, lastModified: 0 };
      this.rows.push(row);
    }
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined || v === null || v === '') delete row.fields[k];
      else row.fields[k] = v;
    }
    row.lastModified = this.now();
    return row;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        let body: any;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          body = raw;
        }
        const logged: ListRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), body, at: this.now() };
        const index = this.requests.push(logged) - 1;
        const send = (status: number, payload: unknown) => {
          res.statusCode = status;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(payload));
        };
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } });
        const fault = this.fault?.(logged, index);
        if (fault) return send(fault, { error: { type: 'FAULT', message: `injected ${fault}` } });
        if (logged.method !== 'POST' || logged.path !== `/v0/${BASE}/Besoins/listRecords`) {
          return send(404, { error: 'NOT_FOUND' });
        }
        try {
          send(200, this.list(body ?? {}));
        } catch (err) {
          const e = err as { status?: number; type?: string; message: string };
          send(e.status ?? 500, { error: { type: e.type ?? 'SERVER_ERROR', message: e.message } });
        }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  private list(body: { filterByFormula?: unknown; fields?: unknown; pageSize?: unknown; offset?: unknown }) {
    const refuse = (type: string, message: string) => Object.assign(new Error(message), { status: 422, type });
    let rows = [...this.rows];
    if (body.filterByFormula !== undefined) {
      const m = typeof body.filterByFormula === 'string' ? FORMULA.exec(body.filterByFormula) : null;
      if (!m) throw refuse('INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${String(body.filterByFormula)}`);
      const since = Date.parse(m[1]);
      rows = rows.filter((r) => r.lastModified > since);
    }
    let fields: string[] | undefined;
    if (body.fields !== undefined) {
      if (!Array.isArray(body.fields) || body.fields.some((f) => typeof f !== 'string')) throw refuse('INVALID_REQUEST_UNKNOWN', 'fields must be an array of strings');
      for (const f of body.fields) if (!BESOINS_FIELDS.has(f)) throw refuse('UNKNOWN_FIELD_NAME', `Unknown field name: "${f}"`);
      fields = body.fields as string[];
    }
    const size = Math.min(100, Number(body.pageSize ?? 100));
    let start = 0;
    if (body.offset !== undefined) {
      const m = typeof body.offset === 'string' ? /^itr\/(\d+)$/.exec(body.offset) : null;
      if (!m) throw refuse('LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'bad offset');
      start = Number(m[1]);
    }
    const page = rows.slice(start, start + size).map((r) => ({
      id: r.id,
      createdTime: '2026-01-01T00:00:00.000Z',
      fields: Object.fromEntries(Object.entries(r.fields).filter(([k]) => !fields || fields.includes(k))),
    }));
    return start + size < rows.length ? { records: page, offset: `itr/${start + size}` } : { records: page };
  }
}

/**
 * The Bot Connector side of a channel, for proactive messages: takes
 * `POST /v3/conversations/{id}/activities[/{replyToId}]` on its serviceUrl.
 */
export interface Delivered {
  conversationId: string;
  url: string;
  activity: any;
}
export class ConnectorChannel {
  readonly delivered: Delivered[] = [];
  /** Every POST that arrived, answered or not. */
  attempts = 0;
  /** Answer with this status instead of taking the activity. */
  failWith?: number;
  /** Never answer (the activity is not taken). */
  hang = false;
  url = '';
  private server?: http.Server;
  private readonly hangListeners = new Set<() => void>();

  /** Calls `listener` each time a POST is left unanswered; returns the unsubscribe. */
  onHang(listener: () => void): () => void {
    this.hangListeners.add(listener);
    return () => this.hangListeners.delete(listener);
  }

  /** A send timeout as the channel decides it: the send runs out of time when the channel leaves it unanswered. */
  sendTimer(): (ms: number, signal: AbortSignal) => Promise<void> {
    return eventTimer((listener) => this.onHang(listener));
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
        if (req.method !== 'POST' || !m) {
          res.statusCode = 404;
          res.end();
          return;
        }
        this.attempts++;
        if (this.hang) {
          for (const listener of [...this.hangListeners]) listener();
          return;
        }
        if (this.failWith) {
          res.statusCode = this.failWith;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'injected' } }));
          return;
        }
        this.delivered.push({ conversationId: decodeURIComponent(m[1]), url: req.url!, activity: JSON.parse(body) });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `act-${this.delivered.length}` }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  take(): Delivered[] {
    return this.delivered.splice(0, this.delivered.length);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

/** What `TurnContext.getConversationReference(activity)` gives for a message on our channel. */
export function referenceFor(channel: ConnectorChannel, conversationId: string, extra: Partial<ConversationReference> = {}): Partial<ConversationReference> {
  return {
    activityId: `incoming-${conversationId}`,
    user: { id: `user-${conversationId}`, name: 'Camille Martin' },
    bot: { id: 'bot', name: 'Probono' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    channelId: 'webchat',
    serviceUrl: channel.url,
    locale: 'fr-FR',
    ...extra,
  };
}

/** The base's limiter, noting when (virtual time) it let each request start. */
export class RecordingLimiter extends RateLimiter {
  readonly grants: number[] = [];
  constructor(private readonly clockRef: Clock) {
    super({ clock: clockRef });
  }
  override async acquire(signal?: AbortSignal): Promise<void> {
    await super.acquire(signal);
    this.grants.push(this.clockRef.now());
  }
}

export interface WatcherWorld {
  clock: VirtualClock;
  besoins: FakeBesoins;
  channel: ConnectorChannel;
  limiter: RecordingLimiter;
  request: AirtableRequest;
  db: Database;
  references: SqliteConversationReferences;
  notifications: SqliteStatusNotifications;
  watermarks: SqliteWatermarks;
  adapter: CloudAdapter;
  /** Errors the adapter's onTurnError saw (as app.ts sets one). */
  turnErrors: unknown[];
  logger: Logger;
  logLines: () => Record<string, unknown>[];
  watcher(options?: Partial<StatusWatcherOptions>): StatusWatcher;
  close(): Promise<void>;
}

export const T0 = Date.UTC(2026, 2, 1, 10, 0, 0); // 2026-03-01T10:00:00Z

export async function makeWatcherWorld(): Promise<WatcherWorld> {
  const clock = virtualClock(T0);
  const besoins = new FakeBesoins(clock.now);
  const url = await besoins.start();
  const channel = new ConnectorChannel();
  await channel.start();
  const limiter = new RecordingLimiter(clock);
  const { logger, lines } = captureLogger();
  const request = createAirtableRequest({
    token: TOKEN,
    endpointUrl: url,
    clock,
    random: () => 0.5,
    limiter: () => limiter,
    requestTimeoutMs: 2_000,
    maxAttempts: 3,
    logger,
  });
  const tmp = makeTempDir();
  const db = openDatabase(path.join(tmp.dir, 'data'));
  const now = () => new Date(clock.now());
  const references = new SqliteConversationReferences(db, now);
  const notifications = new SqliteStatusNotifications(db);
  const watermarks = new SqliteWatermarks(db, now);
  // A real adapter without credentials, as `npm start` runs with no MicrosoftAppId.
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' } as ConfigurationBotFrameworkAuthenticationOptions),
  );
  const turnErrors: unknown[] = [];
  adapter.onTurnError = async (_context, err) => {
    turnErrors.push(err);
  };
  // The project's own texts function over the real dialogs/.
  const texts = flowStatusTexts(projectFlow());
  return {
    clock,
    besoins,
    channel,
    limiter,
    request,
    db,
    references,
    notifications,
    watermarks,
    adapter,
    turnErrors,
    logger,
    logLines: lines,
    watcher: (options = {}) =>
      new StatusWatcher({
        request,
        baseId: BASE,
        references,
        notifications,
        watermarks,
        send: proactiveSend(adapter, ''),
        texts,
        clock,
        logger,
        ...options,
      }),
    close: async () => {
      await besoins.close();
      await channel.stop();
      closeDatabase(db);
      tmp.cleanup();
    },
  };
}

/**
 * What the association must read: the text of dialogs/texts.yaml as staff wrote it, with the
 * reference put in its place (by hand, not by the code under test).
 */
export function expectedText(key: 'status.accepted' | 'status.redirected', lang: 'fr' | 'en', reference: string): string {
  const written = projectFlow().texts[key][lang];
  expect(written).toContain('{{reference}}');
  return written.split('{{reference}}').join(reference);
}
