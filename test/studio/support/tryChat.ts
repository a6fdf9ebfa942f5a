import type { DlActivity } from '../../web/support/directLineClient';
import type { StudioAnswer, StudioClient } from './studioWorld';

/** The settings the try page hands to Web Chat (its JSON data block). */
export interface TryConfig {
  domain: string;
  token: string;
  userId: string;
  locale: string;
}

/** The try page's settings, read from its HTML as the page's script reads them. */
export function tryConfigOf(html: string): TryConfig {
  const m = /<script id="try-config" type="application\/json">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error(`no try-config in the page:\n${html.slice(0, 400)}`);
  return JSON.parse(m[1]) as TryConfig;
}

/**
 * Web Chat's side of the try pane, as botframework-directlinejs polls it: in the staff member's
 * browser (the studio session's cookie goes with every call, writes carry the page's Origin),
 * with the try's bearer token.
 */
export class TryChat {
  conversationId = '';
  private watermark?: string;
  readonly seen: DlActivity[] = [];

  constructor(
    private readonly staff: StudioClient,
    readonly config: TryConfig,
  ) {}

  private url(path: string): string {
    return `${this.config.domain}${path}`;
  }

  call<T = any>(method: string, path: string, body?: unknown, token = this.config.token): Promise<StudioAnswer<T>> {
    const headers = { authorization: `Bearer ${token}`, 'x-csrf-token': '' };
    return method === 'GET' ? this.staff.get<T>(this.url(path), headers) : this.staff.send<T>(method, this.url(path), body ?? {}, headers);
  }

  async start(): Promise<void> {
    const started = await this.call<{ conversationId: string }>('POST', '/conversations', { locale: this.config.locale });
    if (started.status !== 201) throw new Error(`POST /conversations answered ${started.status}: ${started.text}`);
    this.conversationId = started.body.conversationId;
  }

  /** Posts an activity as Web Chat does; returns the status. */
  async post(activity: Record<string, unknown>): Promise<number> {
    const posted = await this.call('POST', `/conversations/${encodeURIComponent(this.conversationId)}/activities`, {
      from: { id: this.config.userId, role: 'user' },
      locale: this.config.locale,
      ...activity,
    });
    return posted.status;
  }

  /** The bot's activities that arrived since the last call (the replies of a try come within the POST). */
  async news(): Promise<DlActivity[]> {
    const page = await this.call<{ activities: DlActivity[]; watermark: string }>('GET', `/conversations/${encodeURIComponent(this.conversationId)}/activities${this.watermark ? `?watermark=${this.watermark}` : ''}`);
    if (page.status !== 200) throw new Error(`GET activities answered ${page.status}: ${page.text}`);
    this.watermark = page.body.watermark;
    this.seen.push(...page.body.activities);
    return page.body.activities.filter((a) => a.from.role === 'bot');
  }

  /** Types a message; returns the bot's replies. */
  async say(text: string): Promise<DlActivity[]> {
    const status = await this.post({ type: 'message', text });
    if (status !== 200) throw new Error(`posting "${text}" answered ${status}`);
    return this.news();
  }
}

/** What a person reads in replies: texts, card texts, button titles. */
export function shown(activities: DlActivity[]): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (['text', 'title', 'label'].includes(k) && typeof v === 'string') parts.push(v);
        else if (typeof v === 'object' && k !== 'data') walk(v);
      }
    }
  };
  for (const a of activities) {
    if (a.text) parts.push(a.text);
    walk(a.attachments);
    for (const action of a.suggestedActions?.actions ?? []) parts.push(`[${action.title}]`);
  }
  return parts.join('\n');
}
