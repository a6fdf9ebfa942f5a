import type { Page } from 'playwright-core';
import { originOf, hasChromium, SKIP_REASON } from '../../web/support/browser';
import { People, screenshot } from './support/browsers';
import { WebChat } from './support/chat';
import { play, REST_OF_JOURNEY } from './support/journey';
import { StudioPage } from './support/studioPage';
import { StudioProcess } from './support/studioProcess';

/**
 * The studio in Debian's chromium against the real built server (a child process, local mode):
 * a staff member signs in with the printed link, changes a question's wording, breaks and
 * mends a condition, tries the draft in the real Web Chat, keeps the try as a scenario,
 * publishes; associations on the chat page see the new wording, one already half way through
 * finishes on the version it started with; then a rollback, two staff members editing at once,
 * and the draft discarded. axe-core checks every screen.
 */
const STRUCTURE = 'dialogs/steps/02-structure.yaml';
const OLD_ASK = 'Quelle est la forme juridique de votre structure';
const NEW_ASK = 'Quel est le statut juridique de votre structure';

/** An association on the chat page, up to the legal form question; returns its chat. */
async function associationUpToLegalForm(page: Page, url: string, name: string): Promise<WebChat> {
  await page.goto(`${url}/`, { timeout: 120_000 });
  const chat = new WebChat(page);
  await chat.sees('Acceptez-vous que je conserve vos réponses');
  await chat.clicks('Oui');
  await chat.sees('Quel est son nom');
  await chat.says(name);
  return chat;
}

