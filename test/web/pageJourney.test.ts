import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { capabilitiesOf } from '../../src/bot/channels';
import { toActivities } from '../../src/bot/render';
import { runTurn } from '../../src/engine/machine';
import type { ConversationState } from '../../src/engine/state';
import { BotServer, sharedFlow } from '../support/channelHarness';
import { botBubbleTexts, englishFragments, frenchReadingFaults, repeatedTexts, visibleTexts } from './support/bubbleText';
import { ARTIFACTS_DIR, type Browser, hasChromium, originOf, serverAndBrowser, SKIP_REASON } from './support/browser';

/**
 * The real Web Chat in Debian's chromium, on GET / of the real server, through the local Direct
 * Line: a whole journey, clicking the buttons for choices and typing the other answers, up to
 * the summary card (one answer edited from it) and the recommendation; then what each bubble
 * shows, as read on the page.
 */
type Step = readonly [expect: string, action: { click: string } | { type: string }];
const JOURNEY: readonly Step[] = [
  ['Acceptez-vous que je conserve vos réponses', { click: 'Oui' }],
  ['Quel est son nom', { type: 'Les Jardins Partagés' }],
  ['Quelle est la forme juridique de votre structure', { click: 'Association (loi 1901 ou droit local)' }],
  ['numéro officiel', { type: 'W751234567' }],
  ['code postal et la ville de votre structure', { type: '75011 Paris' }],
  ['En quelle année', { type: 'depuis 2012' }],
  ['Combien de salariés', { type: 'deux' }],
  ['combien de bénévoles', { type: 'une quarantaine' }],
  ['budget annuel approximatif', { type: '150 k€' }],
  ['Pour quelles causes', { type: 'bien manger, bien vieillir' }],
  ['Avez-vous un site web', { click: 'Passer' }],
  ['situation financière aujourd', { click: 'Stable' }],
  ['Combien de personnes de votre structure', { type: 'nous sommes trois' }],
  ['Décrivez en quelques phrases', { type: 'Nous voulons mieux communiquer sur les réseaux sociaux pour faire connaître nos ateliers.' }],
  ['je vous propose : Communication et marketing', { click: 'Oui' }],
  ['déjà essayé', { type: "rien pour l'instant" }],
  ['coup de pouce ponctuel', { click: 'Ponctuel' }],
  ['Avez-vous une échéance', { type: "d'ici juin" }],
  ['Quel est votre nom', { type: 'Camille Martin' }],
  ['adresse e-mail', { type: 'camille@jardins-partages.fr' }],
  ['numéro de téléphone', { type: '06 12 34 56 78' }],
  ['le nom de votre structure figure dans l', { click: 'Non' }],
];

