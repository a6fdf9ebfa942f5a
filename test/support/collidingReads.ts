import http from 'node:http';
import { devConnectionString } from './azurite';

/**
 * A loopback proxy in front of Azurite that makes two turns of one conversation collide on
 * purpose: once a conversation is armed, the first read of its state blob is held until a
 * second read of it arrives, then both go on. Both turns have then read the same version, so one
 * of their two writes carries a stale eTag, whatever the machine's speed. Everything else passes
 * through untouched.
 */
export class CollidingReads {
  private server?: http.Server;
  private readonly gates = new Map<string, { held: (() => void)[]; passed: () => void }>();
  /** State requests per conversation since it was armed, in arrival order ("GET", "PUT"…). */
  readonly log = new Map<string, string[]>();
  port = 0;

  constructor(private readonly azuritePort: () => number) {}

  get connectionString(): string {
    return devConnectionString(this.port);
  }

  /** Resolves once two reads of this conversation's state have been let through together. */
  arm(conversationId: string): Promise<void> {
    this.log.set(conversationId, []);
    return new Promise((passed) => this.gates.set(conversationId, { held: [], passed }));
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const conversationId = this.stateOf(req.url ?? '');
      if (conversationId) this.log.set(conversationId, [...(this.log.get(conversationId) ?? []), req.method ?? '']);
      const gate = conversationId && req.method === 'GET' ? this.gates.get(conversationId) : undefined;
      if (!gate) return this.forward(req, res);
      gate.held.push(() => this.forward(req, res));
      if (gate.held.length < 2) return;
      this.gates.delete(conversationId!);
      gate.held.forEach((go) => go());
      gate.passed();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server!.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The conversation whose bot state this request touches (blobs `<channel>/conversations/<id>` of the -state container). */
  private stateOf(url: string): string | undefined {
    // The key is URI-encoded into the blob name, which is encoded again into the path.
    let path = url.split('?')[0];
    for (let decoded = decodeURIComponent(path); decoded !== path; decoded = decodeURIComponent(path)) path = decoded;
    return /-state\/[^/]+\/conversations\/([^/]+)/.exec(path)?.[1];
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const upstream = http.request(
      { host: '127.0.0.1', port: this.azuritePort(), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
