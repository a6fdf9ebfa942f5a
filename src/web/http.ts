import type { Request, Response } from 'restify';

/** Direct Line's error shape: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.send(status, { error: { code, message } });
}

/** The query string, parsed (restify's queryParser is not installed on this server). */
export function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://local').searchParams;
}

/** `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return m?.[1];
}

/** What jsonBody returns for a body that is not JSON. */
export const INVALID_JSON = Symbol('invalid-json');

/** The parsed JSON body, or undefined when there is none (restify's bodyParser ran before). */
export function jsonBody(req: Request): unknown {
  const body: unknown = req.body;
  if (body === undefined || body === null || body === '') return undefined;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    try {
      return JSON.parse(String(body));
    } catch {
      return INVALID_JSON;
    }
  }
  return body;
}

/** A zod issue list as one short line: `path: message; …`. */
export const issuesLine = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');

/**
 * A restify handler from a function that answers the request: async, so restify moves on when it
 * settles, and whatever it returns is dropped (restify warns about returned values).
 */
export const route =
  (answer: (req: Request, res: Response) => unknown) =>
  async (req: Request, res: Response): Promise<void> => {
    await answer(req, res);
  };
