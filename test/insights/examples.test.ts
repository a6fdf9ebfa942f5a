/**
 * Exact insights for a few scripted conversations on the real dialogs/, played through the real
 * engine, recorded by the real recorder into the SQLite store, read back and reported.
 */
import path from 'node:path';
import { InsightsRecorder } from '../../src/insights/recorder';
import { insightsReport, type StepRow } from '../../src/insights/query';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteInsightsStore } from '../../src/stores/sqlite/sqliteInsightsStore';
import { sharedFlow } from '../support/channelHarness';
import { readScript } from '../support/conversationScript';
import { makeTempDir } from '../stores/tempDir';
import { EngineConversation, TestClock } from './support/engineConversation';

const flow = sharedFlow();
const SCRIPTS = path.join(__dirname, '..', 'conversations');
const userTurns = (file: string) => readScript(path.join(SCRIPTS, file)).turns.flatMap((t) => ('user' in t ? [t.user] : []));

describe('insights of scripted conversations on the real journey', () => {
  const temp = makeTempDir();
  const db = openDatabase(temp.dir);
  const store = new SqliteInsightsStore(db);
  const recorder = new InsightsRecorder(store, { timeZone: 'Europe/Paris', flushIntervalMs: 3_600_000 });
  const clock = new TestClock(new Date('2026-11-23T08:00:00Z'));
  const conversation = (channel: 'Site web' | 'Teams' | 'Slack', id: string) => new EngineConversation(flow, recorder, clock, channel, id);

  afterAll(async () => {
    await recorder.close();
    closeDatabase(db);
    temp.cleanup();
  });

  /** Plays typed turns; "passer" at an optional question is a skip. */
  async function play(c: EngineConversation, turns: string[], extra: Record<number, string> = {}) {
    for (const [i, text] of turns.entries()) {
      if (extra[i]) await c.say(extra[i]);
      const asked = c.state?.phase === 'asking' ? c.state.asking : undefined;
      const skip = text === 'passer' && asked && flow.stepById.get(asked)?.optional;
      await c.say(text);
      if (skip) expect(c.state!.answers[asked]).toEqual({ v: null });
    }
  }

  async function report(laterMs: number, by: ('channel' | 'lang')[] = []) {
    await recorder.flush();
    const { cells, versions } = await store.read();
    return insightsReport(cells, versions, { now: new Date(clock.now.getTime() + laterMs), by });
  }
  const figures = (rows: StepRow[], step: string) => {
    const r = rows.find((row) => row.step === step);
    return r && { reached: r.reached, answered: r.answered, reprompted: r.reprompted, why: r.why, skipped: r.skipped, stopped: r.stopped, inProgress: r.inProgress };
  };
  const f = (reached: number, answered: number, more: Partial<Record<'reprompted' | 'why' | 'skipped' | 'stopped' | 'inProgress', number>> = {}) => ({
    reached,
    answered,
    reprompted: 0,
    why: 0,
    skipped: 0,
    stopped: 0,
    inProgress: 0,
    ...more,
  });

  test('five journeys: completed, refused consent, a question that stopped applying, cancelled after a call back, not eligible', async () => {
    // A (web chat): the Booster journey, with "pourquoi" at the legal form and a bad year first.
    const a = conversation('Site web', 'a');
    const booster = userTurns('booster-ongoing-strategy.yaml');
    await play(a, booster, { 3: 'pourquoi', 6: 'bof' });
    expect(a.state!.phase).toBe('done');
    expect(a.state!.transcript.some((t) => t.text.includes('Probono Booster'))).toBe(true);

    // B (Teams): refuses consent, an early ending.
    const b = conversation('Teams', 'b');
    await b.say('bonjour');
    await b.say('non');
    expect(b.state!.phase).toBe('idle');

    // C (web chat): a cooperative is asked about its social purpose, then says it is an association after all.
    const c = conversation('Site web', 'c');
    await play(c, ['bonjour', 'oui', 'La Coop du Coin', 'coopérative', '732 829 320', '69001 Lyon', '2010', '5', '3', '300 k€', 'emploi des seniors', 'www.lacoopducoin.fr', 'oui']);
    expect(c.asking).toBe('financial_situation');
    expect(figures((await report(0)).steps, 'social_purpose')).toEqual(f(1, 1));
    await c.say('modifier forme juridique');
    await c.say('association');
    expect(c.asking).toBe('financial_situation');
    // Asked only of cooperatives, ESS companies and "other": it no longer applied, so it counts nothing.
    expect(figures((await report(0)).steps, 'social_purpose')).toBeUndefined();

    // D (Slack): asks to be called back, gives a name and a phone, then cancels at the legal form.
    const d = conversation('Slack', 'd');
    await play(d, ['bonjour', 'oui', 'Les Amis du Quartier', "parler à quelqu'un", 'Paul Durand']);
    await d.say('06 12 34 56 78');
    expect(d.state!.callback?.reference).toBeDefined();
    expect(d.asking).toBe('legal_form');
    await d.say('annuler');
    await d.say('oui');
    expect(d.state!.phase).toBe('idle');

    // E (Teams): critical finances, not eligible.
    const e = conversation('Teams', 'e');
    await play(e, userTurns('not-eligible-critical-finances.yaml'));
    expect(e.state!.phase).toBe('done');

    // Two hours later C has stopped at the financial situation (resume delay: 60 minutes).
    const later = await report(2 * 3_600_000);
    const rows = later.steps;
    expect(rows.every((r) => r.version === 1)).toBe(true);
    expect(figures(rows, 'consent')).toEqual(f(5, 5));
    expect(figures(rows, 'name')).toEqual(f(4, 4));
    expect(figures(rows, 'legal_form')).toEqual(f(4, 3, { why: 1, stopped: 1 }));
    expect(rows.find((r) => r.step === 'legal_form')!.cancelled).toBe(1);
    expect(figures(rows, 'structure_id')).toEqual(f(3, 3, { skipped: 1 }));
    expect(figures(rows, 'creation_year')).toEqual(f(3, 3, { reprompted: 1 }));
    expect(figures(rows, 'website')).toEqual(f(3, 3, { skipped: 2 }));
    expect(figures(rows, 'social_purpose')).toBeUndefined();
    expect(figures(rows, 'financial_situation')).toEqual(f(3, 2, { stopped: 1 }));
    expect(figures(rows, 'people_available')).toEqual(f(1, 1)); // E was told at the financial situation (a decisive criterion)
    expect(figures(rows, 'provider_budget')).toBeUndefined();
    // E's short need (told early, a decisive criterion): its contact questions count, no summary.
    expect(figures(rows, 'contact_name')).toEqual(f(2, 2));
    expect(figures(rows, 'phone')).toEqual(f(2, 2, { skipped: 1 }));
    expect(figures(rows, '@summary')).toEqual(f(1, 1));
    // Rows in journey order.
    expect(rows.map((r) => r.step)).toEqual([...flow.steps.map((s) => s.id).filter((id) => !['social_purpose', 'provider_budget', 'partner_consent_freelance'].includes(id)), '@summary']);

    const outcomes = Object.fromEntries(later.outcomes.map((o) => [`${o.kind}:${o.key}`, o.count]));
    expect(outcomes).toEqual({
      'started:': 5,
      'completed:': 2,
      'programme:Probono Booster': 1,
      'programme:Orientation externe': 1,
      'ending:consent_refused': 1,
      'not_eligible:': 1,
      'not_eligible:finances_not_critical': 1,
      'callback:': 1,
    });
    // A took 24 turns 20 s apart (460 s, in the (420 s, 480 s] bucket), E 19 (360 s, in (300 s, 360 s],
    // told early): the median of two is interpolated to the top of the lower bucket.
    expect(later.medianCompletionSeconds).toBe(360);

    // Ten minutes after the last turn, C is still in progress there.
    expect(figures((await report(10 * 60_000)).steps, 'financial_situation')).toEqual(f(3, 2, { inProgress: 1 }));

    // Per channel.
    const byChannel = (await report(2 * 3_600_000, ['channel'])).steps.filter((r) => r.step === 'legal_form');
    expect(byChannel.map((r) => [r.channel, r.reached, r.answered, r.why, r.stopped])).toEqual([
      ['Site web', 2, 2, 1, 0],
      ['Slack', 1, 0, 0, 1],
      ['Teams', 1, 1, 0, 0],
    ]);

    // Nothing in the counters is a text or an identifier of the conversations.
    const { cells } = await store.read();
    const everything = JSON.stringify(cells);
    for (const personal of ['Coop du Coin', 'Paul Durand', '06 12 34 56 78', 'Solidarité Seniors', '732 829 320', ' a"', 'PBL-']) expect(everything).not.toContain(personal);
  });
});
