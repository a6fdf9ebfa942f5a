import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BotServer } from '../support/channelHarness';
import { ARTIFACTS_DIR, type Browser, hasChromium, launchBrowser, originOf, SKIP_REASON, waitReady } from './support/browser';

/**
 * An association's site on another origin embeds the bubble with one script tag: the bubble
 * opens the chat (an iframe of the bot server's page), the welcome arrives, Escape closes it.
 * Only the sites of WIDGET_ALLOWED_ORIGINS may frame the chat: another site's frame is refused.
 */
if (!hasChromium) {
  test.skip(`widget: ${SKIP_REASON}`, () => undefined);
} else {
  describe('widget.js embedded in another site', () => {
    let server: BotServer;
    let site: http.Server;
    let other: http.Server;
    let siteUrl = '';
    let otherUrl = '';
    let browser: Browser;
    // A site page embedding the bubble; "localhost" and another port: another origin than 127.0.0.1:<bot>.
    const sitePage = (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Les Jardins Partagés</title></head>
<body><h1>Les Jardins Partagés</h1><p><a href="#">Nos ateliers</a></p>
<script src="${server.url}/widget.js" defer></script></body></html>`);
    };
    const listen = async (s: http.Server) => {
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return `http://localhost:${(s.address() as { port: number }).port}`;
    };

    beforeAll(async () => {
      // The association's site is allowed to frame the chat; the other site is not.
      site = http.createServer(sitePage);
      other = http.createServer(sitePage);
      siteUrl = await listen(site);
      otherUrl = await listen(other);
      server = new BotServer({ env: { WIDGET_ALLOWED_ORIGINS: siteUrl } });
      await server.start();
      await waitReady(`${server.url}/readyz`);
      browser = await launchBrowser();
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await new Promise((r) => site?.close(r));
      await new Promise((r) => other?.close(r));
      await server?.stop();
    });

    test('the bubble opens the chat with its welcome; Escape closes it and gives focus back', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${siteUrl}/`, { timeout: 120_000 });
      const bubble = page.getByRole('button', { name: 'Discuter avec nous' });
      await bubble.waitFor({ timeout: 60_000 });
      expect(await bubble.getAttribute('aria-expanded')).toBe('false');
      const panel = page.getByRole('dialog', { name: "Discussion avec l'assistant Probono Lab" });
      expect(await panel.isVisible()).toBe(false);
      // No conversation before the visitor asks for one.
      expect(browser.requests.some((url) => url.includes('/api/directline/token'))).toBe(false);

      await bubble.click();
      expect(await bubble.getAttribute('aria-expanded')).toBe('true');
      await panel.waitFor({ state: 'visible' });
      const chat = page.frameLocator(`iframe[title="Discussion avec l'assistant Probono Lab"]`);
      await chat.getByText('Acceptez-vous que je conserve vos réponses').last().waitFor({ timeout: 120_000 });
      // The chat in the panel works both ways.
      await chat.getByRole('button', { name: 'Oui', exact: true }).last().click();
      await chat.getByText('Quel est son nom').last().waitFor({ timeout: 60_000 });
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'widget-open.png') });

      // Escape typed inside the chat (the iframe has the focus) closes the panel.
      await chat.locator('[data-id="webchat-sendbox-input"]').focus();
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
      expect(await bubble.getAttribute('aria-expanded')).toBe('false');
      expect(await bubble.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

      // Opened again: the same conversation; the close button closes it too.
      await bubble.click();
      await chat.getByText('Quel est son nom').last().waitFor();
      await page.getByRole('button', { name: 'Fermer la discussion' }).click();
      await panel.waitFor({ state: 'hidden' });

      const origins = new Set(browser.requests.map(originOf));
      origins.delete('data:');
      expect([...origins].sort()).toEqual([server.url, siteUrl].sort());
      expect(browser.errors).toEqual([]);
    }, 300_000);

    test('a site not in WIDGET_ALLOWED_ORIGINS cannot show the chat: the browser refuses the frame', async () => {
      const page = await browser.context.newPage();
      const refused = page.waitForEvent('console', { predicate: (m) => m.text().includes('frame-ancestors'), timeout: 120_000 });
      const errorPage = page.waitForEvent('framenavigated', { predicate: (f) => f !== page.mainFrame() && f.url().startsWith('chrome-error:'), timeout: 120_000 });
      await page.goto(`${otherUrl}/`, { timeout: 120_000 });
      await page.getByRole('button', { name: 'Discuter avec nous' }).click();
      const message = (await refused).text();
      expect(message).toContain(`'self' ${siteUrl}`);
      // The frame holds the browser's error page, not the chat.
      expect((await errorPage).url()).toMatch(/^chrome-error:/);
    }, 300_000);
  });
}
