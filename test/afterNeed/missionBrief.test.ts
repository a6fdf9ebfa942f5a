import { MISSION_BRIEF } from '../../src/missions/briefTask';
import { MISSION_PREPARATION } from '../../src/missions/preparation';
import { type FollowWorld, makeFollowWorld } from './followUpsWorld';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 4, 4, 8, 0); // 2026-05-04

describe('an accepted need: its mission brief and how to prepare', () => {
  let w: FollowWorld;
  beforeEach(async () => {
    w = await makeFollowWorld(T0);
  });
  afterEach(() => w.close());

  const accept = (needId: string) => {
    w.clock.advance(3 * MINUTE);
    w.fake.edit('Besoins', needId, { Statut: 'Accepté' });
    w.clock.advance(MINUTE);
  };

  test('one brief, anonymised and linked to the need, once, across polls, status changes and a restart; preparation told once in Teams', async () => {
    await w.teamsConversation('conv-teams');
    const { needId } = await w.seedNeed('PBL-2026-00042', { Conversation: 'conv-teams' });
    const a = w.instance();
    expect(await a.watcher.poll()).toMatchObject({ read: 1 });
    expect(await a.outbox.list({ kind: MISSION_BRIEF })).toEqual([]);

    accept(needId);
    const acceptedAt = w.clock.now();
    await a.watcher.poll();
    expect((await a.outbox.list({ kind: MISSION_BRIEF })).map((t) => [t.id, t.subject])).toEqual([['PBL-2026-00042', 'conv-teams']]);
    expect((await a.outbox.list({ kind: MISSION_PREPARATION })).map((t) => t.id)).toEqual(['PBL-2026-00042']);
    await a.drain();

    const missions = w.fake.records('Missions');
    expect(missions).toHaveLength(1);
    const brief = missions[0].fields;
    expect(brief).toMatchObject({ 'Référence besoin': 'PBL-2026-00042', Besoin: [needId], Compétences: ['Communication et marketing'], Échéance: '2026-09-30' });
    expect(typeof brief.Titre).toBe('string');
    // Dated by the injected clock (the virtual one, moved on by the requests' pacing), not today.
    expect(Date.parse(String(brief['Créée le']))).toBeGreaterThanOrEqual(acceptedAt);
    expect(Date.parse(String(brief['Créée le']))).toBeLessThanOrEqual(w.clock.now());
    // Not named: the structure's name and address are nowhere in the brief.
    expect(JSON.stringify(brief)).not.toMatch(/Jardins|camille@example\.org/);
    expect(String(brief.Problème)).toMatch(/refaire leur site web/);

    // Teams keeps the conversation: told there (after the status message), no mail.
    const told = w.channel.take().map((d) => d.activity.text as string);
    expect(told).toHaveLength(2);
    expect(told[0]).toMatch(/PBL-2026-00042/);
    expect(told[1]).toMatch(/PBL-2026-00042|Probono Booster/);
    expect(w.mail.mails).toEqual([]);

    // Staff go back and forth on the status, and the server restarts: nothing more.
    w.clock.advance(10 * MINUTE);
    w.fake.edit('Besoins', needId, { Statut: 'En cours' });
    w.clock.advance(MINUTE);
    await a.watcher.poll();
    w.fake.edit('Besoins', needId, { Statut: 'Accepté' });
    w.clock.advance(MINUTE);
    const b = w.instance();
    await b.watcher.poll();
    await b.drain();
    expect(w.fake.records('Missions')).toHaveLength(1);
    expect(w.channel.take().filter((d) => /Probono Booster/.test(d.activity.text))).toEqual([]);
  });

  test('a brief staff already edited is never overwritten, and the task retried after Airtable failed still makes one', async () => {
    const { needId } = await w.seedNeed('PBL-2026-00043');
    const a = w.instance();
    accept(needId);
    // Airtable refuses the brief's write once (a 422 is not retried within the request: the task fails and waits its back-off).
    let refused = 0;
    w.fake.fault = (req) => (req.method === 'PATCH' && req.path.includes('Missions') && refused++ < 1 ? { status: 422, body: { error: { type: 'INVALID_VALUE_FOR_COLUMN', message: 'injected' } } } : undefined);
    await a.watcher.poll();
    await a.drain();
    expect(w.fake.records('Missions')).toHaveLength(0);
    const [task] = await a.outbox.list({ kind: MISSION_BRIEF });
    expect(task).toMatchObject({ status: 'pending', attempts: 1 });

    w.setTo(task.nextAttemptAt);
    await w.instance().drain();
    expect(w.fake.records('Missions')).toHaveLength(1);
    const [mission] = w.fake.records('Missions');
    w.fake.edit('Missions', mission.id, { Titre: 'Titre revu par l’équipe' });
    // A second queueing of the same need (another base, a lost mark) leaves the edited brief alone.
    const again = w.instance();
    await again.outbox.enqueue(MISSION_BRIEF, 'PBL-2026-00043:again', { reference: 'PBL-2026-00043' });
    await again.drain();
    expect(w.fake.records('Missions')).toHaveLength(1);
    expect(w.fake.records('Missions')[0].fields.Titre).toBe('Titre revu par l’équipe');
  });

  test('the website chat: how to prepare goes by mail too (the page is closed by then), in the need’s language', async () => {
    const { needId } = await w.seedNeed('PBL-2026-00044', { Conversation: 'conv-web', Langue: 'en' });
    const a = w.instance();
    accept(needId);
    await a.watcher.poll();
    await a.drain();
    expect(w.mail.mails).toEqual([
      expect.objectContaining({ id: 'preparation:PBL-2026-00044', to: 'camille@example.org', lang: 'en', template: 'preparation', subject: 'conv-web' }),
    ]);
    expect(w.mail.mails[0].vars).toMatchObject({ reference: 'PBL-2026-00044' });
    for (const part of ['will', 'will_not', 'who', 'bring']) expect(String(w.mail.mails[0].vars[part])).not.toBe('');
  });

  test('a base not set up again since the upgrade (no « Fin de mission »): statuses are still told, briefs wait for setup', async () => {
    const besoins = w.fake.table('Besoins');
    const missing = besoins.fields.find((f) => f.name === 'Fin de mission')!;
    besoins.fields.splice(besoins.fields.indexOf(missing), 1);
    await w.teamsConversation('conv-old-base');
    const { needId } = await w.seedNeed('PBL-2026-00045', { Conversation: 'conv-old-base' });
    const a = w.instance();
    accept(needId);
    expect(await a.watcher.poll()).toMatchObject({ sent: 1 });
    expect(w.channel.take()).toHaveLength(1);
    expect(await a.outbox.list({ kind: MISSION_BRIEF })).toEqual([]);
    expect(w.logLines().some((l) => /airtable:setup/.test(String(l.msg)))).toBe(true);

    // `airtable:setup` adds the field: the need, not yet past the mark, gets its brief; its status is not told twice.
    besoins.fields.push(missing);
    w.clock.advance(MINUTE);
    await a.watcher.poll();
    await a.drain();
    expect(w.fake.records('Missions')).toHaveLength(1);
    expect(w.channel.take().filter((d) => /acceptée/.test(d.activity.text))).toEqual([]);
  });

  test('published missions: what staff tick is copied for the partners, kept while Airtable refuses and after a restart, and forgotten on erasure', async () => {
    const first = await w.seedNeed('PBL-2026-00046');
    const second = await w.seedNeed('PBL-2026-00047');
    const a = w.instance();
    await a.watcher.poll();
    w.clock.advance(3 * MINUTE);
    for (const { needId } of [first, second]) w.fake.edit('Besoins', needId, { Statut: 'Accepté' });
    w.clock.advance(MINUTE);
    await a.watcher.poll();
    await a.drain();
    const [one, two] = w.fake.records('Missions');
    expect(await a.follow.published.refresh()).toEqual({ published: 0, skipped: 0 });

    w.fake.edit('Missions', one.id, { Publiée: true });
    // Ticked, but staff emptied the need's reference (the mission's id for the partners): not served, said in the log.
    w.fake.edit('Missions', two.id, { Publiée: true, 'Référence besoin': '' });
    expect(await a.follow.published.refresh()).toEqual({ published: 1, skipped: 1 });
    const [served] = await a.follow.published.list();
    expect(served).toMatchObject({ needReference: one.fields['Référence besoin'], title: one.fields.Titre, skills: ['Communication et marketing'], deadline: '2026-09-30' });
    expect(w.logLines().some((l) => l.msg === 'a published mission is incomplete in Airtable: not served' && l.recordId === two.id)).toBe(true);

    // Airtable refusing every read (a revoked token), and a restart: the copy is what the partners still get.
    w.fake.forbidden = true;
    const b = w.instance();
    await expect(b.follow.published.refresh()).rejects.toThrow();
    expect((await b.follow.published.list()).map((m) => m.needReference)).toEqual([served.needReference]);

    await b.follow.published.forget([served.needReference]);
    expect(await b.follow.published.list()).toEqual([]);
  });
});
