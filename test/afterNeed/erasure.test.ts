import { MemoryStorage } from 'botbuilder';
import { AIRTABLE_ERASURE, airtableErasureHandler, ERASURE_POLICY, type ErasurePayload } from '../../src/airtable/erasureTask';
import { EVALUATION_INVITATION } from '../../src/evaluations/invitationTask';
import { eraseConversation } from '../../src/privacy/eraseConversation';
import { OutboxWorker } from '../../src/stores/outboxWorker';
import { BASE } from '../airtable/helpers';
import { type FollowWorld, makeFollowWorld } from './followUpsWorld';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 5, 10, 8, 0);

describe('erasure covers what followed the need', () => {
  let w: FollowWorld;
  beforeEach(async () => {
    w = await makeFollowWorld(T0);
  });
  afterEach(() => w.close());

  test('its brief, its evaluations and its scheduled invitations are deleted with the conversation; another need keeps its own', async () => {
    const mine = await w.seedNeed('PBL-2026-00060', { Conversation: 'conv-erase' });
    const theirs = await w.seedNeed('PBL-2026-00061', { Conversation: 'conv-other' });
    const a = w.instance();
    await a.watcher.poll();
    w.clock.advance(3 * MINUTE);
    for (const { needId } of [mine, theirs]) w.fake.edit('Besoins', needId, { Statut: 'Accepté', 'Fin de mission': '2026-06-12' });
    w.clock.advance(MINUTE);
    await a.watcher.poll();
    await a.drain();
    expect(w.fake.records('Missions')).toHaveLength(2);
    // An evaluation answered for each (written by the answers' task, as a completed evaluation does).
    for (const [reference, conversationId] of [['PBL-2026-00060', 'conv-erase'], ['PBL-2026-00061', 'conv-other']]) {
      await a.follow.service.record(
        { reference, kind: 'hot', missionEnd: '2026-06-12', lang: 'fr', needConversationId: conversationId },
        { Référence: `${reference} · À chaud`, 'Référence besoin': reference, Type: 'À chaud', Satisfaction: 5, 'Répondu le': new Date(w.clock.now()).toISOString() },
      );
    }
    await a.drain();
    expect(w.fake.records('Évaluations')).toHaveLength(2);
    const pendingOf = async (subject: string) => (await a.outbox.list({ kind: EVALUATION_INVITATION, status: 'pending' })).filter((t) => t.subject === subject).length;
    expect(await pendingOf('conv-erase')).toBe(2); // hot and medium term, not due yet
    expect(await pendingOf('conv-other')).toBe(2);

    const report = await eraseConversation(
      { storage: new MemoryStorage(), journal: w.journal, references: w.references, outbox: a.outbox, airtable: true, channelIds: ['webchat'], log: w.logger },
      'conv-erase',
      'webchat',
    );
    expect(report.references).toEqual(['PBL-2026-00060']);
    // Locally at once: nothing scheduled for that conversation any more.
    expect(await pendingOf('conv-erase')).toBe(0);
    expect(await pendingOf('conv-other')).toBe(2);
    expect(await a.outbox.list({ subject: 'conv-erase' })).toEqual([]);

    // The staff base's part, by the erasure task.
    const worker = new OutboxWorker<ErasurePayload>({
      outbox: a.outbox,
      kind: AIRTABLE_ERASURE,
      handler: airtableErasureHandler({ request: w.request, baseId: BASE, claims: w.claims }),
      policy: ERASURE_POLICY,
      logger: w.logger,
      now: w.clock.now,
    });
    expect(await worker.runDue()).toMatchObject({ done: 1 });
    expect(w.fake.records('Missions').map((r) => r.fields['Référence besoin'])).toEqual(['PBL-2026-00061']);
    expect(w.fake.records('Évaluations').map((r) => r.fields['Référence besoin'])).toEqual(['PBL-2026-00061']);
    expect(w.fake.records('Besoins').map((r) => r.fields.Référence)).toEqual(['PBL-2026-00061']);

    // Four months on: only the other need is invited (its hot evaluation was answered above).
    w.setTo(Date.UTC(2026, 9, 12, 8, 0));
    const before = w.mail.mails.length;
    await w.instance().drain();
    expect(w.mail.mails.slice(before).map((m) => m.vars.reference)).toEqual(['PBL-2026-00061']);
  });
});
