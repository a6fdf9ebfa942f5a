import path from 'node:path';
import { DIALOGS_DIR } from '../../src/paths';
import { CaptureChannel } from '../support/channelHarness';
import { readScript } from '../support/conversationScript';
import { talk } from '../support/talk';
import { type StudioClient, StudioServer } from './support/studioWorld';

/**
 * Drop-off figures in the studio after real conversations on /api/messages: one finished, one
 * left at a question for longer than the resume delay, one still going. JSON and CSV, filtered.
 */
describe('studio: insights after a few conversations', () => {
  let at = Date.parse('2026-11-23T10:00:00+01:00');
  const server = new StudioServer({ clock: () => new Date(at) });
  const channel = new CaptureChannel();
  let staff: StudioClient;
  beforeAll(async () => {
    await Promise.all([server.start(), channel.start()]);
    staff = await server.signIn();
    const booster = readScript(path.join(DIALOGS_DIR, 'scenarios', 'booster-strategie-dans-la-duree.yaml'));
    const finished = talk(() => server.url, channel, 'conv-finished');
    for (const turn of booster.turns) {
      if ('user' in turn) await finished(turn.user, '');
      at += 20_000;
    }
    const left = talk(() => server.url, channel, 'conv-left');
    await left('bonjour', 'Acceptez-vous');
    await left('oui', 'Quel est son nom\u202f?');
    // An hour and more without an answer: that journey stopped at the name.
    at += 61 * 60_000;
    const going = talk(() => server.url, channel, 'conv-going');
    await going('bonjour', 'Acceptez-vous');
    await going('oui', 'Quel est son nom\u202f?');
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    await channel.stop();
  });

  test('per question: reached, answered, stopped, in progress; outcomes; the median time to complete', async () => {
    const { status, body } = await staff.get('/studio/api/insights');
    expect(status).toBe(200);
    const step = (id: string) => body.steps.find((s: { step: string }) => s.step === id);
    expect(step('consent')).toMatchObject({ version: 1, reached: 3, answered: 3, stopped: 0, inProgress: 0 });
    expect(step('name')).toMatchObject({ version: 1, reached: 3, answered: 1, stopped: 1, inProgress: 1 });
    expect(step('@summary')).toMatchObject({ reached: 1, answered: 1 });
    for (const s of body.steps) expect(s.reached).toBe(s.answered + s.stopped + s.inProgress);
    expect(body.outcomes).toContainEqual({ version: 1, kind: 'programme', key: 'Probono Booster', count: 1 });
    expect(body.medianCompletionSeconds).toBeGreaterThan(0);
  });

  test('filters: version, period (the day journeys started), channel, language; a bad filter names itself', async () => {
    const count = async (query: string) => (await staff.get(`/studio/api/insights?${query}`)).body.steps.length;
    expect(await count('version=1&from=2026-11-23&to=2026-11-23&channel=Emulator&lang=fr')).toBeGreaterThan(0);
    for (const q of ['version=2', 'from=2026-11-24', 'to=2026-11-22', 'channel=Teams', 'lang=en']) expect(await count(q)).toBe(0);
    const bad = await staff.get('/studio/api/insights?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('from: a day as YYYY-MM-DD');
    expect((await staff.get('/studio/api/insights?from=2026-11-24&to=2026-11-23')).body.error.message).toBe('from: from is after to');
    expect((await staff.get('/studio/api/insights?version=x')).body.error.message).toBe('version: a version number');
  });

  test('insights.csv: the steps (or the outcomes) as a CSV download', async () => {
    const csv = await staff.get('/studio/api/insights.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="insights-steps.csv"');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('version,step,reached,answered,reprompted,why,skipped,stopped,cancelled,inProgress');
    expect(lines).toContain('1,name,3,1,0,0,0,1,0,1');
    const outcomes = await staff.get('/studio/api/insights.csv?table=outcomes');
    expect(outcomes.headers.get('content-disposition')).toBe('attachment; filename="insights-outcomes.csv"');
    expect(outcomes.text.split('\r\n')).toContain('1,programme,Probono Booster,1');
  });
});
