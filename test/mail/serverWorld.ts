import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { envSchema } from '../../src/config/env';
import { createLogger, type Logger } from '../../src/log';
import { type App, type AppOptions, createApp } from '../../src/server/app';
import { CaptureChannel, postActivity, readable, sharedFlow } from '../support/channelHarness';
import { readScript } from '../support/conversationScript';

/** The turns a user types in a conversation test of test/conversations/, optionally rewritten. */
export function typedTurns(file: string, rewrite: (text: string) => string = (t) => t): string[] {
  const script = readScript(path.join(__dirname, '..', 'conversations', file));
  return script.turns.flatMap((t) => ('user' in t ? [rewrite(t.user)] : []));
}

/**
 * The real server (createApp: restify, CloudAdapter, SQLite, the mail and webhook workers) with a
 * channel stand-in, for conversations played as a user types them.
 */
export class ServerWorld {
  app!: App;
  url = '';
  readonly channel = new CaptureChannel();
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-after-need-'));
  private counter = 0;

  constructor(
    private readonly env: Record<string, string>,
    private readonly options: Partial<Omit<AppOptions, 'env' | 'flow' | 'log'>> & { log?: Logger } = {},
  ) {}

  async start(): Promise<void> {
    if (!this.channel.url) await this.channel.start();
    const env = envSchema.parse({ DATA_DIR: this.dataDir, NODE_ENV: 'test', LOCAL_EMULATOR: 'true', LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '1000', ...this.env });
    this.app = createApp({
      env,
      flow: sharedFlow(),
      log: this.options.log ?? createLogger('silent'),
      clock: this.options.clock ?? (() => new Date('2026-11-23T09:00:00.000Z')),
      ...this.options,
    });
    this.url = `http://127.0.0.1:${await this.app.listen(0, '127.0.0.1')}`;
    await this.app.ready;
  }

  /** Types each text in conversation `conversationId`; returns what the bot showed, per turn. */
  async play(conversationId: string, texts: readonly string[]): Promise<string[][]> {
    const out: string[][] = [];
    for (const text of texts) {
      const activity: Partial<Activity> = {
        type: 'message',
        text,
        id: `act-${++this.counter}`,
        channelId: 'emulator',
        serviceUrl: this.channel.url,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: `user-${conversationId}`, name: 'Test user' },
        recipient: { id: 'bot-1', name: 'Bot' },
        locale: 'fr-FR',
      };
      const status = await postActivity(this.url, activity);
      if (status >= 300) throw new Error(`POST /api/messages answered ${status}`);
      out.push(this.channel.take().map(readable));
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  async cleanup(): Promise<void> {
    await this.channel.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
