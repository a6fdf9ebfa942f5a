import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { envSchema } from '../../src/config/env';
import type { Flow } from '../../src/flow/model';
import { createLogger, type Logger } from '../../src/log';
import { type App, createApp } from '../../src/server/app';
import { sharedFlow } from './sharedFlow';

/**
 * A channel standing in for Azure Bot Service: it posts activities to the real server's
 * /api/messages and receives the bot's replies on its own Bot Connector routes (serviceUrl).
 */
export class CaptureChannel {
  readonly received: Partial<Activity>[] = [];
  private server?: http.Server;
  url = '';
  /** Answer replies with this status (to simulate a failing channel). */
  failWith?: number;
  /** Refuse (502) the replies this says: a turn fails on them, and what the server says next is seen. */
  refuse?: (activity: Partial<Activity>) => boolean;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
          // No chaining on writeHead: restify patches http.ServerResponse in this process.
          if (this.failWith || this.refuse?.(JSON.parse(body))) {
            res.statusCode = this.failWith ?? 502;
            res.end();
            return;
          }
          this.received.push(JSON.parse(body));
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
        } else {
          res.statusCode = 404;
          res.end();
        }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}/`;
  }

  take(): Partial<Activity>[] {
    return this.received.splice(0, this.received.length);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

export interface BotServerOptions {
  dataDir?: string;
  flow?: Flow;
  clock?: () => Date;
  /** More environment (e.g. AIRTABLE_*). */
  env?: Record<string, string>;
  /** Where the server logs (default: nowhere). */
  log?: Logger;
  /** Where the studio's local sign-in link is printed (default: standard output). */
  print?: (line: string) => void;
  /** Where the studio page's build is (default dist/studio). */
  studioPageDir?: string;
}

/** The real bot server (restify + CloudAdapter + SQLite) on an ephemeral loopback port. */
export class BotServer {
  app!: App;
  port = 0;
  readonly dataDir: string;
  constructor(private readonly opts: BotServerOptions = {}) {
    this.dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bot-data-'));
  }

  async start(): Promise<void> {
    // Scripts play turns far faster than people type: flood control is tested on its own. The
    // channel stand-in listens on loopback, which local mode accepts only with LOCAL_EMULATOR.
    const env = envSchema.parse({
      DATA_DIR: this.dataDir,
      NODE_ENV: 'test',
      LOCAL_EMULATOR: 'true',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_BURST: '1000',
      ...this.opts.env,
    });
    this.app = createApp({
      env,
      flow: this.opts.flow ?? sharedFlow(),
      log: this.opts.log ?? createLogger('silent'),
      clock: this.opts.clock,
      print: this.opts.print,
      studioPageDir: this.opts.studioPageDir,
    });
    this.port = await this.app.listen(0, '127.0.0.1');
    await this.app.ready;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}

/** Starts the channel, then the server, before a suite's tests; stops them after, in the reverse order. */
export function servedDuringSuite(channel: CaptureChannel, bot: BotServer): void {
  beforeAll(async () => {
    await channel.start();
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });
}

/** Runs `use` against a fresh server, stopped afterwards whatever happens. */
export async function withBotServer<T>(opts: BotServerOptions, use: (server: BotServer) => Promise<T>): Promise<T> {
  const server = new BotServer(opts);
  await server.start();
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

export { sharedFlow };

/** Posts an activity as a channel does and returns the HTTP status. */
export async function postActivity(botUrl: string, activity: Partial<Activity>): Promise<number> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

/** Everything a person would read in a reply: text, card texts and button titles. */
export function readable(activity: Partial<Activity>): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const a of activity.attachments ?? []) collectTexts(a.content, parts);
  for (const a of activity.suggestedActions?.actions ?? []) parts.push(`[${a.title}]`);
  // Slack message buttons (channelData attachments), told apart from quick replies.
  const slack = (activity.channelData as { attachments?: { actions?: { text?: string }[] }[] } | undefined)?.attachments ?? [];
  for (const a of slack.flatMap((x) => x.actions ?? [])) if (typeof a.text === 'string') parts.push(`[slack button: ${a.text}]`);
  return parts.join('\n');
}

function collectTexts(node: unknown, out: string[]): void {
  if (Array.isArray(node)) node.forEach((n) => collectTexts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'label']) if (typeof o[key] === 'string') out.push(o[key] as string);
    for (const [k, v] of Object.entries(o)) if (typeof v === 'object' && k !== 'data') collectTexts(v, out);
  }
}
