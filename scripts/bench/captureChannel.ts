import http from 'node:http';

/**
 * A Bot Connector standing in for the channel: the bots post their replies to its
 * /v3/conversations/{id}/activities routes (the activity's serviceUrl). It keeps, per
 * conversation, what a person would read in the replies of the turn in progress.
 */
export class CaptureChannel {
  private server?: http.Server;
  private readonly replies = new Map<string, string[]>();
  url = '';
  received = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const route = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method !== 'POST' || !route) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const conversationId = decodeURIComponent(route[1]);
        try {
          const list = this.replies.get(conversationId) ?? [];
          list.push(readable(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          this.replies.set(conversationId, list);
        } catch {
          // An unreadable reply still counts as a reply; the journey check will tell.
        }
        this.received++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `reply-${this.received}` }));
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
  }

  /** The replies received for a conversation since the last call, as readable text. */
  take(conversationId: string): string[] {
    const list = this.replies.get(conversationId) ?? [];
    this.replies.delete(conversationId);
    return list;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Text, card texts and button titles of an activity. */
function readable(activity: Record<string, unknown>): string {
  const parts: string[] = [];
  collect(activity, parts);
  return parts.join('\n');
}

function collect(node: unknown, out: string[]): void {
  if (Array.isArray(node)) node.forEach((n) => collect(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['text', 'title', 'label'].includes(key) && typeof value === 'string') out.push(value);
      else if (typeof value === 'object' && !['data', 'from', 'recipient', 'conversation', 'channelData'].includes(key)) collect(value, out);
    }
  }
}
