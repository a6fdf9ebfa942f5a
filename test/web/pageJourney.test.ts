import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, type Browser, hasChromium, originOf, serverAndBrowser, SKIP_REASON } from './support/browser';

/**
 * The real Web Chat in Debian's chromium, on GET / of the real server, through the local Direct
 * Line: a whole journey, clicking the buttons for choices and typing the other answers, up to
 * the summary card and the recommendation.
 */
type Step = readonly [expect: string, action: { click: string } | { type: string } | { card: string }];
const JOURNEY: readonly Step[] = [
  ['Acceptez-vous que je conserve vos réponses', { click: 'Oui' }],
  ['Quel est son nom', { type: 'Les Jardins Partagés' }],
  ['Quelle est la forme juridique de Les Jardins Partagés', { click: 'Association loi 1901' }],
  ['numéro RNA', { type: 'W751234567' }],
  ['code postal de votre structure', { type: '75011 Paris' }],
  ['En quelle année', { type: 'depuis 2012' }],
  ['Combien de salariés', { type: 'deux' }],
  ['combien de bénévoles', { type: 'une quarantaine' }],
  ['budget annuel approximatif', { type: '150 k€' }],
  ['Pour quelles causes', { type: 'bien manger, bien vieillir' }],
  ['Avez-vous un site web', { click: 'Passer' }],
  ['situation financière aujourd', { click: 'Stable' }],
  ['Combien de personnes de votre structure', { type: 'nous sommes trois' }],
  ['Décrivez en quelques phrases', { type: 'Nous voulons mieux communiquer sur les réseaux sociaux pour faire connaître nos ateliers.' }],
  ['je propose : Communication et marketing', { click: 'Oui' }],
  ['déjà essayé', { type: "rien pour l'instant" }],
  ['coup de pouce ponctuel', { click: 'Ponctuel' }],
  ['Avez-vous une échéance', { type: "d'ici juin" }],
  ['Quel est votre nom', { type: 'Camille Martin' }],
  ['adresse email', { type: 'camille@jardins-partages.fr' }],
  ['numéro de téléphone', { type: '06 12 34 56 78' }],
  ['le nom de votre structure figure dans l', { click: 'Non' }],
  // The summary is an Adaptive Card: its own "Confirmer" button submits it.
  ['Tout est correct', { card: 'Confirmer' }],
];

async function play(page: Page, [expect, action]: Step): Promise<void> {
  await page.getByText(expect).last().waitFor({ timeout: 60_000 });
  if ('type' in action) {
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(action.type);
    await box.press('Enter');
  } else if ('click' in action) {
    await page.getByRole('button', { name: action.click, exact: true }).last().click();
  } else {
    await page.locator('.ac-adaptiveCard').filter({ hasText: expect }).last().getByRole('button', { name: action.card, exact: true }).click();
  }
}

if (!hasChromium) {
  test.skip(`page journey: ${SKIP_REASON}`, () => undefined);
} else {
  describe('the website chat page in a real browser', () => {
    const { server, browser: openBrowser } = serverAndBrowser({ clock: () => new Date('2026-11-23T09:00:00Z') });
    let browser: Browser;
    beforeAll(() => {
      browser = openBrowser();
    });

    test('a whole journey in Web Chat ends with the summary card and the recommendation; nothing is loaded from elsewhere', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`, { timeout: 120_000 });
      expect(await page.title()).toBe('Assistant Probono Lab');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      // Web Chat's own interface is in French.
      const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
      await sendBox.waitFor({ timeout: 120_000 });
      expect(await sendBox.getAttribute('placeholder')).toBe('Tapez votre message');

      for (const step of JOURNEY) await play(page, step);

      const summary = page.locator('.ac-adaptiveCard').filter({ hasText: 'Nom de la structure' }).last();
      for (const text of ['Les Jardins Partagés', 'Association loi 1901', 'Bénévoles', '75011 Paris', 'camille@jardins-partages.fr']) {
        await summary.getByText(text, { exact: true }).first().waitFor();
      }
      const recommendation = page.locator('.ac-adaptiveCard').filter({ hasText: 'Notre recommandation' }).last();
      await recommendation.waitFor({ timeout: 60_000 });
      await recommendation.getByText('Au vu de vos réponses, je vous recommande : Probono Factory.').waitFor();
      await recommendation.getByText('octobre–novembre 2027', { exact: false }).waitFor();
      await page.getByText(/enregistrée sous la référence PBL-2026-\d{5}/).last().waitFor();

      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'webchat-journey.png') });

      // The need is in the journal, from the website channel.
      const needs = await server.app.journal.all();
      expect(needs).toHaveLength(1);
      expect(needs[0].record).toMatchObject({ Besoins: { Canal: 'Site web', 'Programme recommandé': 'Probono Factory' }, Structures: { Nom: 'Les Jardins Partagés' } });

      const elsewhere = browser.requests.filter((url) => originOf(url) !== server.url && originOf(url) !== 'data:');
      expect(elsewhere).toEqual([]);
      expect(browser.requests.some((url) => url.endsWith('/webchat.js'))).toBe(true);
      expect(browser.errors).toEqual([]);
    }, 300_000);
  });
}
