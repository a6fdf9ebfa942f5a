import './disposeSymbols';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Request } from 'playwright-core';
import { PROJECT_ROOT } from '../../../src/paths';
import { BotServer, type BotServerOptions } from '../../support/channelHarness';

/** Debian's chromium (.ci/run installs it with apt-get): never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const SKIP_REASON = `${CHROMIUM} is absent: browser tests skipped (.ci/run installs Debian's chromium)`;

/** Where screenshots are kept for people to look at (ignored by git). */
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

export interface Browser {
  context: BrowserContext;
  /** Every URL the browser asked for, from every page and frame. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Headless chromium on a fresh profile, with nothing in the background that talks to Google;
 * in French unless `locale` says otherwise (the browser's language and what it asks pages for).
 */
export async function launchBrowser(opts: { locale?: string } = {}): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const locale = opts.locale ?? 'fr-FR';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', `--lang=${locale}`],
    viewport: { width: 1100, height: 800 },
    locale,
    timeout: 120_000,
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r: Request) => requests.push(r.url()));
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  return {
    context,
    requests,
    errors,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The origin of a URL; `blob:` URLs belong to the origin that made them; `data:` is local. */
export function originOf(url: string): string {
  if (url.startsWith('data:')) return 'data:';
  return new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url).origin;
}

/** Polls a route until it answers 200 (the server is ready once its journey is loaded). */
export async function waitReady(url: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const res = await fetch(url).catch(() => undefined);
    await res?.text();
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never answered 200`);
}

/** The real bot server and a browser, started before the tests of the enclosing describe and stopped after them. */
export function serverAndBrowser(options: BotServerOptions = {}, browserOptions: { locale?: string } = {}): { server: BotServer; browser: () => Browser } {
  const server = new BotServer(options);
  let browser: Browser | undefined;
  beforeAll(async () => {
    await server.start();
    await waitReady(`${server.url}/readyz`);
    browser = await launchBrowser(browserOptions);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });
  return { server, browser: () => browser! };
}
