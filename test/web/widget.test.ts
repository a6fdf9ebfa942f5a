import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BotServer } from '../support/channelHarness';
import { ARTIFACTS_DIR, type Browser, hasChromium, launchBrowser, originOf, SKIP_REASON, waitReady } from './support/browser';

/**
 * An association's site on another origin embeds the bubble with one script tag: the bubble
 * opens the chat (an iframe of the bot server's page), the welcome arrives, Escape closes it.
 */
if (!hasChromium) {
  test.skip(`widget: ${SKIP_REASON}`, () => undefined);
} else {
  describe('widget.js embedded in another site', () => {
    const server = new BotServer();
    let site: http.Server;
    let siteUrl = '';
    let browser: Browser;

    beforeAll(async () => {
      await server.start();
      await waitReady(`${server.url}/readyz`);
      // The association's site: "localhost" and another port, so another origin than 127.0.0.1:<bot>.
      site = http.createServer((_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Les Jardins Partagés</title></head>
<body><h1>Les Jardins Partagés</h1><p><a href="#">Nos ateliers</a></p>
<script src="${server.url}/widget.js" defer></script></body></html>`);
      });
      await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
      siteUrl = `http://localhost:${(site.address() as { port: number }).port}`;
      browser = await launchBrowser();
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await new Promise((r) => site?.close(r));
      await server.stop();
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
  });
}
