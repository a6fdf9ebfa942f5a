import http from 'node:http';

export interface SeenRequest {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** Azure Direct Line's token endpoint, on loopback: records each request, answers as told. */
export class FakeAzureDirectLine {
  readonly seen: SeenRequest[] = [];
  /** The next answers: a status (Azure failing) or 'ok' (a token is issued). */
  answer: number | 'ok' = 'ok';
  issued = 0;
  private server?: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json');
        if (req.method !== 'POST' || req.url !== '/v3/directline/tokens/generate') {
          res.statusCode = 404;
          res.end('{}');
        } else if (this.answer !== 'ok') {
          res.statusCode = this.answer;
          res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'failed' } }));
        } else {
          this.issued += 1;
          res.end(JSON.stringify({ conversationId: `azure-conv-${this.issued}`, token: `azure-token-${this.issued}`, expires_in: 1800 }));
        }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
