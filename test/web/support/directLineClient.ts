/** A Direct Line 3.0 client as Web Chat uses it (polling), for tests of the local endpoint. */
export interface DlActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string; name?: string };
  replyToId?: string;
  channelData?: Record<string, unknown>;
  attachments?: { contentType: string; content: unknown }[];
  suggestedActions?: { actions: { title: string; value: unknown }[] };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(url: string, init: { method?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text, tests say so
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export interface Session {
  token: string;
  userId: string;
  conversationId: string;
}

/** What the page does: a token from the server, then POST /conversations with it. */
export async function openSession(botUrl: string): Promise<Session> {
  const issued = await call<{ token: string; userId: string }>(`${botUrl}/api/directline/token`, { method: 'POST' });
  if (issued.status !== 200) throw new Error(`token route answered ${issued.status}: ${JSON.stringify(issued.body)}`);
  const started = await call<{ conversationId: string; token: string }>(`${botUrl}/v3/directline/conversations`, {
    method: 'POST',
    token: issued.body.token,
    body: { user: { id: issued.body.userId }, locale: 'fr-FR' },
  });
  if (started.status !== 201) throw new Error(`POST /conversations answered ${started.status}: ${JSON.stringify(started.body)}`);
  return { token: started.body.token, userId: issued.body.userId, conversationId: started.body.conversationId };
}

export const activitiesUrl = (botUrl: string, conversationId: string, watermark?: string) =>
  `${botUrl}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities${watermark === undefined ? '' : `?watermark=${watermark}`}`;

/** Polls the history from `watermark` until `done` holds for what arrived (or times out). */
export async function pollUntil(
  botUrl: string,
  session: Session,
  watermark: string | undefined,
  done: (activities: DlActivity[]) => boolean,
  timeoutMs = 15_000,
): Promise<{ activities: DlActivity[]; watermark: string }> {
  const end = Date.now() + timeoutMs;
  const seen: DlActivity[] = [];
  let mark = watermark;
  for (;;) {
    const got = await call<{ activities: DlActivity[]; watermark: string }>(activitiesUrl(botUrl, session.conversationId, mark), { token: session.token });
    if (got.status !== 200) throw new Error(`GET activities answered ${got.status}`);
    seen.push(...got.body.activities);
    mark = got.body.watermark;
    if (done(seen)) return { activities: seen, watermark: mark };
    if (Date.now() > end) throw new Error(`timed out; received:\n${seen.map((a) => `${a.from.role}: ${a.text ?? a.type}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
