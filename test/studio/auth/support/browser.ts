/**
 * Just enough of a browser for the sign-in tests: a cookie jar (name, path, Max-Age; every
 * server here is 127.0.0.1, and cookies ignore ports), manual redirects, and the submission of
 * an HTML form (the OpenID provider's login and consent pages).
 */
export interface Answer {
  status: number;
  url: string;
  headers: Headers;
  body: string;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export class Browser {
  private jar: Cookie[] = [];

  /** `headers`: sent with every request (e.g. the browser's Accept-Language). */
  constructor(private readonly headers: Record<string, string> = {}) {}

  cookie(name: string, path?: string): string | undefined {
    return this.jar.find((c) => c.name === name && (path === undefined || c.path === path))?.value;
  }

  /** Puts a cookie in the jar as a server would (or as someone tampering with it would). */
  setCookie(name: string, value: string, path: string): void {
    this.jar = this.jar.filter((c) => !(c.name === name && c.path === path));
    this.jar.push({ name, value, path });
  }

  async request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    const target = new URL(url);
    const cookie = this.jar
      .filter((c) => target.pathname === c.path || target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { accept: 'text/html', ...this.headers, ...(cookie ? { cookie } : {}), ...init.headers },
      body: init.body,
    });
    for (const line of res.headers.getSetCookie()) this.store(line, target);
    return { status: res.status, url, headers: res.headers, body: await res.text() };
  }

  /**
   * GETs `start` (a URL, or an answer whose redirect to follow) and follows redirects; stops at
   * the first answer that is not a redirect, right after requesting a URL `until` matches, or
   * right before requesting one `before` matches (the answer's `url` is then that URL, unvisited).
   */
  async follow(start: string | Answer, stop: { until?: (url: URL) => boolean; before?: (url: URL) => boolean } = {}): Promise<Answer> {
    let answer = typeof start === 'string' ? await this.request(start) : start;
    for (let hops = 0; hops < 20 && [301, 302, 303, 307].includes(answer.status); hops++) {
      const next = new URL(answer.headers.get('location')!, answer.url);
      if (stop.before?.(next)) return { ...answer, url: next.href };
      answer = await this.request(next.href);
      if (stop.until?.(next)) return answer;
    }
    return answer;
  }

  /** Submits the page's first POST form with these fields added to its hidden ones. */
  async submitForm(page: Answer, fields: Record<string, string>): Promise<Answer> {
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url} (status ${page.status}):\n${page.body.slice(0, 500)}`);
    const data = new URLSearchParams();
    for (const m of form[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) data.set(m[1], m[2]);
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return this.request(new URL(form[1].replace(/&amp;/g, '&'), page.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: data.toString(),
    });
  }

  private store(line: string, from: URL): void {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attr('path') ?? from.pathname.replace(/\/[^/]*$/, '') ?? '/';
    const expires = attr('expires');
    const gone = attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
    this.jar = this.jar.filter((c) => !(c.name === name && c.path === path));
    if (!gone) this.jar.push({ name, value, path: path || '/' });
  }
}
