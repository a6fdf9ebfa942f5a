import { flowStatusTexts } from '../../src/airtable/statusDelivery';
import { modifiedSinceFormula, StatusWatcher, WATCHED_FIELDS } from '../../src/airtable/statusWatcher';
import { BASE, maxInAnyWindow } from './helpers';
import { expectedText, makeWatcherWorld, referenceFor, T0, type WatcherWorld } from './statusWatcherHelpers';

const MINUTE = 60_000;

describe('StatusWatcher', () => {
  let w: WatcherWorld;
  beforeEach(async () => {
    w = await makeWatcherWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  /** Two associations, one French and one English, each in its own conversation. */
  async function twoConversations() {
    await w.references.save('conv-fr', referenceFor(w.channel, 'conv-fr'));
    await w.references.save('conv-en', referenceFor(w.channel, 'conv-en', { locale: 'en-GB' }));
    w.besoins.set('PBL-2026-00001', { Statut: 'Nouveau', Conversation: 'conv-fr', Langue: 'fr', Description: 'Refaire le site' });
    w.besoins.set('PBL-2026-00002', { Statut: 'Nouveau', Conversation: 'conv-en', Langue: 'en' });
    // Recorded a while ago (beyond the 2-minute overlap of the first poll).
    await w.clock.sleep(3 * MINUTE);
  }

  const later = (ms = 5 * MINUTE) => w.clock.sleep(ms);

  it('tells an accepted need, in French, in its own conversation, once across several polls', async () => {
    await twoConversations();
    const watcher = w.watcher();
    expect(await watcher.poll()).toMatchObject({ read: 2, sent: 0, failed: 0 });
    expect(w.channel.take()).toEqual([]);

    await later();
    w.besoins.set('PBL-2026-00001', { Statut: 'Accepté' });
    const report = await watcher.poll();
    expect(report).toMatchObject({ read: 1, sent: 1, skipped: 0, failed: 0, aborted: false });
    const [delivered, ...rest] = w.channel.take();
    expect(rest).toEqual([]);
    expect(delivered.conversationId).toBe('conv-fr');
    expect(delivered.activity).toMatchObject({
      type: 'message',
      text: expectedText('status.accepted', 'fr', 'PBL-2026-00001'),
      conversation: { id: 'conv-fr' },
      channelId: 'webchat',
    });
    expect(delivered.activity.text).toMatch(/^Bonne nouvelle[\u00a0 ]: votre demande PBL-2026-00001 a été acceptée/);
    // Not a reply to the user's last message (the stored reference has no activityId).
    expect(delivered.activity.replyToId).not.toBe('incoming-conv-fr');
    expect(await w.notifications.get('PBL-2026-00001', 'Accepté')).toMatchObject({ outcome: 'sent' });

    // Several polls later, within and beyond the overlap: nothing more.
    for (const gap of [10_000, MINUTE, 10 * MINUTE]) {
      await later(gap);
      await watcher.poll();
    }
    // Also after a restart (a new watcher on the same database).
    await w.watcher().poll();
    // And when the record changes again without a new status (staff edit the description).
    w.besoins.set('PBL-2026-00001', { Description: 'Refaire le site et le logo' });
    expect(await watcher.poll()).toMatchObject({ read: 1, sent: 0 });
    expect(w.channel.take()).toEqual([]);
    expect(w.turnErrors).toEqual([]);
  });

  it("writes in the need's language: a redirected English need gets the English text", async () => {
    await twoConversations();
    const watcher = w.watcher();
    w.besoins.set('PBL-2026-00002', { Statut: 'Réorienté' });
    expect(await watcher.poll()).toMatchObject({ sent: 1 });
    const delivered = w.channel.take();
    expect(delivered).toHaveLength(1);
    expect(delivered[0].conversationId).toBe('conv-en');
    expect(delivered[0].activity.text).toBe(expectedText('status.redirected', 'en', 'PBL-2026-00002'));
    expect(delivered[0].activity.text).toMatch(/^We've looked carefully at your request PBL-2026-00002/);
    await later();
    await watcher.poll();
    expect(w.channel.take()).toEqual([]);
  });

  it('tells a second status once, and a status value already told never again (once per distinct value)', async () => {
    await twoConversations();
    const watcher = w.watcher();
    w.besoins.set('PBL-2026-00001', { Statut: 'Accepté' });
    await watcher.poll();
    expect(w.channel.take().map((d) => d.activity.text)).toEqual([expectedText('status.accepted', 'fr', 'PBL-2026-00001')]);

    await later();
    w.besoins.set('PBL-2026-00001', { Statut: 'Réorienté' });
    await watcher.poll();
    await later();
    await watcher.poll();
    const second = w.channel.take();
    expect(second.map((d) => [d.conversationId, d.activity.text])).toEqual([
      ['conv-fr', expectedText('status.redirected', 'fr', 'PBL-2026-00001')],
    ]);

    // Back and forth: Accepté → En revue → Accepté, polled at each step. Nothing new to tell.
    for (const statut of ['Accepté', 'En revue', 'Accepté', 'Réorienté']) {
      await later();
      w.besoins.set('PBL-2026-00001', { Statut: statut });
      await watcher.poll();
    }
    expect(w.channel.take()).toEqual([]);
  });

  it('ignores the other statuses', async () => {
    await twoConversations();
    const watcher = w.watcher();
    for (const statut of ['En revue', 'Non éligible', 'Clos', 'Nouveau']) {
      w.besoins.set('PBL-2026-00001', { Statut: statut });
      w.besoins.set('PBL-2026-00002', { Statut: statut });
      await watcher.poll();
      await later();
    }
    expect(w.channel.attempts).toBe(0);
  });

  it('retries a send the channel refused (500) at the next poll, then tells it once', async () => {
    await twoConversations();
    const watcher = w.watcher();
    w.besoins.set('PBL-2026-00001', { Statut: 'Accepté' });
    w.channel.failWith = 500;
    const first = await watcher.poll();
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    expect(w.channel.attempts).toBeGreaterThan(0);
    expect(w.channel.take()).toEqual([]);
    expect(await w.notifications.wasNotified('PBL-2026-00001', 'Accepté')).toBe(false);
    // The failure did not go to onTurnError (which would tell the user "technical problem").
    expect(w.turnErrors).toEqual([]);
    expect(w.logLines().some((l) => l.msg === 'status change not told yet; retrying at the next poll' && l.attempt === 1)).toBe(true);

    // Long after the overlap: the change is still found, since the mark did not move.
    await later(30 * MINUTE);
    w.channel.failWith = undefined;
    expect(await watcher.poll()).toMatchObject({ sent: 1, failed: 0 });
    const delivered = w.channel.take();
    expect(delivered.map((d) => [d.conversationId, d.activity.text])).toEqual([
      ['conv-fr', expectedText('status.accepted', 'fr', 'PBL-2026-00001')],
    ]);
    for (let i = 0; i < 3; i++) {
      await later();
      await watcher.poll();
    }
    expect(w.channel.take()).toEqual([]);
  });

  it('counts a send the channel never answers as failed (sendTimeoutMs), and retries it', async () => {
    await twoConversations();
    // The send runs out of time when the channel leaves it unanswered: no real 300 ms to wait.
    const watcher = w.watcher({ sendTimeoutMs: 300, sendTimer: w.channel.sendTimer() });
    w.besoins.set('PBL-2026-00002', { Statut: 'Accepté' });
    w.channel.hang = true;
    expect(await watcher.poll()).toMatchObject({ sent: 0, failed: 1 });
    expect(w.logLines().some((l) => String(l.failure).includes('no answer from the channel within 300 ms'))).toBe(true);
    w.channel.hang = false;
    await later();
    expect(await watcher.poll()).toMatchObject({ sent: 1 });
    expect(w.channel.take().map((d) => d.activity.text)).toEqual([expectedText('status.accepted', 'en', 'PBL-2026-00002')]);
  });

  it('gives a failing send up after maxSendAttempts polls: skipped with the reason, and the mark moves on', async () => {
    await twoConversations();
    const watcher = w.watcher({ maxSendAttempts: 3 });
    w.besoins.set('PBL-2026-00001', { Statut: 'Accepté' });
    w.channel.failWith = 403;
    expect(await watcher.poll()).toMatchObject({ failed: 1 });
    await later();
    expect(await watcher.poll()).toMatchObject({ failed: 1 });
    await later();
    expect(await watcher.poll()).toMatchObject({ failed: 0, skipped: 1 });
    expect(await w.notifications.get('PBL-2026-00001', 'Accepté')).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/^gave up after 3 failed attempts: HTTP 403/),
    });
    const attempts = w.channel.attempts;
    w.channel.failWith = undefined;
    await later(30 * MINUTE);
    expect(await watcher.poll()).toMatchObject({ read: 0 });
    expect(w.channel.attempts).toBe(attempts);
  });

  it('skips, with the reason in the log, a need whose conversation is unknown, and does not retry it', async () => {
    const watcher = w.watcher();
    w.besoins.set('PBL-2026-00009', { Statut: 'Accepté', Conversation: 'conv-from-another-bot', Langue: 'fr' });
    w.besoins.set('PBL-2026-00010', { Statut: 'Réorienté', Langue: 'fr' });
    expect(await watcher.poll()).toMatchObject({ sent: 0, skipped: 2, failed: 0 });
    expect(await w.notifications.get('PBL-2026-00009', 'Accepté')).toMatchObject({
      outcome: 'skipped',
      reason: 'no conversation reference is known for this conversation',
    });
    expect(await w.notifications.get('PBL-2026-00010', 'Réorienté')).toMatchObject({ outcome: 'skipped', reason: 'the need has no Conversation' });
    const skippedLines = w.logLines().filter((l) => l.msg === 'status change not told to the association (skipped for good)');
    expect(skippedLines.map((l) => [l.reference, l.status, l.reason])).toEqual([
      ['PBL-2026-00009', 'Accepté', 'no conversation reference is known for this conversation'],
      ['PBL-2026-00010', 'Réorienté', 'the need has no Conversation'],
    ]);
    await later();
    expect(await watcher.poll()).toMatchObject({ read: 2, sent: 0, skipped: 0 });
    // The conversation becomes known later: the skipped pair stays skipped.
    await w.references.save('conv-from-another-bot', referenceFor(w.channel, 'conv-from-another-bot'));
    w.besoins.set('PBL-2026-00009', { Description: 'edited' });
    expect(await watcher.poll()).toMatchObject({ read: 1, sent: 0, skipped: 0 });
    expect(w.channel.attempts).toBe(0);
  });

  it('a reference read the store keeps failing on is counted like a failed send: given up, and the mark moves on', async () => {
    await twoConversations();
    const watcher = w.watcher({ maxSendAttempts: 3 });
    w.besoins.set('PBL-2026-00001', { Statut: 'Accepté' });
    // The store breaks under the watcher (a lost table): every read of a conversation reference fails.
    w.db.exec('DROP TABLE conversation_references');
    expect(await watcher.poll()).toMatchObject({ failed: 1, skipped: 0 });
    expect(await w.watermarks.get(`statusWatcher:${BASE}:Besoins`)).toBeUndefined();
    await later();
    expect(await watcher.poll()).toMatchObject({ failed: 1, skipped: 0 });
    await later();
    expect(await watcher.poll()).toMatchObject({ failed: 0, skipped: 1 });
    expect(await w.notifications.get('PBL-2026-00001', 'Accepté')).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/^gave up after 3 failed attempts: the store failed: .*no such table/),
    });
    // The mark moved past the change: the next polls no longer read it.
    const mark = await w.watermarks.get(`statusWatcher:${BASE}:Besoins`);
    expect(mark).toBe(new Date(w.clock.now()).toISOString());
    await later(30 * MINUTE);
    expect(await watcher.poll()).toMatchObject({ read: 0, failed: 0 });
    expect(w.channel.attempts).toBe(0);
  });

  it('a store that cannot even record the give-up: the pair is given up all the same, and the mark moves on', async () => {
    await twoConversations();
    const watcher = w.watcher({ maxSendAttempts: 2 });
    w.besoins.set('PBL-2026-00002', { Statut: 'Réorienté' });
    w.db.exec('DROP TABLE status_notifications');
    expect(await watcher.poll()).toMatchObject({ failed: 1 });
    await later();
    expect(await watcher.poll()).toMatchObject({ failed: 0, skipped: 1 });
    expect(w.logLines().some((l) => l.msg === 'status watcher could not record a given-up status change' && l.reference === 'PBL-2026-00002')).toBe(true);
    await later(30 * MINUTE);
    expect(await watcher.poll()).toMatchObject({ read: 0 });
    expect(w.channel.attempts).toBe(0);
  });

  it('defaults to French when Langue is empty', async () => {
    await w.references.save('conv-x', referenceFor(w.channel, 'conv-x'));
    w.besoins.set('PBL-2026-00003', { Statut: 'Réorienté', Conversation: 'conv-x' });
    await w.watcher().poll();
    expect(w.channel.take().map((d) => d.activity.text)).toEqual([expectedText('status.redirected', 'fr', 'PBL-2026-00003')]);
  });

  it('sends the expected formula and the four fields only, by POST …/listRecords', async () => {
    await twoConversations();
    const watcher = w.watcher();
    await watcher.poll();
    // No high-water mark yet (first poll at 10:03): 24 h back, minus the 2-minute overlap.
    expect(w.besoins.requests).toHaveLength(1);
    expect(w.besoins.requests[0]).toMatchObject({
      method: 'POST',
      path: `/v0/${BASE}/Besoins/listRecords`,
      body: {
        filterByFormula: "IS_AFTER(LAST_MODIFIED_TIME(), '2026-02-28T10:01:00Z')",
        fields: ['Référence', 'Statut', 'Conversation', 'Langue'],
        pageSize: 100,
      },
    });
    expect(Object.keys(w.besoins.requests[0].body).sort()).toEqual(['fields', 'filterByFormula', 'pageSize']);
    expect(await w.watermarks.get(`statusWatcher:${BASE}:Besoins`)).toBe('2026-03-01T10:03:00.000Z');

    // The next poll starts from the previous poll's start, minus the overlap.
    await w.clock.sleep(60_000);
    await watcher.poll();
    expect(w.besoins.requests[1].body.filterByFormula).toBe("IS_AFTER(LAST_MODIFIED_TIME(), '2026-03-01T10:01:00Z')");

    // The mark survives a restart.
    await w.clock.sleep(60_000);
    await w.watcher().poll();
    expect(w.besoins.requests[2].body.filterByFormula).toBe("IS_AFTER(LAST_MODIFIED_TIME(), '2026-03-01T10:02:00Z')");
    expect(WATCHED_FIELDS).toEqual(['Référence', 'Statut', 'Conversation', 'Langue']);
  });

  it('formats the bound itself (whole seconds, UTC) and refuses a non-time', () => {
    expect(modifiedSinceFormula(Date.UTC(2026, 2, 1, 10, 0, 0, 999))).toBe("IS_AFTER(LAST_MODIFIED_TIME(), '2026-03-01T10:00:00Z')");
    expect(() => modifiedSinceFormula(NaN)).toThrow(RangeError);
  });

  it('reads modified records only', async () => {
    await twoConversations();
    for (let i = 3; i <= 30; i++) w.besoins.set(`PBL-2026-${String(i).padStart(5, '0')}`, { Statut: 'En revue', Conversation: `conv-${i}`, Langue: 'fr' });
    await later(10 * MINUTE);
    const watcher = w.watcher();
    expect(await watcher.poll()).toMatchObject({ read: 30 });
    await later(10 * MINUTE);
    w.besoins.set('PBL-2026-00002', { Statut: 'Accepté' });
    expect(await watcher.poll()).toMatchObject({ read: 1, sent: 1 });
    // Changed just before that poll started: read once more (the overlap), not told again.
    await later(10 * MINUTE);
    expect(await watcher.poll()).toMatchObject({ read: 1, sent: 0 });
    await later(10 * MINUTE);
    expect(await watcher.poll()).toMatchObject({ read: 0, sent: 0 });
  });

  it('pages through offset and stays within the base limiter (≤ 5 requests in any second)', async () => {
    await w.references.save('conv-fr', referenceFor(w.channel, 'conv-fr'));
    for (let i = 1; i <= 23; i++) {
      w.besoins.set(`PBL-2026-${String(i).padStart(5, '0')}`, { Statut: i === 23 ? 'Accepté' : 'En revue', Conversation: 'conv-fr', Langue: 'fr' });
    }
    const watcher = w.watcher({ pageSize: 2 });
    // Another user of the same base at the same time (the needs sync, an export…).
    const other = Promise.all(Array.from({ length: 6 }, () => w.request({ method: 'POST', path: `/v0/${BASE}/Besoins/listRecords`, body: { pageSize: 1 } })));
    const [report] = await Promise.all([watcher.poll(), other]);
    expect(report).toMatchObject({ read: 23, sent: 1 });
    const pages = w.besoins.requests.filter((r) => r.body?.pageSize === 2);
    expect(pages).toHaveLength(12);
    expect(pages.map((r) => r.body.offset)).toEqual([undefined, ...Array.from({ length: 11 }, (_, i) => `itr/${(i + 1) * 2}`)]);
    expect(w.besoins.requests).toHaveLength(18);
    // Every request went through the base's limiter, which let at most 5 start in any second…
    const grants = w.limiter.grants;
    expect(grants).toHaveLength(18);
    expect(maxInAnyWindow(grants, 1000)).toBeLessThanOrEqual(5);
    // …so it did have to wait: 18 requests cannot start within 3 seconds.
    expect(Math.max(...grants) - Math.min(...grants)).toBeGreaterThanOrEqual(3 * 1000);
    expect(w.channel.take().map((d) => d.activity.text)).toEqual([expectedText('status.accepted', 'fr', 'PBL-2026-00023')]);
  });

  it('keeps the mark and sends nothing when Airtable cannot be read; never throws', async () => {
    await twoConversations();
    w.besoins.set('PBL-2026-00001', { Statut: 'Accepté' });
    const watcher = w.watcher();
    w.besoins.fault = () => 422;
    const report = await watcher.poll();
    expect(report.error).toMatch(/Airtable 422 FAULT/);
    expect(report.sent).toBe(0);
    expect(await w.watermarks.get(`statusWatcher:${BASE}:Besoins`)).toBeUndefined();
    // A transient outage: the request function retries (3 attempts here), then gives up for this poll.
    w.besoins.fault = () => 503;
    expect((await watcher.poll()).error).toMatch(/unavailable after 3 attempt/);
    w.besoins.fault = undefined;
    expect(await watcher.poll()).toMatchObject({ sent: 1 });
    expect(w.channel.take()).toHaveLength(1);
  });

  it('does not tell a pair twice when polls overlap (a poll in progress is shared)', async () => {
    await twoConversations();
    w.besoins.set('PBL-2026-00001', { Statut: 'Accepté' });
    const watcher = w.watcher();
    const [a, b] = await Promise.all([watcher.poll(), watcher.poll()]);
    expect(a).toBe(b);
    expect(w.channel.take()).toHaveLength(1);
  });

  it('start() polls in the background until stop(), whatever happens', async () => {
    await twoConversations();
    const watcher = w.watcher();
    w.besoins.fault = (_req, i) => (i === 0 ? 422 : undefined);
    watcher.start(20);
    await waitFor(() => w.besoins.requests.length >= 3);
    w.besoins.set('PBL-2026-00002', { Statut: 'Accepté' });
    await waitFor(() => w.channel.delivered.length >= 1);
    await watcher.stop();
    const count = w.besoins.requests.length;
    await new Promise((r) => setImmediate(r));
    expect(w.besoins.requests.length).toBe(count);
    expect(w.channel.take().map((d) => d.activity.text)).toEqual([expectedText('status.accepted', 'en', 'PBL-2026-00002')]);
    // It can start again.
    watcher.start(20);
    await waitFor(() => w.besoins.requests.length > count);
    await watcher.stop();
  });

  it('stop() ends a poll stuck in retries', async () => {
    const watcher = w.watcher({ maxAttempts: Infinity });
    w.besoins.fault = () => 503;
    watcher.start(10);
    await waitFor(() => w.besoins.requests.length >= 2);
    await watcher.stop();
    const report = await watcher.poll().catch((e) => e);
    expect(report).toMatchObject({ aborted: true });
  });
});

