import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpMode = 'accept' | 'busy' | 'refuse-recipient';

/**
 * A real SMTP server on loopback (smtp-server), standing in for the operator's mail relay: it
 * checks the credentials of the URL, then accepts messages, answers 421 to DATA (busy, a
 * transient failure), or refuses recipients with 550 (for good), as the test says.
 */
export class SmtpStandIn {
  readonly received: { raw: Buffer; mail: ParsedMail; to: string[] }[] = [];
  mode: SmtpMode = 'accept';
  /** Every DATA command that reached the server, whatever the answer. */
  dataCommands = 0;
  private server?: SMTPServer;
  private waiters: (() => void)[] = [];
  port = 0;

  constructor(
    readonly user = 'bot',
    readonly password = 'p@ss word',
  ) {}

  get url(): string {
    return `smtp://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}`;
  }

  /** Starts (again, on the same port once it had one: an outage ends). */
  async start(): Promise<void> {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      disableReverseLookup: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.user && auth.password === this.password) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo: (address, _session, callback) => {
        if (this.mode === 'refuse-recipient') {
          const err = new Error(`<${address.address}>: Recipient address rejected: mailbox unavailable`) as Error & { responseCode: number };
          err.responseCode = 550;
          return callback(err);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        this.dataCommands++;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.mode === 'busy') {
            const err = new Error('Too busy, try again later') as Error & { responseCode: number };
            err.responseCode = 421;
            return callback(err);
          }
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (mail) => {
              this.received.push({ raw, mail, to: session.envelope.rcptTo.map((r) => r.address) });
              callback();
              this.waiters.splice(0).forEach((w) => w());
            },
            (err: Error) => callback(err),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** An outage: the port is closed (connections refused) until `start()`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `count` messages were received. */
  async waitFor(count: number): Promise<void> {
    while (this.received.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
