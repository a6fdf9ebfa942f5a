/**
 * A process recording insights is killed (SIGKILL) after its state saves but before its last
 * flush: the counts of its last turns are lost, never a negative count. The next process finds
 * which journeys built on lost counts and stops counting them; the others go on exactly.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ConversationState } from '../../src/engine/state';
import { advanceTrack } from '../../src/insights/advance';
import { toCell } from '../../src/insights/cells';
import { dayIn } from '../../src/insights/day';
import { InsightsRecorder } from '../../src/insights/recorder';
import { insightsReport, type StepRow } from '../../src/insights/query';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteInsightsStore } from '../../src/stores/sqlite/sqliteInsightsStore';
import { sharedFlow } from '../support/channelHarness';
import { makeTempDir } from '../stores/tempDir';
import { EngineConversation, TestClock } from './support/engineConversation';

const flow = sharedFlow();
const START = '2026-11-23T08:00:00Z';

/** Runs the child until it is ready, then kills it with SIGKILL. */
async function runAndKill(dataDir: string, statesFile: string, plan: object): Promise<string> {
  const child = spawn(process.execPath, [path.join(__dirname, 'support', 'crashChild.js'), dataDir, statesFile, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const writer = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      output += d;
      const m = /ready (\S+)/.exec(output);
      if (m) resolve(m[1]);
    });
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready:\n${output}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return writer;
}

describe('insights across a crash', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  test('journeys whose last counts died with the process stop being counted; nothing goes negative; the others are exact', async () => {
    const statesFile = path.join(temp.dir, 'states.json');
    const deadWriter = await runAndKill(temp.dir, statesFile, {
      start: START,
      // x: three turns stored, one lost; y: all stored; z: begun after the flush, all lost.
      beforeFlush: [
        ['x', ['bonjour', 'oui', 'Les Jardins']],
        ['y', ['bonjour', 'oui', 'La Ressourcerie']],
      ],
      afterFlush: [
        ['x', ['association']],
        ['z', ['bonjour', 'oui']],
      ],
    });
    const saved = JSON.parse(fs.readFileSync(statesFile, 'utf8')) as Record<string, { state: ConversationState; track: { batch: { writer: string; seq: number } }; now: number }>;
    expect(saved.x.track.batch).toEqual({ writer: deadWriter, seq: 2 });
    expect(saved.y.track.batch).toEqual({ writer: deadWriter, seq: 1 });

    const db = openDatabase(temp.dir);
    const store = new SqliteInsightsStore(db);
    expect(await store.committedThrough(deadWriter)).toBe(1);

    // Without the check, x's next change would subtract counts the store never got.
    const x = saved.x;
    const naive = advanceTrack(x.track as never, { flow, version: 1, channel: 'Site web', lang: 'fr', now: new Date(x.now + 20_000), phase: 'asking', answers: { ...x.state.answers, structure_id: { v: null } }, events: [] }, (d) => dayIn('Europe/Paris', d));
    const stored = new Map((await store.read()).cells.map((c) => [`${c.node}|${c.metric}|${c.detail}`, c.n]));
    const wouldGoNegative = [...naive.changes].map(([k, n]) => toCell(k, n)).filter((c) => (stored.get(`${c.node}|${c.metric}|${c.detail}`) ?? 0) + c.n < 0);
    expect(wouldGoNegative.map((c) => `${c.node}.${c.metric}`)).toEqual(['structure_id.frontier']);

    // The next process takes the three conversations on.
    const recorder = new InsightsRecorder(store, { timeZone: 'Europe/Paris', flushIntervalMs: 3_600_000 });
    const clock = new TestClock(new Date(Math.max(...Object.values(saved).map((s) => s.now))));
    const resume = (id: string) => {
      const c = new EngineConversation(flow, recorder, clock, 'Site web', id);
      c.state = saved[id].state;
      c.track = saved[id].track;
      return c;
    };
    for (const [id, texts] of [['x', ['passer', '75011 Paris']], ['y', ['association', 'passer']], ['z', ['Le Local']]] as const) {
      const c = resume(id);
      for (const text of texts) await c.say(text);
      expect((c.track as { status: string }).status).toBe(id === 'y' ? 'open' : 'lost');
    }
    await recorder.close();

    const { cells, versions } = await store.read();
    for (const c of cells) expect(c.n).toBeGreaterThan(0);
    const rows = insightsReport(cells, versions, { now: new Date(clock.now.getTime() + 2 * 3_600_000) }).steps;
    for (const r of rows) expect(r.reached).toBe(r.answered + r.stopped + r.inProgress);
    const get = (step: string) => rows.find((r: StepRow) => r.step === step);
    // x and y stored their consent and name; z nothing. x counts as stopped where its stored counts left it.
    expect(get('consent')).toMatchObject({ reached: 2, answered: 2 });
    expect(get('name')).toMatchObject({ reached: 2, answered: 2 });
    expect(get('legal_form')).toMatchObject({ reached: 2, answered: 1, stopped: 1 });
    // y went on: answered the legal form, skipped the number, now at the postcode.
    expect(get('structure_id')).toMatchObject({ reached: 1, answered: 1, skipped: 1 });
    expect(get('postcode')).toMatchObject({ reached: 1, answered: 0, stopped: 1 });
    closeDatabase(db);
  }, 120_000);
});