describe('flowStatusTexts', () => {
  const flow = {
    texts: {
      'status.accepted': { fr: 'Bonne nouvelle : votre demande {{reference}} a été acceptée.', en: 'Good news: your request {{reference}} has been accepted.' },
    },
  };

  it('renders the text of dialogs/texts.yaml in the language asked', () => {
    const texts = flowStatusTexts(flow);
    expect(texts('Accepté', 'fr', { reference: 'PBL-2026-00001' })).toBe('Bonne nouvelle : votre demande PBL-2026-00001 a été acceptée.');
    expect(texts('Accepté', 'en', { reference: 'PBL-2026-00001' })).toBe('Good news: your request PBL-2026-00001 has been accepted.');
    expect(texts('Réorienté', 'fr', { reference: 'PBL-2026-00001' })).toBeUndefined();
  });

  it('a missing text is a failure retried at the next poll, not a silent success', async () => {
    const w = await makeWatcherWorld();
    try {
      await w.references.save('conv-fr', referenceFor(w.channel, 'conv-fr'));
      w.besoins.set('PBL-2026-00001', { Statut: 'Réorienté', Conversation: 'conv-fr', Langue: 'fr' });
      const watcher: StatusWatcher = w.watcher({ texts: flowStatusTexts(flow) });
      expect(await watcher.poll()).toMatchObject({ sent: 0, failed: 1 });
      expect(await w.notifications.wasNotified('PBL-2026-00001', 'Réorienté')).toBe(false);
      expect(w.logLines().some((l) => String(l.failure).includes('no status.redirected text in fr'))).toBe(true);
    } finally {
      await w.close();
    }
  });
});

/** Real time: for the background loop. */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

void T0;
