import type { Request, Response } from 'restify';

/** The query string, parsed (restify's queryParser is not installed on this server); never throws. */
export function queryOf(req: Request): URLSearchParams {
  const url = req.url ?? '';
  const start = url.indexOf('?');
  return new URLSearchParams(start >= 0 ? url.slice(start + 1).replace(/#.*$/, '') : '');
}

/** `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return m?.[1];
}

/**
 * A restify handler from a function that answers the request: async, so restify moves on when it
 * settles, and whatever it returns is dropped (restify warns about returned values).
 */
export const route =
  (answer: (req: Request, res: Response) => unknown) =>
  async (req: Request, res: Response): Promise<void> => {
    await answer(req, res);
  };
