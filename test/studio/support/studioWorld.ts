import { BotServer, type BotServerOptions } from '../../support/channelHarness';
import { Browser } from '../auth/support/browser';

/** What a studio call answered: status, headers, the body parsed when it is JSON. */
export interface StudioAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * A staff member's browser on the studio of a real server: signed in with the link the server
 * printed, sending the session's CSRF token and this server's Origin with every write, as the
 * page does.
 */
export class StudioClient {
  csrf = '';
  constructor(
    readonly url: string,
    readonly browser = new Browser(),
  ) {}

  async get<T = any>(path: string, headers: Record<string, string> = {}): Promise<StudioAnswer<T>> {
    return this.call<T>('GET', path, undefined, { accept: 'application/json', ...headers });
  }

  /** A write with the CSRF token and Origin (unless `headers` says otherwise). */
  async send<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<StudioAnswer<T>> {
    return this.call<T>(method, path, body, { accept: 'application/json', 'x-csrf-token': this.csrf, origin: this.url, ...headers });
  }

  private async call<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<StudioAnswer<T>> {
    const answer = await this.browser.request(`${this.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let parsed: unknown = answer.body;
    try {
      parsed = answer.body ? JSON.parse(answer.body) : undefined;
    } catch {
      // not JSON (HTML, CSV, plain text)
    }
    return { status: answer.status, headers: answer.headers, body: parsed as T, text: answer.body };
  }
}

/** A real bot server whose printed studio sign-in links the test reads. */
export class StudioServer extends BotServer {
  readonly printed: string[] = [];

  constructor(opts: BotServerOptions = {}) {
    const printed: string[] = [];
    super({ ...opts, print: (line) => printed.push(line) });
    this.printed = printed;
  }

  /** The latest link printed (each works once). */
  link(): string {
    const m = /(https?:\/\/\S+\/studio\/login\?token=\S+)$/.exec(this.printed[this.printed.length - 1] ?? '');
    if (!m) throw new Error(`no sign-in link printed: ${JSON.stringify(this.printed)}`);
    return m[1];
  }

  /** A new browser signed in with the printed link, holding its CSRF token. */
  async signIn(): Promise<StudioClient> {
    return signInWith(this.url, this.link());
  }
}

export async function signInWith(url: string, link: string): Promise<StudioClient> {
  const client = new StudioClient(url);
  const signedIn = await client.browser.request(link);
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const me = await client.get<{ csrfToken: string }>('/studio/api/me');
  if (me.status !== 200) throw new Error(`GET /studio/api/me answered ${me.status}`);
  client.csrf = me.body.csrfToken;
  return client;
}
