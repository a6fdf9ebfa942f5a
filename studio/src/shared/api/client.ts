/**
 * The page's only way to the server: same-origin JSON, the session's CSRF token on every write,
 * and one place that notices a session gone (401) so the page can say "sign in again".
 */

export const API = '/studio/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The server's error code: `{ error: 'stale' }` or `{ error: { code } }`. */
  get code(): string | undefined {
    const error = (this.body as { error?: unknown } | null)?.error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && 'code' in error) return String((error as { code: unknown }).code);
    return undefined;
  }
}

let csrfToken = '';
const signedOutListeners = new Set<() => void>();

export const setCsrfToken = (token: string): void => {
  csrfToken = token;
};

/** Called when any call answers 401: the session expired or was signed out elsewhere. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path.startsWith('/') ? path : `${API}/${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (res.status === 401) signedOutListeners.forEach((listener) => listener());
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
};

/** A query string from the values that are set. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}