if (!hasChromium) {
  test.skip(`studio page: ${SKIP_REASON}`, () => undefined);
} else {
  describe('the studio page in a real browser, on the real server', () => {
    const server = new StudioProcess();
    const people = new People();
    let staff: StudioPage;
    let halfWay: WebChat;

    beforeAll(async () => {
      await Promise.all([server.start(), people.start()]);
      staff = new StudioPage((await people.person('staff')).page);
    }, 240_000);
    afterAll(async () => {
      await people.close();
      await server.stop();
    });

    test('signs in with the link the server printed: the map, in French, every node reachable with the keyboard', async () => {
      const { page } = staff;
      await page.goto(await server.signInLink());
      await page.locator('#screen-title').filter({ hasText: 'Le parcours' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await page.getByText('Connecté·e : local').waitFor();
      // Every question of the journey is a node of the map, a button in the tab order.
      const node = page.locator('.react-flow__node[data-id="legal_form"]');
      await node.waitFor();
      expect(await node.getAttribute('role')).toBe('button');
      expect(await node.getAttribute('tabindex')).toBe('0');
      expect(await node.innerText()).toContain('Forme juridique');
      await staff.checkScreen('map');
      // A click opens a node's editor too; closing it gives the focus back to the node.
      await node.click();
      await page.locator('#editor-title').filter({ hasText: 'Forme juridique' }).waitFor();
      await page.getByRole('button', { name: "Fermer l'éditeur" }).click();
      await staff.until(async () => (await node.evaluate((el) => el === el.ownerDocument.activeElement)) === true, 'the focus back on the node');
      // English on request, then back.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: 'Journey', exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('link', { name: 'Parcours', exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    }, 120_000);

    test("edits a question's wording in its form: saved in the draft as one changed line", async () => {
      const panel = await staff.openNodeWithKeyboard('legal_form', 'Forme juridique');
      const ask = staff.frenchBox(panel, 'Question posée');
      expect(await ask.inputValue()).toContain(OLD_ASK);
      await ask.fill(`${NEW_ASK}\u202f?`);
      const draft = await staff.draftWhere((d) => !!d.files[STRUCTURE]?.includes(NEW_ASK), 'the new wording saved');
      await staff.status('Brouillon enregistré');
      expect(draft.files[STRUCTURE]).not.toContain(OLD_ASK);
      const diff = await staff.json<{ files: { file: string; patch: string }[] }>('/studio/api/diff?from=live&to=draft');
      const patch = diff.files.find((f) => f.file === STRUCTURE)!.patch;
      expect(patch.split('\n').filter((l) => /^[+-][^+-]/.test(l))).toHaveLength(2);
      await staff.checkScreen('question-editor');
    }, 120_000);

    test('a broken condition shows its problem at the condition, in French, as it is made; mending it clears it', async () => {
      const { page } = staff;
      const panel = await staff.openNodeWithKeyboard('social_purpose', 'Finalité sociale');
      const condition = panel.locator('fieldset.condition').first();
      const answer = condition.getByLabel('Réponse', { exact: true }).first();
      expect(await answer.inputValue()).toBe('legal_form');
      // The same values, now compared with another answer: none of them is one of its choices.
      await answer.selectOption('financial_situation');
      const problem = condition.locator('.issues').getByText("« Autre » n'est pas un choix de la question « financial_situation »");
      await problem.waitFor({ timeout: 30_000 });
      await staff.status(/3 erreur\(s\)/);
      const described = await answer.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${described}"]`).innerText()).toContain("n'est pas un choix");
      await screenshot(page, 'studio-broken-condition');
      await answer.selectOption('legal_form');
      await problem.waitFor({ state: 'detached', timeout: 30_000 });
      await staff.status('Aucun problème');
    }, 120_000);

    test('tries the draft in the chat pane (the real Web Chat answers with the new wording) and keeps it as a scenario', async () => {
      const { page } = staff;
      await page.getByRole('button', { name: 'Essayer le brouillon' }).click();
      const pane = page.locator('#try-pane');
      await pane.getByRole('button', { name: "Commencer l'essai" }).click();
      const chat = new WebChat(await staff.tryFrame());
      await chat.sees('Acceptez-vous que je conserve vos réponses');
      await chat.clicks('Oui');
      await chat.sees('Quel est son nom');
      await chat.says('Les Jardins Partagés');
      await chat.sees(NEW_ASK);
      await staff.checkScreen('try-pane');

      await pane.getByRole('button', { name: 'Garder comme scénario' }).click();
      const dialog = page.locator('dialog.scenario-dialog');
      const yaml = dialog.getByLabel(/Le scénario/);
      await staff.until(async () => (await yaml.inputValue()).includes('Les Jardins Partagés'), 'the tried conversation as YAML');
      await dialog.getByLabel('Nom du scénario').fill('Essai : le statut juridique est demandé');
      await dialog.getByRole('button', { name: 'Enregistrer le scénario' }).click();
      await dialog.getByText('Scénario enregistré dans le brouillon').waitFor();
      await dialog.getByRole('button', { name: 'Fermer' }).click();
      const draft = await staff.draftWhere((d) => Object.entries(d.files).some(([f, text]) => f.startsWith('dialogs/scenarios/') && text.includes('Essai : le statut juridique est demandé')), 'the scenario saved');
      expect(draft.issues).toEqual([]);
    }, 180_000);

    test('an association starts on the live version before the publish: it is asked the old wording', async () => {
      const { page } = await people.person('association half way');
      halfWay = await associationUpToLegalForm(page, server.url, 'Atelier Vélo Solidaire');
      await halfWay.sees(OLD_ASK);
      await halfWay.clicks('Association (loi 1901 ou droit local)');
      await halfWay.sees('numéro officiel');
    }, 180_000);

    test('every other screen passes axe: texts, rules, calendar, YAML, scenarios (replayed)', async () => {
      const { page } = staff;
      await page.getByRole('button', { name: "Fermer l'essai" }).click();
      await staff.open('Textes', 'Textes du bot');
      await page.getByLabel('Rechercher un texte').fill('récapitulatif');
      await staff.checkScreen('texts');
      await staff.open('Règles', 'Éligibilité et programmes');
      await page.getByRole('button', { name: 'Monter' }).first().waitFor();
      await staff.checkScreen('rules');
      await staff.open('Calendrier', 'Calendrier des programmes');
      await page.getByText('Clôture des inscriptions').waitFor();
      await staff.checkScreen('calendar');
      await staff.open('YAML', 'Vue YAML');
      await page.getByLabel('Fichier', { exact: true }).selectOption(STRUCTURE);
      const content = page.locator('.cm-content');
      await content.getByText(NEW_ASK).waitFor();
      await staff.checkScreen('yaml');
      // A YAML mistake typed in the code editor: marked at its line, listed in words, gone once undone.
      const before = (await staff.draft()).files[STRUCTURE];
      await content.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('oops: a: b');
      await page.locator('.yaml-issues').getByRole('button', { name: /^Ligne \d+$/ }).first().waitFor({ timeout: 30_000 });
      await page.locator('.cm-lintRange-error').first().waitFor();
      await staff.status(/erreur/);
      await screenshot(page, 'studio-yaml-issue');
      for (let i = 0; i < 5 && (await content.innerText()).includes('oops'); i++) await page.keyboard.press('Control+z');
      await page.getByText('Aucun problème dans ce fichier.').waitFor({ timeout: 30_000 });
      await staff.draftWhere((d) => d.files[STRUCTURE] === before, 'the file as it was');
      await staff.open('Scénarios', 'Scénarios');
      await page.getByRole('button', { name: 'Rejouer tous les scénarios' }).click();
      await page.getByText(/scénario\(s\) rejoué\(s\)/).waitFor({ timeout: 120_000 });
      await staff.checkScreen('scenarios');
    }, 240_000);
    test('publishes: the readable diff first, every change of outcome confirmed, a comment', async () => {
      const { page } = staff;
      await staff.open('Publier', 'Publier le brouillon');
      const patch = page.locator('details.patch').filter({ hasText: STRUCTURE });
      await patch.locator('summary').click();
      await patch.locator('.line-add').filter({ hasText: NEW_ASK }).waitFor();
      await patch.locator('.line-del').filter({ hasText: OLD_ASK }).waitFor();
      await page.getByText('Aucun problème : le brouillon est valide.').waitFor();
      const publish = page.getByRole('button', { name: 'Publier', exact: true });
      expect(await publish.isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Rejouer les scénarios' }).click();
      await page.locator('.confirmations, .notice.success').filter({ hasText: /confirme|Aucun scénario/ }).first().waitFor({ timeout: 120_000 });
      for (const box of await page.getByRole('checkbox', { name: /Je confirme ce changement de résultat/ }).all()) await box.check();
      await page.getByLabel('Commentaire (ce qui change et pourquoi)').fill('Statut juridique plutôt que forme juridique');
      await page.getByText('Tout est prêt : vous pouvez publier.').waitFor();
      await staff.checkScreen('publish');
      await publish.click();
      await page.getByText('Version 2 publiée').waitFor({ timeout: 60_000 });
    }, 240_000);

    test('a new association on the chat page gets the new wording', async () => {
      const { page } = await people.person('new association');
      const chat = await associationUpToLegalForm(page, server.url, 'Le Jardin d’Hiver');
      await chat.sees(NEW_ASK);
      await screenshot(page, 'studio-association-new-wording');
    }, 180_000);

    test('the association half way through finishes on the version it started with, unharmed', async () => {
      // Going back re-asks the legal form: in the words of its own version.
      await halfWay.says('retour');
      await halfWay.sees('Association (loi 1901 ou droit local)');
      expect(await halfWay.count(OLD_ASK)).toBe(2);
      expect(await halfWay.count(NEW_ASK)).toBe(0);
      await halfWay.clicks('Association (loi 1901 ou droit local)');
      await play(halfWay, REST_OF_JOURNEY);
      await halfWay.sees(/enregistrée sous la référence PBL-\d{4}-\d{5}/);
    }, 300_000);

    test('insights: per question, per version, with the outcomes and a CSV download', async () => {
      const { page } = staff;
      await staff.open('Statistiques', 'Statistiques');
      const row = page.locator('table.figures-table tr').filter({ has: page.locator('th', { hasText: 'Forme juridique' }) });
      await row.first().waitFor();
      // Columns: the question, the version, then "Arrivées" (all versions are shown).
      let reached = 0;
      for (const r of await row.all()) reached += Number(await r.locator('td').nth(1).innerText());
      expect(reached).toBeGreaterThanOrEqual(2);
      await page.getByText('Durée médiane pour aller au bout').waitFor();
      const href = await page.getByRole('link', { name: 'Télécharger ces chiffres (CSV)' }).getAttribute('href');
      const csv = await page.evaluate((url) => fetch(url).then((r) => r.text()), href!);
      expect(csv).toContain('legal_form');
      await staff.checkScreen('insights');
    }, 120_000);

    test('versions: author, comment, the diff of each; rolling back makes the old wording live again', async () => {
      const { page } = staff;
      await staff.open('Versions', 'Versions publiées');
      const v2 = page.locator('tr').filter({ has: page.locator('th', { hasText: 'Version 2' }) });
      await v2.getByText('Statut juridique plutôt que forme juridique').waitFor();
      await v2.getByText('en ligne').waitFor();
      await page.getByRole('button', { name: 'Changements de la version 2' }).click();
      await page.locator('.diff').first().waitFor();
      await staff.checkScreen('versions');
      await page.getByRole('button', { name: 'Revenir à la version 1' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revenir à la version 1 ?' });
      await dialog.getByLabel('Commentaire (facultatif)').fill('Retour au libellé précédent');
      await dialog.getByRole('button', { name: 'Revenir à la version 1' }).click();
      await page.getByText('Version 3 en ligne (identique à la 1).').waitFor({ timeout: 60_000 });

      const { page: later } = await people.person('association after the rollback');
      const chat = await associationUpToLegalForm(later, server.url, 'La Ressourcerie');
      await chat.sees(OLD_ASK);
      // The map shows the figures of the live version (3): that association reached the legal form.
      await staff.open('Parcours', 'Le parcours');
      const node = page.locator('.react-flow__node[data-id="legal_form"]');
      await staff.until(async () => (await node.innerText()).includes('1 arrivées'), 'the live figures on the map');
    }, 240_000);

    test('two staff members edit at once: the later write is replayed on the newer draft, nothing is lost', async () => {
      const errorsBefore = people.errors.length;
      const other = new StudioPage((await people.person('second staff')).page);
      await other.page.goto(await server.signInLink());
      await other.page.locator('#screen-title').filter({ hasText: 'Le parcours' }).waitFor();
      const textBox = (page: Page, key: string) => page.locator('tr', { has: page.locator('th code', { hasText: new RegExp(`^${key.replace('.', '\\.')}$`) }) }).locator('textarea[lang="fr"]');
      await staff.open('Textes', 'Textes du bot');
      await other.open('Textes', 'Textes du bot');
      // The first page read the draft before the second one wrote to it.
      await other.page.getByLabel('Rechercher un texte').fill('invalid.phone');
      await textBox(other.page, 'invalid.phone').fill('Ce numéro ne semble pas valide (second membre).');
      await other.draftWhere((d) => d.files['dialogs/texts.yaml']?.includes('second membre'), 'the second edit saved');
      await staff.page.getByLabel('Rechercher un texte').fill('invalid.email');
      await textBox(staff.page, 'invalid.email').fill('Cette adresse ne semble pas valide (premier membre).');
      await staff.status("Quelqu'un d'autre a modifié le brouillon");
      const draft = await staff.draftWhere((d) => d.files['dialogs/texts.yaml']?.includes('premier membre'), 'the first edit saved');
      expect(draft.files['dialogs/texts.yaml']).toContain('second membre');
      await other.page.context().close();
      // The browser logs the stale write's 409 as an error: that one was expected, nothing else.
      const during = people.errors.splice(errorsBefore);
      expect(during.some((e) => /409 \(Conflict\)/.test(e))).toBe(true);
      expect(during.filter((e) => !/409 \(Conflict\)/.test(e))).toEqual([]);
    }, 120_000);

    test('discards the draft after confirming: it is the live version again, nothing left to publish', async () => {
      const { page } = staff;
      await staff.open('Publier', 'Publier le brouillon');
      const discard = page.getByRole('button', { name: 'Abandonner le brouillon' });
      // Cancelling keeps the draft.
      await discard.click();
      const dialog = page.getByRole('dialog', { name: 'Abandonner le brouillon ?' });
      await dialog.getByText('seront perdues').waitFor();
      await staff.checkScreen('discard-dialog');
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect((await staff.draft()).files['dialogs/texts.yaml']).toContain('premier membre');
      await discard.click();
      await dialog.getByRole('button', { name: 'Abandonner', exact: true }).click();
      await page.getByText('Brouillon abandonné').waitFor({ timeout: 30_000 });
      await page.getByText('Rien à publier : le brouillon est identique à la version en ligne.').waitFor();
      expect(await discard.count()).toBe(0);
      const draft = await staff.draft();
      expect(draft.revision).toBe(0);
      expect(draft.files['dialogs/texts.yaml']).not.toContain('premier membre');
      expect(draft.files['dialogs/texts.yaml']).not.toContain('second membre');
      expect((await staff.json<{ files: unknown[] }>('/studio/api/diff?from=live&to=draft')).files).toEqual([]);
    }, 120_000);

    test('signs out: the studio is closed to that browser again; nothing came from elsewhere, no error', async () => {
      const { page } = staff;
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('heading', { name: 'Connexion au studio' }).waitFor();
      // The sign-in page may fetch nothing (its CSP): ask with the browser's cookies from outside the page.
      expect((await page.context().request.get(`${server.url}/studio/api/me`)).status()).toBe(401);
      const elsewhere = people.requests.filter((url) => !['data:', server.url].includes(originOf(url)));
      expect(elsewhere).toEqual([]);
      expect(people.errors.filter((e) => !/401 \(Unauthorized\)/.test(e))).toEqual([]);
    }, 60_000);
  });
}