/** The legal-form question as the real engine asks it and the real renderer shows it to Teams: a card of 8 options. */
function legalFormAsTeamsCard() {
  const flow = sharedFlow();
  let state: ConversationState | undefined;
  let messages: ReturnType<typeof runTurn>['messages'] = [];
  for (const text of ['bonjour', 'oui', 'Les Jardins Partagés']) {
    ({ state, messages } = runTurn(flow, state, { kind: 'message', text }, { now: new Date('2026-11-23T09:00:00Z'), conversationId: 'c', channel: 'Teams', nextReference: () => 'PBL-2026-00099' }));
  }
  const [activity] = toActivities(flow, [messages.at(-1)!], capabilitiesOf('msteams'));
  expect(activity.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  return activity;
}

async function play(page: Page, [expect, action]: Step): Promise<void> {
  await page.getByText(expect).last().waitFor({ timeout: 60_000 });
  if ('type' in action) {
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(action.type);
    await box.press('Enter');
  } else {
    await page.getByRole('button', { name: action.click, exact: true }).last().click();
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

      // The summary is an Adaptive Card: a click on one of its answers asks that question again…
      const summaries = page.locator('.ac-adaptiveCard').filter({ hasText: 'Tout est correct' });
      await summaries.first().waitFor({ timeout: 60_000 });
      await summaries.first().getByRole('button', { name: /^Modifier la réponse «\s*Téléphone\s*»$/ }).click();
      await page.getByText('Votre réponse actuelle').last().waitFor({ timeout: 60_000 });
      await play(page, ['numéro de téléphone', { type: '06 12 34 56 79' }]);
      // …and the summary that follows has the new answer; its own "Confirmer" button submits it.
      await summaries.nth(1).waitFor({ timeout: 60_000 });
      await summaries.last().getByRole('button', { name: 'Confirmer', exact: true }).click();

      const summary = page.locator('.ac-adaptiveCard').filter({ hasText: 'Nom de la structure' }).last();
      for (const text of ['Les Jardins Partagés', 'Association (loi 1901 ou droit local)', 'Bénévoles', 'environ 40', '75011 Paris', 'camille@jardins-partages.fr', '06 12 34 56 79']) {
        await summary.getByText(text, { exact: true }).first().waitFor();
      }
      const recommendation = page.locator('.ac-adaptiveCard').filter({ hasText: 'Notre recommandation' }).last();
      await recommendation.waitFor({ timeout: 60_000 });
      await recommendation.getByText('Probono Factory', { exact: true }).waitFor();
      await recommendation.getByText('octobre–novembre 2027', { exact: false }).waitFor();
      await page.getByText(/enregistrée sous la référence PBL-2026-\d{5}/).last().waitFor();

      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'webchat-journey.png') });

      // Web Chat shows a single choice as quick replies; where the options do not fit as buttons
      // (Teams), our renderer makes a card of it: the same card, posted into this conversation.
      const conversationId = /\/v3\/directline\/conversations\/([^/]+)\/activities/.exec(browser.requests.find((u) => u.includes('/activities')) ?? '')?.[1];
      expect(conversationId).toBeDefined();
      const posted = await fetch(`${server.app.localServiceUrl!()}v3/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(legalFormAsTeamsCard()),
      });
      expect(posted.status).toBe(200);

      // Every kind of card shows each of its texts once: the question of a choice card, the programme's name…
      // A suggestion names the option it ticks: quoting it is not showing it twice.
      const kinds: [kind: string, has: string, shows: string[], named?: string[]][] = [
        ['single choice', 'Quelle est la forme juridique', ['Votre réponse', 'Fondation', 'Valider ma réponse']],
        ['multiple choice', 'Pour quelles causes', ['Vos réponses', 'Culture', 'Valider ma réponse']],
        ['multiple choice with a suggestion', 'Quels domaines', ['Vos réponses', 'Communication et marketing'], ['Communication et marketing']],
        ['summary', 'Nom de la structure', ['Récapitulatif de votre demande', 'Les Jardins Partagés', 'Confirmer', 'Modifier']],
        ['recommendation', 'Notre recommandation', ['Probono Factory', 'Pourquoi']],
      ];
      for (const [kind, has, shows, named] of kinds) {
        const bubble = page.locator('.ac-adaptiveCard').filter({ hasText: has }).last();
        await bubble.waitFor({ timeout: 60_000 });
        const texts = await visibleTexts(bubble);
        expect({ kind, repeated: repeatedTexts(texts, named) }).toEqual({ kind, repeated: [] });
        expect({ kind, questionShown: texts.filter((t) => t.includes(has)).length }).toEqual({ kind, questionShown: 1 });
        for (const text of shows) expect({ kind, texts }).toEqual({ kind, texts: expect.arrayContaining([text]) });
      }
      await page.locator('.ac-adaptiveCard').filter({ hasText: 'Quels domaines' }).last().screenshot({ path: path.join(ARTIFACTS_DIR, 'webchat-choices-card.png') });

      // Everything the bot said, as the person reads it: French, with its no-break spaces, and
      // nothing of the machinery (user-value markers, template syntax, raw Markdown).
      const said = await botBubbleTexts(page);
      fs.writeFileSync(path.join(ARTIFACTS_DIR, 'webchat-texts.json'), JSON.stringify(said, null, 1));
      expect(said.length).toBeGreaterThan(JOURNEY.length);
      const english = englishFragments(sharedFlow());
      // The welcome ends, by design, with one line in the other language on how to switch (language.switch_hint).
      const hint = sharedFlow().texts['language.switch_hint'].en.split('?')[0];
      const asFrench = (text: string) => (text.includes(hint) ? text.slice(0, text.indexOf(hint)).trimEnd() : text);
      const faults = said.flat().map((text) => ({ text, faults: frenchReadingFaults(asFrench(text), english) })).filter((t) => t.faults.length);
      expect(said.flat().some((text) => text.includes(hint))).toBe(true);
      expect(faults).toEqual([]);
      expect(said.flat().filter((t) => /[\u00a0\u202f]/.test(t)).length).toBeGreaterThan(0);

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
