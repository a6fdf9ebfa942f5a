import type { Activity } from 'botbuilder';
import { envSchema } from '../../src/config/env';
import { createStores } from '../../src/stores/createStores';
import { EVALUATION_RECORD } from '../../src/evaluations/recordTask';
import { signLink } from '../../src/evaluations/linkToken';
import { BotServer, CaptureChannel, postActivity, readable } from '../support/channelHarness';

const SECRET = 'evaluation-links-secret-for-this-test-only-0123';
const NOW = Date.UTC(2026, 5, 20, 9, 0);

/**
 * The website chat opened by an invitation's link, against the real server: the page's user id
 * is marked (`…_ev.…`), so the bot does not greet with the qualification's welcome; the page
 * sends the `evaluation.open` event with the link's token, and the bot runs the evaluation.
 */
describe('the website chat opened by an evaluation link', () => {
  const channel = new CaptureChannel();
  let server: BotServer;
  beforeAll(async () => {
    await channel.start();
    server = new BotServer({ env: { EVALUATION_LINK_SECRET: SECRET }, clock: () => new Date(NOW) });
    await server.start();
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await channel.stop();
  });

  function chat(conversationId: string, userId: string) {
    let n = 0;
    const base = (): Partial<Activity> => ({
      id: `${conversationId}-${++n}`,
      channelId: 'webchat',
      serviceUrl: channel.url,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, name: '' },
      recipient: { id: 'bot', name: 'Bot' },
      locale: 'fr-FR',
    });
    const post = async (activity: Partial<Activity>) => {
      expect(await postActivity(server.url, { ...base(), ...activity })).toBe(200);
      return channel.take().map(readable).join('\n');
    };
    return {
      join: () => post({ type: 'conversationUpdate', membersAdded: [{ id: userId, name: '' }] }),
      open: (token: string) => post({ type: 'event', name: 'evaluation.open', value: token }),
      say: (text: string) => post({ type: 'message', text }),
    };
  }

  const link = () => signLink({ r: 'PBL-2026-00070', k: 'hot', d: '2026-06-15', l: 'fr', c: 'conv-need-70', p: 'Probono Booster', e: Math.floor(NOW / 1000) + 86_400 }, SECRET);

  test('no welcome, the evaluation at once, answers queued for the staff base; the link then works no more', async () => {
    const token = link();
    const web = chat('web-link-1', 'dl_ev.AbCdEfGhIjKlMnOp');
    expect(await web.join()).toBe('');
    expect(await web.open(token)).toMatch(/PBL-2026-00070[\s\S]*15 juin 2026[\s\S]*trois minutes/);
    for (const answer of ['oui', '5', 'Oui', 'Tout le plan de communication.', 'Deux fois plus de bénévoles.', 'oui', 'oui']) await web.say(answer);
    expect(await web.say('confirmer')).toMatch(/Merci pour vos réponses/);
    // Durable before the thanks: in the server's store, read by another handle on it.
    const stores = createStores(envSchema.parse({ DATA_DIR: server.dataDir, NODE_ENV: 'test' }));
    const [task] = await stores.outbox.list({ kind: EVALUATION_RECORD }).finally(() => stores.close());
    expect(task).toMatchObject({ id: 'PBL-2026-00070:hot', status: 'pending', subject: 'conv-need-70' });
    expect((task.payload as { fields: Record<string, unknown> }).fields).toMatchObject({ Satisfaction: 5, 'Objectifs atteints': 'Oui', Recommanderait: true, 'Partage bénévoles': true });
    // The conversation is the qualification's again.
    expect(await web.say('bonjour')).not.toMatch(/trois minutes/);

    const again = chat('web-link-2', 'dl_ev.QrStUvWxYz012345');
    await again.join();
    expect(await again.open(token)).toMatch(/déjà répondu/);
  });

  test('an ordinary visitor is welcomed as before; a forged token is refused', async () => {
    const visitor = chat('web-plain', 'dl_AbCdEfGhIjKlMnOp');
    expect(await visitor.join()).not.toBe('');
    const forged = chat('web-forged', 'dl_ev.ZyXwVuTsRqPoNmLk');
    await forged.join();
    expect(await forged.open(`${link().split('.')[0]}.forged`)).toMatch(/n'est pas valide/);
  });
});
