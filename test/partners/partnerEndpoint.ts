import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type Answer = 'ok' | 'fail' | 'hang';

export interface Received {
  path: string;
  id: string;
  timestamp: string;
  /** The body as verified by the standardwebhooks library with the path's secret. */
  body: { type: string; timestamp: string; data: Record<string, any> };
  answered: Answer;
}

/**
 * A partner's webhook endpoint on loopback (node http): every request's signature is verified
 * with the Standard Webhooks library and the secret of its path; a request that does not verify
 * is kept apart (and answered 400). Answers follow `script` (then `ok`): 500, never (a hang), or 204.
 */
export class PartnerEndpoint {
  readonly received: Received[] = [];
  readonly unverified: { path: string; error: string }[] = [];
  readonly secrets = new Map<string, string>();
  script: Answer[] = [];
  url = '';
  private server?: http.Server;
  private readonly waiters: (() => void)[] = [];

  /** Listens on loopback; after a stop, on the same port again (the URL partners' keys hold). */
  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const raw = Buffer.concat(chunks).toString('utf8');
        const secret = this.secrets.get(path);
        let body: Received['body'];
        try {
          if (!secret) throw new Error(`no secret for ${path}`);
          body = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as Received['body'];
        } catch (err) {
          this.unverified.push({ path, error: (err as Error).message });
          res.statusCode = 400;
          res.end();
          return;
        }
        const answered = this.script.shift() ?? 'ok';
        this.received.push({ path, id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), body, answered });
        this.waiters.splice(0).forEach((w) => w());
        if (answered === 'hang') return; // never answered: the sender's timeout decides
        res.statusCode = answered === 'ok' ? 204 : 500;
        res.end();
      });
    });
    const port = this.url ? Number(new URL(this.url).port) : 0;
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Answered 2xx, per path. */
  delivered(path?: string): Received[] {
    return this.received.filter((r) => r.answered === 'ok' && (!path || r.path === path));
  }

  async waitFor(count: number): Promise<void> {
    while (this.delivered().length < count) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Until `count` verified requests arrived, whatever they were answered. */
  async waitForReceived(count: number): Promise<void> {
    while (this.received.length < count) await new Promise<void>((r) => this.waiters.push(r));
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = undefined;
  }
}
