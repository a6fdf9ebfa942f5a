import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { type BodyLimits, readJsonBody } from '../http/jsonBody';

/** Direct Line's error shape: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.send(status, { error: { code, message } });
}

// Shared with the partner API (src/partners/), below web/ in the imports.
export { bearerToken, queryOf, route } from '../http/request';

/** What parseBody returns once it has answered with an error. */
export const FAILED = Symbol('failed');

const BODY_ERRORS = { 400: 'BadArgument', 413: 'MessageSizeTooBig', 415: 'UnsupportedMediaType' } as const;

/** The JSON body (src/http/jsonBody.ts) checked against `schema`, or FAILED once the Direct Line error is sent. */
export async function parseBody<S extends z.ZodType>(req: Request, res: Response, schema: S, limits: BodyLimits): Promise<z.infer<S> | typeof FAILED> {
  const body = await readJsonBody(req, res, limits);
  if (!body.ok) {
    sendError(res, body.status, BODY_ERRORS[body.status], body.message);
    return FAILED;
  }
  const result = schema.safeParse(body.value);
  if (!result.success) {
    sendError(res, 400, 'BadArgument', issuesLine(result.error.issues));
    return FAILED;
  }
  return result.data;
}

/** A zod issue list as one short line: `path: message; …`. */
export const issuesLine = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');

