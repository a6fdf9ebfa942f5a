import { signLink } from '../../src/evaluations/linkToken';
import { hasChromium, serverAndBrowser, SKIP_REASON } from './support/browser';

/**
 * The link of an evaluation mail, opened in Debian's chromium on the real server: public/chat.js
 * takes the token out of the address bar, asks for a session marked for an evaluation, and sends
 * the token once connected; the page shows the evaluation, not the qualification's welcome.
 */
const SECRET = 'evaluation-links-secret-for-the-page-test-0123';
const NOW = new Date('2026-06-20T09:00:00Z');

if (!hasChromium) {
  test.skip(`evaluation link page: ${SKIP_REASON}`, () => undefined);
} else {
  describe('an evaluation link opened in a real browser', () => {
    const { server, browser } = serverAndBrowser({ env: { EVALUATION_LINK_SECRET: SECRET }, clock: () => NOW });

    test('opens the chat on the evaluation, without the welcome, and the token leaves the address bar', async () => {
      const token = signLink({ r: 'PBL-2026-00080', k: 'medium', d: '2026-02-16', l: 'fr', p: 'Probono Booster', e: Math.floor(NOW.getTime() / 1000) + 86_400 }, SECRET);
      const page = await browser().context.newPage();
      await page.goto(`${server.url}/?evaluation=${token}`, { timeout: 120_000 });
      await page.getByText('Quelques mois plus tard').last().waitFor({ timeout: 120_000 });
      expect(new URL(page.url()).searchParams.has('evaluation')).toBe(false);
      await page.getByText('Avez-vous trois minutes').last().waitFor({ timeout: 60_000 });
      expect(await page.getByText('Acceptez-vous que je conserve vos réponses').count()).toBe(0);
      await page.getByRole('button', { name: 'Oui', exact: true }).last().click();
      await page.getByText('quelle est votre satisfaction sur la mission').last().waitFor({ timeout: 60_000 });
      await page.close();
    }, 240_000);
  });
}
