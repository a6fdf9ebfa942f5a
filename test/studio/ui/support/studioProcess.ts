import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BotProcess, freePort } from '../../../support/botProcess';

const LINK = /Studio sign-in link \(works once\): (\S+)/g;

/** The built server (`npm start` without the build step) in local mode, with a fresh store. */
export class StudioProcess {
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-ui-'));
  private bot?: BotProcess;

  async start(): Promise<void> {
    this.bot = new BotProcess(await freePort(), this.dataDir);
    this.bot.start({ LOG_LEVEL: 'warn' });
    // The journey loads and its cards warm up first: the chat answers at once afterwards.
    await this.bot.waitFor('/readyz', 200, 120_000);
  }

  get url(): string {
    return this.bot!.url;
  }

  /** The latest one-time sign-in link the server printed on its standard output. */
  async signInLink(): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const links = [...this.bot!.output.matchAll(LINK)].map((m) => m[1]);
      if (links.length) return links[links.length - 1];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the server printed no studio sign-in link:\n${this.bot!.output}`);
  }

  get output(): string {
    return this.bot?.output ?? '';
  }

  async stop(): Promise<void> {
    await this.bot?.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
