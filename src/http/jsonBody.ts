import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The one body reader of the server: JSON only, uncompressed, bounded in bytes (counted on what
 * is actually read, chunked included) and in nesting depth. Every refusal is a status and a plain
 * sentence for the caller; each route wraps it in its own protocol's error shape.
 */
export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

export interface BodyLimits {
  /** Default 256 kB. */
  maxBytes?: number;
  /** Default 64: no activity comes near it, and nothing downstream recurses deeper. */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 256 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
/**
 * Past the cap the rest of a body is read and dropped (never kept), up to this much, so that the
 * client reads its 413 instead of a connection reset; beyond it the connection is closed.
 */
export const DISCARD_BYTES = 1024 * 1024;

/** Whether the request announces a body (a length other than 0, or chunked). */
export function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
}

/**
 * Reads and parses the body; undefined when there is none. A Content-Encoding (never inflated)
 * or a content type other than JSON (multipart is never parsed, nothing touches the disk) is
 * refused with 415 without keeping a byte; a body over the cap gets 413.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limits: BodyLimits = {}): Promise<BodyResult> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!announcesBody(req)) return keepAlive(res, { ok: true, value: undefined });
  const refusal = refusalBeforeReading(req, maxBytes);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + DISCARD_BYTES) return close(res, refusal ?? tooLarge(maxBytes));

  const read = await collect(req, refusal ? 0 : maxBytes);
  if (read === 'aborted') return close(res, { ok: false, status: 400, message: 'the request body was interrupted' });
  if (read === 'overflow') return close(res, refusal ?? tooLarge(maxBytes));
  if (refusal) return keepAlive(res, refusal);
  if (read === 'drained') return keepAlive(res, tooLarge(maxBytes));
  const decoded = read.toString('utf8');
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  // Blank (a search for the first other character: no copy of the body as trim() makes).
  if (!/\S/.test(text)) return keepAlive(res, { ok: true, value: undefined });
  if (deeperThan(text, maxDepth)) return keepAlive(res, { ok: false, status: 400, message: `the JSON is nested deeper than ${maxDepth} levels` });
  try {
    return keepAlive(res, { ok: true, value: JSON.parse(text) });
  } catch {
    return keepAlive(res, { ok: false, status: 400, message: 'the body is not valid JSON' });
  }
}

function refusalBeforeReading(req: IncomingMessage, maxBytes: number): BodyResult | undefined {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return { ok: false, status: 415, message: 'compressed bodies are not accepted (Content-Encoding): send plain JSON' };
  if (!isJsonType(req.headers['content-type'])) return { ok: false, status: 415, message: 'send the body as JSON (Content-Type: application/json)' };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return tooLarge(maxBytes);
  return undefined;
}

/** `application/json`, with at most a UTF-8 charset (JSON is UTF-8, RFC 8259). */
function isJsonType(header: string | undefined): boolean {
  if (!header) return false;
  // A channel sends the same header on every request: the last answer is kept.
  if (header === lastType.header) return lastType.json;
  const json = readJsonType(header);
  lastType = { header, json };
  return json;
}
let lastType: { header?: string; json: boolean } = { json: false };

function readJsonType(header: string): boolean {
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || /^charset="?utf-8"?$/.test(p));
}

const tooLarge = (maxBytes: number): BodyResult => ({ ok: false, status: 413, message: `the body is over ${Math.round(maxBytes / 1024)} kB` });

/**
 * The body, keeping at most `keepBytes` (0: keep nothing). Past them, bytes are counted and
 * dropped until the request ends ('drained': the connection can be reused) or DISCARD_BYTES more
 * arrive ('overflow': reading stops and the connection is closed after the answer).
 */
function collect(req: IncomingMessage, keepBytes: number): Promise<Buffer | 'drained' | 'overflow' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: Buffer | 'drained' | 'overflow' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      req.off('close', onAbort);
      if (result === 'overflow') req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= keepBytes) chunks.push(chunk);
      else {
        chunks.length = 0;
        if (size > keepBytes + DISCARD_BYTES) settle('overflow');
      }
    };
    const onEnd = () => settle(size > keepBytes ? 'drained' : Buffer.concat(chunks));
    const onAbort = () => settle('aborted');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
    req.on('close', onAbort);
  });
}
/** Whether arrays and objects nest deeper than `max` (scanned before parsing: nothing recurses on it). */
export function deeperThan(text: string, max: number): boolean {
  // Nesting deeper than `max` takes more than `max` opening brackets, and an activity has a dozen:
  // counting them natively spares the character-by-character walk of nearly every body.
  if (!moreOpeningBracketsThan(text, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** Whether `{` and `[` appear more than `max` times in all (inside strings too: an overcount only costs the full walk). */
function moreOpeningBracketsThan(text: string, max: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) {
      count += 1;
      if (count > max) return true;
    }
  }
  return false;
}

/** The whole body was read: the connection may be kept alive (the request guard closes it otherwise). */
function keepAlive(res: ServerResponse, result: BodyResult): BodyResult {
  if (!res.headersSent) res.removeHeader('connection');
  return result;
}

/** Part of the body is left unread: the connection is closed after the answer, never drained. */
function close(res: ServerResponse, result: BodyResult): BodyResult {
  if (!res.headersSent) res.setHeader('connection', 'close');
  return result;
}
