import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { type BodyLimits, readJsonBody } from '../../http/jsonBody';
import { sendError } from '../http/respond';

export { sendError, sendJson } from '../http/respond';

/** What readBody returns once it has answered with an error. */
export const FAILED = Symbol('failed');

const BODY_CODES = { 400: 'invalid_body', 413: 'body_too_large', 415: 'unsupported_media_type' } as const;

/**
 * The JSON body (the server's one reader, src/http/jsonBody.ts) checked against the route's
 * schema; else a 400 naming each field that is wrong (`ops.0.path: …`), and FAILED.
 * No body at all reads as `{}`.
 */
export async function readBody<S extends z.ZodType>(req: Request, res: Response, schema: S, limits: BodyLimits = {}): Promise<z.infer<S> | typeof FAILED> {
  const body = await readJsonBody(req, res, limits);
  if (!body.ok) {
    sendError(res, body.status, BODY_CODES[body.status], body.message);
    return FAILED;
  }
  const result = schema.safeParse(body.value ?? {});
  if (result.success) return result.data;
  sendError(res, 400, 'invalid_body', zodMessage(result.error));
  return FAILED;
}

/** Every problem as `field: message`, the field as a dotted path from the top of the body. */
export const zodMessage = (error: z.ZodError): string =>
  error.issues
    .slice(0, 8)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');

/** A file to download (CSV), never cached. */
export function sendDownload(res: Response, type: string, filename: string, body: string): void {
  res.statusCode = 200;
  res.setHeader('content-type', type);
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(body);
}
