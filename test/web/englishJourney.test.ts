import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths';
import { browserLanguage } from '../../src/web/pages';
import { ARTIFACTS_DIR, type Browser, hasChromium, originOf, serverAndBrowser, SKIP_REASON } from './support/browser';

/**
 * A browser whose language is English (Chromium launched with --lang=en-US and an en-US
 * context) opens GET / with no `?lang=`: the page follows the browser, Web Chat sends en-US as the
 * activities' locale, the welcome is in English (with its one line in French on how to switch),
 * and a whole journey completes in English; the need says `Langue` = `en` in the journal and in
 * `needs:export`.
 */
type Step = readonly [expect: string, action: { click: string } | { type: string } | { card: string }];
const JOURNEY: readonly Step[] = [
  ['Are you happy for me to keep your answers?', { click: 'Yes' }],
  ['What is its name?', { type: 'The Green Kitchen' }],
  ['legal form?', { click: 'Non-profit association (loi 1901 or local law)' }],
  ['official number', { click: 'Skip' }],
  ['postcode and town', { type: 'Lille (59000)' }],
  ['In which year was your organisation founded?', { type: 'since 2015' }],
  ['How many employees', { type: 'twelve' }],
  ['how many active volunteers', { type: 'around thirty' }],
  ['approximate annual budget', { type: '€200k' }],
  ['Which causes do you work for?', { type: 'food and ageing' }],
  ['Do you have a website?', { click: 'Skip' }],
  ['financial situation today', { click: 'Stable' }],
  ['How many people from your organisation', { type: 'three of us' }],
  ['Describe in a few sentences', { type: 'We want to communicate better on social media to make our cooking workshops known.' }],
  ['I suggest: Communication and marketing', { click: 'Yes' }],
  ['What have you already tried', { type: 'nothing yet' }],
  ['one-off boost', { click: 'One-off' }],
  ['Do you have a deadline?', { type: 'by June' }],
  ['your name (first and last name)', { type: 'Sam Taylor' }],
  ['Which email address can we write to?', { type: 'sam@greenkitchen.org' }],
  ['And a phone number?', { type: '06 12 34 56 78' }],
  ['appears in the listing', { click: 'No' }],
  ['Is everything right?', { card: 'Confirm' }],
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

test.each([
  ['en-US,en;q=0.9', 'en'],
  ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
  ['de-DE,en;q=0.5', 'en'],
  ['de-DE', undefined],
  ['en;q=0.2, fr;q=0.8', 'fr'],
  ['*', undefined],
  [undefined, undefined],
])('the page language of Accept-Language %p is %p', (header, lang) => {
  expect(browserLanguage(header)).toBe(lang);
});

if (!hasChromium) {
  test.skip(`English journey: ${SKIP_REASON}`, () => undefined);
} else {
  describe('the website chat in a browser whose language is English', () => {
    const { server, browser: openBrowser } = serverAndBrowser({ clock: () => new Date('2026-11-23T09:00:00Z') }, { locale: 'en-US' });
    let browser: Browser;
    beforeAll(() => {
      browser = openBrowser();
    });

    test('the welcome is in English and a whole journey completes in English, stored with Langue en', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`, { timeout: 120_000 });
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.title()).toBe('Probono Lab assistant');
      const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
      await sendBox.waitFor({ timeout: 120_000 });
      // The welcome: English, with its one line in French on how to switch.
      // Web Chat's Markdown curls the apostrophe.
      await page.getByText(/Hello! I['’]m the Probono Lab assistant\./).last().waitFor({ timeout: 60_000 });
      await page.getByText(/Vous préférez le français\s?\? Écrivez «\s?français\s?»\./).last().waitFor();
      expect(await page.getByText('Acceptez-vous', { exact: false }).count()).toBe(0);

      for (const step of JOURNEY) await play(page, step);

      const recommendation = page.locator('.ac-adaptiveCard').filter({ hasText: 'Our recommendation' }).last();
      await recommendation.waitFor({ timeout: 60_000 });
      await recommendation.getByText('Probono Factory', { exact: true }).waitFor();
      await page.getByText(/recorded under reference PBL-2026-\d{5}/).last().waitFor();
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'webchat-english-journey.png') });

      // What staff read: the journal, and needs:export on the same data.
      const needs = await server.app.journal.all();
      expect(needs).toHaveLength(1);
      expect(needs[0].record).toMatchObject({
        Besoins: { Langue: 'en', Canal: 'Site web', Statut: 'Nouveau', Éligible: true, 'Programme recommandé': 'Probono Factory', Domaines: ['Communication et marketing'], Échéance: '2027-06-30', 'Personnes disponibles': 3 },
        Structures: { Nom: 'The Green Kitchen', 'Forme juridique': 'Association loi 1901', 'Code postal': '59000', Ville: 'Lille', Salariés: 12, Bénévoles: 30, 'Budget annuel (€)': 200000, Email: 'sam@greenkitchen.org' },
      });
      const exported = JSON.parse(
        execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'needs-export.js'), '--format', 'json'], {
          env: { ...process.env, DATA_DIR: server.dataDir, AIRTABLE_TOKEN: '', AIRTABLE_BASE_ID: '' },
          encoding: 'utf8',
        }),
      ) as Record<string, unknown>[];
      expect(exported).toEqual([expect.objectContaining({ Langue: 'en', Structure: 'The Green Kitchen', 'Programme recommandé': 'Probono Factory' })]);

      const elsewhere = browser.requests.filter((url) => originOf(url) !== server.url && originOf(url) !== 'data:');
      expect(elsewhere).toEqual([]);
      expect(browser.errors).toEqual([]);
    }, 300_000);
  });
}
