import { loadFlow } from '../../src/flow/load';
import type { Flow } from '../../src/flow/model';
import { sharedFlow } from '../support/channelHarness';
import { normalise } from '../support/conversationScript';
import { type Driver, EngineDriver, HttpDriver } from '../support/drivers';
import { JourneyCopy } from '../support/journeyCopy';

/**
 * Staff change the journey with a text editor only — a new conditional question, a renamed
 * choice, a stricter programme rule — and the bot follows, with no code change.
 */
const clock = () => new Date('2026-11-23T10:00:00+01:00');

/** [user says, the bot must say] */
type Exchange = [string, string];

const untilCauses: Exchange[] = [
  ['bonjour', 'Acceptez-vous'],
  ['oui', 'nom'],
  ['Toit pour Tous', 'forme juridique'],
  ['association', 'RNA'],
  ['passer', 'code postal'],
  ['69003 Lyon', 'année'],
  ['2015', 'salariés'],
  ['4', 'bénévoles'],
  ['une vingtaine', 'budget annuel'],
  ['300 000 €', 'causes'],
];
const afterCauses = (nature: string): Exchange[] => [
  ['https://toitpourtous.org', 'situation financière'],
  ['stable', 'Combien de personnes'],
  ['trois', 'Décrivez'],
  ['Nous voulons revoir notre projet associatif et notre modèle économique pour changer d\'échelle.', 'Stratégie et modèle économique'],
  ['oui', 'déjà essayé'],
  ['un séminaire du conseil d\'administration', 'ponctuel'],
  [nature, 'échéance'],
  ['pas d\'échéance', 'votre nom'],
  ['Nadia Benali', 'e-mail'],
  ['nadia@toitpourtous.org', 'téléphone'],
  ['passer', 'Dernière question'],
  ['non', 'récapitulatif'],
  ['confirmer', 'PBL-2026-00001'],
];

async function play(driver: Driver, exchanges: Exchange[]): Promise<string[]> {
  const said: string[] = [];
  for (const [user, expected] of exchanges) {
    const replies = (await driver.send({ kind: 'message', text: user })).join('\n');
    said.push(replies);
    if (!normalise(replies).includes(normalise(expected))) throw new Error(`after "${user}" expected "${expected}", got:\n${replies}`);
  }
  return said;
}

describe('staff edit the journey in dialogs/ only', () => {
  let copy: JourneyCopy;
  let edited: Flow;

  beforeAll(async () => {
    copy = new JourneyCopy();
    // 1. A new question, asked only to structures working on vulnerabilities.
    copy.replace(
      'steps/02-structure.yaml',
      '  - id: website\n',
      `  - id: beneficiaries
    kind: count
    when: { field: causes, contains: Vulnérabilités }
    label: { fr: "Personnes accompagnées", en: "People supported" }
    ask: { fr: "Combien de personnes accompagnez-vous chaque année ?", en: "How many people do you support each year?" }
    why: { fr: "Pour mesurer l'ampleur de votre action.", en: "To measure the scale of your work." }

  - id: website
`,
    );
    // 2. A choice renamed (its value, hence the Airtable option, and its label), and the rule that used it.
    copy.replace(
      'steps/04-needs.yaml',
      '      - value: Accompagnement dans la durée\n        label: { fr: "Accompagnement dans la durée", en: "Long-term support" }',
      '      - value: Accompagnement 6 mois\n        label: { fr: "Accompagnement sur six mois", en: "Six-month support" }',
    );
    copy.replace('rules.yaml', '{ field: nature, equals: Accompagnement dans la durée }', '{ field: nature, equals: Accompagnement 6 mois }');
    // 3. A stricter programme rule: the Booster now needs four people available.
    copy.replace(
      'rules.yaml',
      `      - when: { field: people_available, gte: 2 }
        because:
          fr: "Vous avez {{people_available}} personnes disponibles`,
      `      - when: { field: people_available, gte: 4 }
        because:
          fr: "Vous avez {{people_available}} personnes disponibles`,
    );
    edited = loadFlow(copy.dialogs, copy.cards);
  }, 180_000);

  afterAll(() => copy?.remove());

  test('before the edit: no extra question, and the Booster is recommended', async () => {
    const driver = new EngineDriver(sharedFlow(), clock, 'emulator', 'before');
    await play(driver, [...untilCauses, ['la précarité et le logement', 'site web']]);
    const said = await play(driver, afterCauses('un accompagnement dans la durée'));
    expect(said.at(-1)).toContain('Probono Booster');
    expect((await driver.stored())[0].Besoins['Programme recommandé']).toBe('Probono Booster');
  });

  test('after the edit, through the real server: new question, renamed choice, new rule', async () => {
    const driver = new HttpDriver(edited, clock, 'emulator', 'after');
    await driver.start();
    try {
      await play(driver, [...untilCauses, ['la précarité et le logement', 'Combien de personnes accompagnez-vous chaque année ?']]);
      const said = await play(driver, [['environ 120', 'site web'], ...afterCauses('un accompagnement sur six mois')]);
      // The renamed choice is what the user sees when asked the nature of the need.
      const natureQuestion = said[6];
      expect(natureQuestion).toContain('Accompagnement sur six mois');
      expect(natureQuestion).not.toContain('Accompagnement dans la durée');
      expect(said.at(-1)).toContain('Probono Factory');
      expect(said.at(-1)).not.toContain('Probono Booster');
      const need = (await driver.stored())[0];
      expect(need.Besoins.Nature).toBe('Accompagnement 6 mois');
      expect(need.Besoins['Programme recommandé']).toBe('Probono Factory');
      // A question with no Airtable column is kept in the description for staff.
      expect(need.Besoins.Description).toContain('Personnes accompagnées : 120');
    } finally {
      await driver.stop();
    }
  });
});
