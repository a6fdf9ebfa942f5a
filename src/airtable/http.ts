import type { Logger } from '../log';
import { type Clock, limiterFor, realClock, type RequestLimiter } from './rateLimiter';

/**
 * The one way this project talks to Airtable: records (`/v0/{base}/{table}`) and metadata
 * (`/v0/meta/bases/{base}/…`) alike.
 *
 * Plain `fetch` rather than airtable.js, on purpose: the client has no metadata calls (so we
 * would need fetch anyway), retries 429 on its own inside Airtable's 30 s lockout, does not retry
 * 5xx or network errors, rejects with an `AirtableError` that is not an `Error`, has no upsert
 * method, and would put a second retry and timeout policy beside ours. One function gives every
 * call the same limiter, timeout, retry policy and error type, and the tests a single seam.
 *
 * Policy (see ../shared/airtable.md):
 * - at most 5 requests in any second per base, across every process sharing the limiter's store;
 * - 429: the whole base is silent for 30 s (for every process too), then the request is retried;
 * - 5xx, network errors, timeouts: exponential backoff with full jitter (1 s base, 60 s cap);
 * - both retried without limit by default, while the caller's `signal` is not aborted
 *   (the background sync), or up to `maxAttempts` (the command-line scripts); each failed
 *   attempt is logged;
 * - any other 4xx is not retried: it throws an `AirtableApiError` carrying Airtable's error
 *   type and message (e.g. 422 UNKNOWN_FIELD_NAME).
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface AirtableCall {
  method: HttpMethod;
  /** From the API root: `/v0/{base}/{table}` or `/v0/meta/bases/{base}/tables…`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Aborting stops waiting and retrying: the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's `maxAttempts` for this call. */
  maxAttempts?: number;
}

/** Resolves with the parsed JSON body of a 2xx response. */
export type AirtableRequest = <T = unknown>(call: AirtableCall) => Promise<T>;

/** A 4xx Airtable answered (not 429): the request itself is wrong, retrying would not help. */
export class AirtableApiError extends Error {
  constructor(
    readonly status: number,
    /** Airtable's error type, e.g. `UNKNOWN_FIELD_NAME`, `INVALID_MULTIPLE_CHOICE_OPTIONS`. */
    readonly type: string,
    /** Airtable's message, as it wrote it. */
    readonly airtableMessage: string,
    readonly method: HttpMethod,
    readonly path: string,
  ) {
    super(`Airtable ${status} ${type}${airtableMessage ? `: ${airtableMessage}` : ''} (${method} ${path})`);
    this.name = 'AirtableApiError';
  }
}

/** Transient failures went on for `maxAttempts` attempts. */
export class AirtableUnavailableError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastFailure: string,
    readonly method: HttpMethod,
    readonly path: string,
  ) {
    super(`Airtable unavailable after ${attempts} attempt(s): ${lastFailure} (${method} ${path})`);
    this.name = 'AirtableUnavailableError';
  }
}

export interface AirtableClientOptions {
  token: string;
  /** `AIRTABLE_ENDPOINT_URL`; a trailing slash is tolerated. Default https://api.airtable.com. */
  endpointUrl?: string;
  /** Per attempt, until the whole body is read. Default 30 s. */
  requestTimeoutMs?: number;
  /**
   * Resolves when an attempt has run out of time (`requestTimeoutMs`); `signal` aborts once the
   * attempt is over. Default: a real timer. Tests end hung attempts on their own terms.
   */
  attemptTimer?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Attempts per call on transient failures. Default: unlimited. */
  maxAttempts?: number;
  /** Silence after a 429. Default 30 s. */
  rateLimitPauseMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  clock?: Clock;
  /** In [0, 1): the jitter. */
  random?: () => number;
  /** The limiter of a base. Default: the process-wide one; the server and the scripts pass the store's shared one. */
  limiter?: (baseId: string) => RequestLimiter;
  logger?: Logger;
  fetch?: typeof fetch;
}

export const DEFAULT_ENDPOINT = 'https://api.airtable.com';

/** Which base a path addresses (the limiter's key). */
export function baseOfPath(path: string): string {
  const meta = /^\/v0\/meta\/bases\/([^/?]+)/.exec(path);
  if (meta) return decodeURIComponent(meta[1]);
  const data = /^\/v0\/(?!meta\/)([^/?]+)/.exec(path);
  return data ? decodeURIComponent(data[1]) : '*';
}

