import { readable } from '../support/channelHarness';
import { talk } from '../support/talk';
import { projectFlow } from './helpers';
import { startAirtableServer } from './serverWorld';

/**
 * The real wiring of src/server/app.ts, nothing of ours replaced: a user records a need through
 * /api/messages, the server's sync sends it to the Airtable stand-in, staff accept it there, and
 * the server's status watcher (texts from dialogs/, sent through the app's own adapter) tells the
 * association in its conversation, at the channel's serviceUrl.
 */
test('a staff decision in Airtable reaches the conversation through the server itself', async () => {
  const server = await startAirtableServer();
  const { fake, channel, bot } = server;
  const say = talk(() => bot.url, channel, 'conv-status', 'webchat');
  try {
    await say('bonjour', 'Acceptez-vous');
    await say('oui', 'Quel est son nom');
    await say('Entraide Scolaire Roubaix', 'forme juridique');
    await say('association', 'RNA');
    await say('W593001240', 'code postal');
    await say("parler à quelqu'un", 'Quel est votre nom');
    await say('Fatima Zahra Bennani', 'téléphone');
    const done = await say('06 11 22 33 44', 'référence');
    const reference = /PBL-\d{4}-\d{5}/.exec(done)![0];
    const app = bot.app.airtable!;
    await app.sync.run();
    const [need] = fake.records('Besoins').filter((r) => r.fields['Référence'] === reference);
    expect(need.fields).toMatchObject({ Conversation: 'conv-status', Langue: 'fr', Statut: 'Nouveau' });
    channel.take();

    // Staff accept the need in Airtable; the server's watcher polls (now, rather than in a minute).
    fake.edit('Besoins', need.id, { Statut: 'Accepté' });
    expect(await app.watcher.poll()).toMatchObject({ sent: 1, failed: 0 });
    const told = channel.take();
    const written = projectFlow().texts['status.accepted'].fr;
    expect(told.map(readable)).toEqual([written.split('{{reference}}').join(reference)]);
    expect(told[0].conversation?.id).toBe('conv-status');
    // Told once.
    expect(await app.watcher.poll()).toMatchObject({ sent: 0 });
    expect(channel.take()).toEqual([]);
  } finally {
    await server.stop();
  }
}, 120_000);
