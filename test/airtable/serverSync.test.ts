import { talk } from '../support/talk';
import { startAirtableServer } from './serverWorld';

/**
 * The real server with Airtable configured: while Airtable fails (503s), users are answered as
 * usual; once it recovers, the background sync delivers the need exactly once.
 */
test('needs reach Airtable in the background, the bot answering throughout an outage', async () => {
  const server = await startAirtableServer();
  const { fake, channel, bot } = server;
  let outage = true;
  fake.fault = () => (outage ? { status: 503, body: { error: { type: 'SERVICE_UNAVAILABLE' } } } : undefined);
  const say = talk(() => bot.url, channel, 'airtable-conv', 'webchat');
  try {
    const answers: [string, string][] = [
      ['bonjour', 'Acceptez-vous'],
      ['oui', 'Quel est son nom'],
      ["x', 1=1, '", 'forme juridique'],
      ['association', 'RNA'],
      ['W751234567', 'code postal'],
      ['59800 Lille', 'année'],
      ['2015', 'salariés'],
      ['3', 'bénévoles'],
      ['une trentaine', 'budget'],
      ['80 000 €', 'causes'],
      ['santé mentale', 'site'],
      ['passer', 'situation financière'],
      ['stable', 'Combien de personnes'],
      ['2', 'Décrivez'],
      ['Nous voulons mesurer notre impact auprès des familles.', 'Évaluation'],
      ['oui', 'déjà essayé'],
      ['rien', 'ponctuel'],
      ['ponctuel', 'échéance'],
      ["pas d'échéance", 'votre nom'],
      ['Sam Leroy', 'e-mail'],
      ['sam@example.org', 'téléphone'],
      ['passer', 'Dernière question'],
      ['non', 'récapitulatif'],
    ];
    for (const [text, expected] of answers) await say(text, expected);
    const done = await say('confirmer', 'Probono Explorers');
    const reference = /PBL-\d{4}-\d{5}/.exec(done)![0];
    expect(fake.records('Besoins')).toHaveLength(0);
    expect((await bot.app.journal.get(reference))?.syncStatus).toBe('pending');

    outage = false;
    const deadline = Date.now() + 60_000;
    while ((await bot.app.journal.get(reference))?.syncStatus !== 'synced' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect((await bot.app.journal.get(reference))?.syncStatus).toBe('synced');
    const needs = fake.records('Besoins');
    expect(needs).toHaveLength(1);
    expect(needs[0].fields).toMatchObject({ Référence: reference, 'Programme recommandé': 'Probono Explorers', Canal: 'Site web' });
    const structures = fake.records('Structures');
    expect(structures).toHaveLength(1);
    expect(structures[0].fields).toMatchObject({ Nom: "x', 1=1, '", RNA: 'W751234567', Territoire: 'Hauts-de-France' });
  } finally {
    await server.stop();
  }
}, 120_000);
