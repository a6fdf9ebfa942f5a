import path from 'node:path';
import YAML from 'yaml';
import { DIALOGS_DIR } from '../../src/paths';
import { asList, normalise, readScript } from '../support/conversationScript';
import { type StudioClient, StudioServer } from './support/studioWorld';
import { shown, TryChat, tryConfigOf } from './support/tryChat';

/**
 * The try pane on the real server: POST /studio/api/try, the try page (the real Web Chat's
 * settings), and its Direct Line driven as Web Chat drives it; turns run in-process on the
 * draft, rendered for the chosen channel, and nothing reaches the journal or the insights.
 */
describe('studio: trying the draft', () => {
  const server = new StudioServer({ clock: () => new Date('2026-11-23T10:00:00+01:00') });
  let staff: StudioClient;
  beforeAll(async () => {
    await server.start();
    staff = await server.signIn();
  }, 90_000);
  afterAll(() => server.stop());

  const booster = readScript(path.join(DIALOGS_DIR, 'scenarios', 'booster-strategie-dans-la-duree.yaml'));
  const openTry = async (client: StudioClient, lang: 'fr' | 'en', channel: 'webchat' | 'msteams' | 'slack') => {
    const opened = await client.send('POST', '/studio/api/try', { lang, channel });
    expect(opened.status).toBe(201);
    const page = await client.get(opened.body.url, { accept: 'text/html' });
    expect(page.status).toBe(200);
    const chat = new TryChat(client, tryConfigOf(page.text));
    await chat.start();
    return { chat, session: opened.body.session as string, page };
  };

  test('in French as Web Chat: the real page, the welcome, the draft as edited, a whole journey; the need stays in the try', async () => {
    const start = (await staff.get('/studio/api/journey')).body.draft;
    const edited = await staff.send('PATCH', '/studio/api/draft', {
      revision: start.revision,
      ops: [{ op: 'set', file: 'dialogs/steps/02-structure.yaml', path: ['steps', 0, 'ask', 'fr'], value: 'Essayons : quel est le nom de votre structure ?' }],
    });
    expect(edited.status).toBe(200);

    const { chat, session, page } = await openTry(staff, 'fr', 'webchat');
    expect(session).toMatch(/^[\w-]{43}$/);
    // The page: the same Web Chat bundle as the public chat, its own script, no inline script.
    expect(page.text).toContain('<script src="/webchat.js" defer></script>');
    expect(page.text).toContain('<script src="/studio/try/try.js" defer></script>');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';.*frame-ancestors 'self'/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(chat.config).toMatchObject({ domain: '/studio/try/directline', locale: 'fr-FR' });
    const script = await staff.get('/studio/try/try.js');
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(script.text).toContain('createDirectLine');

    const welcome = shown(await chat.news());
    expect(welcome).toContain('Acceptez-vous que je conserve vos réponses\u202f?');
    // Web Chat's capabilities: quick replies.
    expect(welcome).toMatch(/\[Oui\]/);
    const name = shown(await chat.say('oui'));
    expect(name).toContain('Essayons : quel est le nom de votre structure ?');
    for (const turn of booster.turns.slice(2)) {
      if (!('user' in turn)) throw new Error('typed turns only');
      const replies = normalise(shown(await chat.say(turn.user)));
      for (const expected of asList(turn.bot)) expect(replies).toContain(normalise(expected.replace('PBL-', 'ESSAI-')));
    }
    expect(normalise(shown(chat.seen.filter((a) => a.from.role === 'bot')))).toContain('essai-2026-00001');

    // Nothing reached the journal nor the insights.
    expect(await server.app.journal.all()).toEqual([]);
    const insights = await staff.get('/studio/api/insights');
    expect(insights.body).toEqual({ steps: [], outcomes: [], medianCompletionSeconds: null });

    // The try as a scenario: what was typed, what was stored, its clock.
    const scenario = await staff.get(`/studio/api/try/${session}/scenario`);
    expect(scenario.status).toBe(200);
    expect(scenario.body.name).toBe('Essai du 2026-11-23 10:00 (Site web, fr)');
    const data = YAML.parse(scenario.body.yaml);
    expect(scenario.body.yaml).toMatch(/^# Saved from a try of the draft in the studio/);
    expect(data).toMatchObject({ name: scenario.body.name, now: '2026-11-23T09:00:00.000Z', channel: 'webchat', stored_count: 1 });
    expect(data.stored).toEqual({ Besoins: { 'Programme recommandé': 'Probono Booster', Éligible: true, 'Rappel demandé': false } });
    expect(data.turns.slice(0, 3)).toEqual([{ join: true }, { user: 'oui' }, { user: 'Solidarité Seniors 93' }]);
    expect(data.turns).toHaveLength(booster.turns.length);

    // Saved in the draft, it is replayed with the others, and passes on both versions.
    const revision = (await staff.get('/studio/api/journey')).body.draft.revision;
    const saved = await staff.send('POST', '/studio/api/scenarios', { revision, name: 'Booster : essai du studio', yaml: scenario.body.yaml });
    expect(saved.status).toBe(201);
    expect(saved.body.file).toBe('dialogs/scenarios/booster-essai-du-studio.yaml');
    expect(YAML.parse(saved.body.files['dialogs/scenarios/booster-essai-du-studio.yaml']).name).toBe('Booster : essai du studio');
    expect(saved.body.issues).toEqual([]);
    const run = await staff.send('POST', '/studio/api/scenarios/run');
    const mine = run.body.find((r: any) => r.file === 'dialogs/scenarios/booster-essai-du-studio.yaml');
    expect(mine).toMatchObject({ changed: false, live: { programme: 'Probono Booster', failures: [] }, draft: { programme: 'Probono Booster', failures: [] } });
    const again = await staff.send('POST', '/studio/api/scenarios', { revision: saved.body.revision, name: 'Booster : essai du studio', yaml: scenario.body.yaml });
    expect(again.body.file).toBe('dialogs/scenarios/booster-essai-du-studio-2.yaml');
  });

  test('in English as Teams would show it: the welcome in English, a long choice as a 1.5 card, a card submit kept as such', async () => {
    const { chat, session } = await openTry(staff, 'en', 'msteams');
    expect(chat.config.locale).toBe('en-US');
    expect(shown(await chat.news())).toContain('Are you happy for me to keep your answers?');
    expect(shown(await chat.say('yes'))).toContain('What is its name?');
    const legalForm = await chat.say('Green Kitchen Lyon');
    const card = legalForm.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect(card?.content).toMatchObject({ version: '1.5' });
    // Teams shows 3 quick replies at most: the 8 legal forms are in the card, not as buttons.
    expect(legalForm.every((a) => (a.suggestedActions?.actions.length ?? 0) <= 3)).toBe(true);
    expect(shown(legalForm)).toContain("What is your organisation's legal form?");
    expect(await chat.post({ type: 'message', value: { step: 'legal_form', answer: '0' } })).toBe(200);
    expect(shown(await chat.news())).toContain('RNA');

    const data = YAML.parse((await staff.get(`/studio/api/try/${session}/scenario?lang=en`)).body.yaml);
    expect(data.name).toBe('Try of 2026-11-23 10:00 (Teams, en)');
    // The journey starts in French: the scenario asks for English first, as a user would.
    expect(data.turns).toEqual([{ join: true }, { user: 'english' }, { user: 'yes' }, { user: 'Green Kitchen Lyon' }, { submit: { step: 'legal_form', answer: '0' } }]);
    expect(data).toMatchObject({ channel: 'msteams', stored_count: 0 });
    expect(data.stored).toBeUndefined();
  });

  test('as Slack would show it: no card, Slack buttons shown as buttons whose click comes back as Slack sends it', async () => {
    const { chat, session } = await openTry(staff, 'fr', 'slack');
    const welcome = await chat.news();
    const yes = welcome.flatMap((a) => a.suggestedActions?.actions ?? []).find((a) => a.title === 'Oui') as { title: string; value: any } | undefined;
    expect(yes?.value).toEqual({ slack: { callback_id: 'consent', name: 'say', value: 'Oui' } });
    expect(await chat.post({ type: 'message', value: yes!.value, channelData: { messageBack: { displayText: 'Oui' } } })).toBe(200);
    // The draft as the first test left it.
    expect(shown(await chat.news())).toContain('Essayons : quel est le nom de votre structure ?');
    const legal = await chat.say('Les Jardins Partagés');
    const options = legal.flatMap((a) => a.suggestedActions?.actions ?? []) as { title: string; value: any }[];
    const fondation = options.find((a) => a.title === 'Fondation')!;
    // Slack shows no Adaptive Card: the eight legal forms are numbered text and buttons.
    expect(legal.flatMap((a) => a.attachments ?? [])).toEqual([]);
    expect(shown(legal)).toContain('2. Fondation');
    expect(fondation.value).toEqual({ slack: { callback_id: 'legal_form', name: 'answer', value: '1' } });
    expect(await chat.post({ type: 'message', value: fondation.value })).toBe(200);
    expect(shown(await chat.news())).toContain('RNA');
    const data = YAML.parse((await staff.get(`/studio/api/try/${session}/scenario`)).body.yaml);
    expect(data.turns).toEqual([{ join: true }, { user: 'Oui' }, { user: 'Les Jardins Partagés' }, { submit: { answer: '1', step: 'legal_form' } }]);
    expect(data.channel).toBe('slack');
  });

  test('a try is its staff session\'s: another sign-in (even of the same person) cannot see its page, its scenario nor its Direct Line', async () => {
    const { chat, session } = await openTry(staff, 'fr', 'webchat');
    const other = await server.signIn();
    expect((await other.get(`/studio/try?session=${session}`, { accept: 'text/html' })).status).toBe(404);
    expect((await other.get(`/studio/api/try/${session}/scenario`)).status).toBe(404);
    const stolen = new TryChat(other, chat.config);
    stolen.conversationId = chat.conversationId;
    expect((await stolen.call('GET', `/conversations/${chat.conversationId}/activities`)).status).toBe(403);
    expect(await stolen.post({ type: 'message', text: 'oui' })).toBe(403);
    // Without any studio session, the gate refuses before the token is even read.
    const anonymous = await fetch(`${server.url}/studio/try/directline/conversations/${chat.conversationId}/activities`, { headers: { authorization: `Bearer ${chat.config.token}` } });
    expect(anonymous.status).toBe(401);
    // A wrong token on the right session.
    expect((await chat.call('GET', `/conversations/${chat.conversationId}/activities`, undefined, 'x'.repeat(43))).status).toBe(403);
  });

  test('a draft whose flow has issues cannot be tried: 409 with the issues; a bad body names the field', async () => {
    const start = (await staff.get('/studio/api/journey')).body.draft;
    const broken = await staff.send('PATCH', '/studio/api/draft', { revision: start.revision, ops: [{ op: 'set', file: 'dialogs/flow.yaml', path: ['sections', 0], value: 'nowhere.yaml' }] });
    const refused = await staff.send('POST', '/studio/api/try', { lang: 'fr', channel: 'webchat' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('issues');
    expect(refused.body.issues.length).toBeGreaterThan(0);
    await staff.send('POST', '/studio/api/draft/reset', { revision: broken.body.revision });
    const bad = await staff.send('POST', '/studio/api/try', { lang: 'de', channel: 'webchat' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^lang: /);
  });
});
