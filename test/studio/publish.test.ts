import path from 'node:path';
import { DIALOGS_DIR } from '../../src/paths';
import { CaptureChannel } from '../support/channelHarness';
import { asList, normalise, readScript } from '../support/conversationScript';
import { captureLogs } from '../support/logCapture';
import { talk } from '../support/talk';
import { type StudioClient, StudioServer } from './support/studioWorld';

/**
 * From an edit to what associations see: scenarios replayed on the live version and the draft,
 * a publish refused until staff confirm a change of outcome, the new version served at once to
 * new conversations while one started before finishes on its own version, versions, diff and
 * rollback. The real server, the real bot on /api/messages.
 */
describe('studio: publish, versions, rollback', () => {
  const logs = captureLogs('info');
  // The scenarios' clock: their dates ("d'ici juin") read the same in the bot.
  const server = new StudioServer({ clock: () => new Date('2026-11-23T10:00:00+01:00'), log: logs.log });
  const channel = new CaptureChannel();
  let staff: StudioClient;
  beforeAll(async () => {
    await Promise.all([server.start(), channel.start()]);
    staff = await server.signIn();
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await channel.stop();
  });

  const STRUCTURE = 'dialogs/steps/02-structure.yaml';
  const RULES = 'dialogs/rules.yaml';
  const BOOSTER_SCENARIO = 'dialogs/scenarios/booster-strategie-dans-la-duree.yaml';
  // Scenarios expect "Quel est son nom ?": kept, so that only the Booster's outcome changes.
  const NEW_WORDING = 'Pour commencer, parlons de votre structure. Quel est son nom ?';
  const draft = async () => (await staff.get('/studio/api/journey')).body.draft;
  const booster = readScript(path.join(DIALOGS_DIR, 'scenarios', 'booster-strategie-dans-la-duree.yaml'));
  /** One conversation on /api/messages, checking each turn's replies against the scenario's expectations. */
  const play = async (say: ReturnType<typeof talk>, turns: typeof booster.turns) => {
    for (const turn of turns) {
      if (!('user' in turn)) throw new Error('only typed turns here');
      const replies = normalise(await say(turn.user, ''));
      for (const expected of asList(turn.bot)) expect(replies).toContain(normalise(expected));
    }
  };

  test('an edit that changes an outcome: reported by the scenarios, refused at publish until confirmed, then served', async () => {
    // Someone starts before the publish: welcomed on version 1.
    const before = talk(() => server.url, channel, 'conv-before-publish');
    await play(before, booster.turns.slice(0, 1));

    const start = await draft();
    const boosterIndex = start.parsed[RULES].programmes.findIndex((p: { value: string }) => p.value === 'Probono Booster');
    const peopleRule = start.parsed[RULES].programmes[boosterIndex].conditions.findIndex((c: any) => c.when?.field === 'people_available');
    const edited = await staff.send('PATCH', '/studio/api/draft', {
      revision: start.revision,
      ops: [
        { op: 'set', file: STRUCTURE, path: ['steps', 0, 'ask', 'fr'], value: NEW_WORDING },
        // A stricter Booster: four people available instead of two.
        { op: 'set', file: RULES, path: ['programmes', boosterIndex, 'conditions', peopleRule, 'when', 'gte'], value: 4 },
      ],
    });
    expect(edited.status).toBe(200);

    const run = await staff.send('POST', '/studio/api/scenarios/run');
    expect(run.status).toBe(200);
    expect(run.body.length).toBeGreaterThanOrEqual(10);
    const changed = run.body.filter((r: any) => r.changed);
    expect(changed.map((r: any) => r.file)).toEqual([BOOSTER_SCENARIO]);
    expect(changed[0]).toMatchObject({
      live: { programme: 'Probono Booster', eligible: true, callback: false, needs: 1, failures: [] },
      draft: { programme: 'Probono Factory', eligible: true, needs: 1 },
    });
    expect(changed[0].what).toEqual(expect.arrayContaining(['programme', 'passed', 'stored.Besoins.Programme recommandé']));
    expect(changed[0].draft.failures).toContainEqual({ turn: 0, expected: 'Besoins.Programme recommandé = "Probono Booster"', got: '"Probono Factory"' });

    const refused = await staff.send('POST', '/studio/api/publish', { revision: edited.body.revision, comment: 'Booster plus exigeant', confirm: [] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('outcomes_changed');
    expect(refused.body.changes.map((c: any) => c.file)).toEqual([BOOSTER_SCENARIO]);
    expect((await staff.get('/studio/api/versions')).body).toHaveLength(1);

    const published = await staff.send('POST', '/studio/api/publish', { revision: edited.body.revision, comment: 'Booster plus exigeant', confirm: [BOOSTER_SCENARIO] });
    expect(published.status).toBe(201);
    expect(published.body).toEqual({ version: 2 });
    expect(logs.lines()).toContainEqual(expect.objectContaining({ staff: 'local', action: 'publish', version: 2, msg: 'studio: published journey version 2' }));

    // The draft is gone: it is the new live version.
    expect(await draft()).toMatchObject({ revision: 0, basedOn: 2 });
    const versions = (await staff.get('/studio/api/versions')).body;
    expect(versions).toEqual([
      { number: 2, author: 'local', createdAt: expect.any(String), comment: 'Booster plus exigeant', live: true },
      { number: 1, author: 'repository', createdAt: expect.any(String), comment: '', live: false },
    ]);

    // A new conversation gets the new wording at once.
    const after = talk(() => server.url, channel, 'conv-after-publish');
    await after('bonjour', 'Acceptez-vous');
    expect(await after('oui', NEW_WORDING)).not.toContain('Commençons par votre structure');

    // The one started before finishes on version 1, unharmed: the old wording, and the Booster.
    expect(await before((booster.turns[1] as { user: string }).user, 'Commençons par votre structure. Quel est son nom\u202f?')).not.toContain('parlons');
    await play(before, booster.turns.slice(2));
    const [need] = await server.app.journal.byConversation('conv-before-publish');
    expect(need.record).toMatchObject({ Besoins: { 'Programme recommandé': 'Probono Booster' } });
  });

  test('the diff between two versions: the patches, and a summary in words', async () => {
    const diff = await staff.get('/studio/api/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(diff.body.files.map((f: any) => f.file)).toEqual([RULES, STRUCTURE]);
    const patch: string = diff.body.files.find((f: any) => f.file === STRUCTURE).patch;
    expect(patch).toContain(`--- version-1/${STRUCTURE}`);
    expect(patch).toContain(`+      fr: "${NEW_WORDING}"`);
    expect(diff.body.summary).toContainEqual({
      kind: 'question',
      id: 'name',
      change: 'changed',
      text: { fr: `Modification – question name : « ${NEW_WORDING} » (modifié : ask)`, en: `Changed – question name: "${NEW_WORDING}" (changed: ask)` },
    });
    expect(diff.body.summary.map((s: any) => [s.kind, s.id])).toContainEqual(['programme', 'Probono Booster']);
    // Live against a draft nobody started: nothing.
    expect((await staff.get('/studio/api/diff')).body).toEqual({ files: [], summary: [] });
    expect((await staff.get('/studio/api/diff?from=9')).status).toBe(404);
    expect((await staff.get('/studio/api/diff?from=draft')).status).toBe(400);
  });

  test('publishing a draft with issues is refused with them; rollback makes an earlier version live again, as a new version', async () => {
    const start = await draft();
    const broken = await staff.send('PATCH', '/studio/api/draft', { revision: start.revision, ops: [{ op: 'set', file: 'dialogs/flow.yaml', path: ['settings', 'reference_prefix'], value: 'pbl' }] });
    const refused = await staff.send('POST', '/studio/api/publish', { revision: broken.body.revision, comment: '', confirm: [] });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'issues', issues: [{ code: 'format.reference_prefix', file: 'dialogs/flow.yaml', path: ['settings', 'reference_prefix'] }] });
    await staff.send('POST', '/studio/api/draft/reset', { revision: broken.body.revision });

    const rolled = await staff.send('POST', '/studio/api/versions/1/rollback', { comment: 'Retour à la version 1' });
    expect(rolled.status).toBe(201);
    expect(rolled.body).toEqual({ version: 3 });
    expect(logs.lines()).toContainEqual(expect.objectContaining({ staff: 'local', action: 'rollback', version: 3, to: 1 }));
    const [v3, v1] = await Promise.all([staff.get('/studio/api/versions/3'), staff.get('/studio/api/versions/1')]);
    expect(v3.body.info).toMatchObject({ number: 3, author: 'local', comment: 'Retour à la version 1', basedOn: 1 });
    expect(v3.body.files).toEqual(v1.body.files);
    expect((await staff.get('/studio/api/versions')).body.map((v: any) => [v.number, v.live])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const fresh = talk(() => server.url, channel, 'conv-after-rollback');
    await fresh('bonjour', 'Acceptez-vous');
    expect(await fresh('oui', 'Commençons par votre structure. Quel est son nom\u202f?')).not.toContain('parlons');
    expect((await staff.get('/studio/api/versions/7')).status).toBe(404);
    expect((await staff.send('POST', '/studio/api/versions/7/rollback', {})).status).toBe(404);
  });
});