export function createAirtableRequest(options: AirtableClientOptions): AirtableRequest {
  const endpoint = (options.endpointUrl ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const pauseMs = options.rateLimitPauseMs ?? 30_000;
  const baseMs = options.backoffBaseMs ?? 1_000;
  const capMs = options.backoffCapMs ?? 60_000;
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const limiter = options.limiter ?? limiterFor;
  const doFetch = options.fetch ?? fetch;
  const attemptTimer = options.attemptTimer ?? realClock.sleep;
  const log = options.logger;

  return async function request<T>(call: AirtableCall): Promise<T> {
    const maxAttempts = call.maxAttempts ?? options.maxAttempts ?? Infinity;
    const url = buildUrl(endpoint, call);
    const limit = limiter(baseOfPath(call.path));
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token}` };
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    let backoffs = 0;
    for (let attempt = 1; ; attempt++) {
      await limit.acquire(call.signal);
      const outcome = await attemptOnce(doFetch, attemptTimer, url, call.method, headers, body, timeoutMs, call.signal);
      if (outcome.kind === 'ok') {
        if (outcome.status >= 200 && outcome.status < 300) return parseJson<T>(outcome.text, call);
        if (outcome.status !== 429 && outcome.status < 500 && outcome.status !== 408) {
          const { type, message } = parseAirtableError(outcome.status, outcome.text);
          throw new AirtableApiError(outcome.status, type, message, call.method, call.path);
        }
      }
      const failure = outcome.kind === 'ok' ? `HTTP ${outcome.status}` : outcome.kind;
      if (attempt >= maxAttempts) throw new AirtableUnavailableError(attempt, failure, call.method, call.path);
      let waitMs: number;
      if (outcome.kind === 'ok' && outcome.status === 429) {
        // Everyone on this base waits: the limiter holds every caller for the lockout.
        await limit.pauseFor(pauseMs);
        waitMs = pauseMs;
      } else {
        backoffs++;
        waitMs = Math.floor(random() * Math.min(capMs, baseMs * 2 ** (backoffs - 1)));
      }
      log?.warn(
        { method: call.method, path: call.path, attempt, failure, retryInMs: waitMs },
        'Airtable request failed; retrying',
      );
      if (!(outcome.kind === 'ok' && outcome.status === 429)) await clock.sleep(waitMs, call.signal);
    }
  };
}

type Outcome = { kind: 'ok'; status: number; text: string } | { kind: 'timeout' } | { kind: 'network error' };

async function attemptOnce(
  doFetch: typeof fetch,
  attemptTimer: (ms: number, signal: AbortSignal) => Promise<void>,
  url: string,
  method: HttpMethod,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  if (signal?.aborted) throw signal.reason;
  const controller = new AbortController();
  const over = new AbortController();
  let timedOut = false;
  attemptTimer(timeoutMs, over.signal).then(
    () => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    },
    () => undefined,
  );
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await doFetch(url, { method, headers, body, signal: controller.signal });
    const text = await res.text();
    return { kind: 'ok', status: res.status, text };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return timedOut ? { kind: 'timeout' } : { kind: 'network error' };
  } finally {
    over.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

function buildUrl(endpoint: string, call: AirtableCall): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) params.append(k, String(v));
  const qs = params.toString();
  return `${endpoint}${call.path}${qs ? `?${qs}` : ''}`;
}

function parseJson<T>(text: string, call: AirtableCall): T {
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AirtableApiError(200, 'INVALID_RESPONSE', 'the response is not JSON', call.method, call.path);
  }
}

/** Airtable writes `{"error":{"type","message"}}`, or `{"error":"NOT_FOUND"}` for some 404s. */
export function parseAirtableError(status: number, text: string): { type: string; message: string } {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    const e = parsed?.error;
    if (typeof e === 'string') return { type: e, message: typeof parsed.message === 'string' ? parsed.message : '' };
    if (e && typeof e === 'object') {
      const o = e as { type?: unknown; message?: unknown };
      return { type: String(o.type ?? `HTTP_${status}`), message: typeof o.message === 'string' ? o.message : '' };
    }
  } catch {
    // not JSON: fall through
  }
  return { type: `HTTP_${status}`, message: text.slice(0, 300) };
}

/** Table path of the records API. */
export const recordsPath = (baseId: string, table: string): string =>
  `/v0/${encodeURIComponent(baseId)}/${encodeURIComponent(table)}`;

/** Tables path of the Metadata API. */
export const tablesPath = (baseId: string): string => `/v0/meta/bases/${encodeURIComponent(baseId)}/tables`;

/** What the scripts and the server need to reach the base, or why they cannot. */
export interface AirtableConfig {
  token: string;
  baseId: string;
  endpointUrl: string;
}

/** `AIRTABLE_TOKEN` and `AIRTABLE_BASE_ID` both set = Airtable on; otherwise undefined. */
export function airtableConfig(env: {
  AIRTABLE_TOKEN?: string;
  AIRTABLE_BASE_ID?: string;
  AIRTABLE_ENDPOINT_URL?: string;
}): AirtableConfig | undefined {
  if (!env.AIRTABLE_TOKEN || !env.AIRTABLE_BASE_ID) return undefined;
  return {
    token: env.AIRTABLE_TOKEN,
    baseId: env.AIRTABLE_BASE_ID,
    endpointUrl: (env.AIRTABLE_ENDPOINT_URL ?? DEFAULT_ENDPOINT).replace(/\/+$/, ''),
  };
}

/** Explains a 401/403/404 to whoever runs a script. */
export function accessHelp(err: AirtableApiError, baseId: string): string | undefined {
  if (err.status === 401) {
    return 'The token was refused: check AIRTABLE_TOKEN (a personal access token, starting with "pat").';
  }
  if (err.status === 403 || err.status === 404) {
    return [
      `The token cannot use base ${baseId} this way. In https://airtable.com/create/tokens, give the token`,
      'the scopes data.records:read, data.records:write, schema.bases:read and schema.bases:write,',
      `and grant it access to this base (creating tables also needs the creator role on the base).`,
      'Check AIRTABLE_BASE_ID too (it starts with "app").',
    ].join('\n');
  }
  return undefined;
}
