import '../../../web/support/disposeSymbols';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM } from '../../../web/support/browser';

/**
 * One Debian chromium (never a downloaded browser), several independent people in it: the staff
 * member in the studio and associations on the chat page, each a browser context of its own
 * (cookies and storage apart). Records every URL asked for and every console error of all of them.
 */
export class People {
  readonly requests: string[] = [];
  readonly errors: string[] = [];
  private browser?: Browser;

  async start(): Promise<void> {
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      timeout: 120_000,
    });
  }

  /** A new person: French browser, a laptop's window. */
  async person(name: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    context.on('request', (r) => this.requests.push(r.url()));
    context.on('page', (page) => this.watch(name, page));
    const page = await context.newPage();
    return { context, page };
  }

  private watch(name: string, page: Page): void {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`${name}: ${e.message}`));
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}

/** A screenshot for people to look at (test-artifacts/, ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: false });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string }[];
}

/**
 * axe-core in the page (evaluated through the DevTools protocol: the page's CSP, script-src
 * 'self', still holds for the page itself), on this document (the try pane's frame is the
 * server's Web Chat page): the serious and critical violations, each with where it is.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ exclude: [['iframe']] }, { resultTypes: ['violations'], iframes: false });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
