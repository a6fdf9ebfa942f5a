/** The report read from counters: stopped or in progress at read time per version, grouping, medians, CSV. */
import { durationBucket, medianSeconds } from '../../src/insights/durations';
import { outcomesCsv, stepsCsv } from '../../src/insights/exportFormat';
import { insightsReport } from '../../src/insights/query';
import type { InsightsCell, InsightsVersion } from '../../src/stores/insightsStore';

const NOW = new Date('2026-11-23T12:00:00Z');
const minute = (d: Date) => Math.floor(d.getTime() / 60_000);
const cell = (over: Partial<InsightsCell>): InsightsCell => ({ version: 1, day: '2026-11-23', channel: 'Site web', lang: 'fr', node: 'name', metric: 'reached', detail: '', n: 1, ...over });
const versions: InsightsVersion[] = [
  { version: 1, resumeAfterMinutes: 60, nodes: ['consent', 'name', '@summary'] },
  { version: 2, resumeAfterMinutes: 10, nodes: ['consent', 'name', '@summary'] },
];

describe('insightsReport', () => {
  test('a journey idle for longer than its own version’s resume delay has stopped; cancelled ones have stopped whatever the time', () => {
    const thirtyMinutesAgo = String(minute(NOW) - 30);
    const cells = [1, 2].flatMap((version) => [
      cell({ version, node: 'name', metric: 'reached', n: 3 }),
      cell({ version, node: 'name', metric: 'frontier', detail: thirtyMinutesAgo, n: 2 }),
      cell({ version, node: 'name', metric: 'cancelled', n: 1 }),
    ]);
    const rows = insightsReport(cells, versions, { now: NOW }).steps;
    expect(rows.map((r) => [r.version, r.step, r.reached, r.answered, r.stopped, r.cancelled, r.inProgress])).toEqual([
      [1, 'name', 3, 0, 1, 1, 2],
      [2, 'name', 3, 0, 3, 1, 0],
    ]);
  });

  test('filters by channel and language, groups by them on request, and keeps the journey order', () => {
    const cells = [
      cell({ node: 'name', channel: 'Teams', n: 2 }),
      cell({ node: 'consent', channel: 'Teams', metric: 'answered', n: 4 }),
      cell({ node: 'consent', channel: 'Teams', n: 4 }),
      cell({ node: 'name', channel: 'Slack', lang: 'en' }),
    ];
    const all = insightsReport(cells, versions, { now: NOW }).steps;
    expect(all.map((r) => [r.step, r.reached, r.answered])).toEqual([
      ['consent', 4, 4],
      ['name', 3, 0],
    ]);
    const byChannel = insightsReport(cells, versions, { now: NOW, by: ['channel'] }).steps;
    expect(byChannel.map((r) => [r.step, r.channel, r.reached])).toEqual([
      ['consent', 'Teams', 4],
      ['name', 'Slack', 1],
      ['name', 'Teams', 2],
    ]);
    expect(insightsReport(cells, versions, { now: NOW, lang: 'en' }).steps.map((r) => [r.step, r.reached])).toEqual([['name', 1]]);
    expect(insightsReport(cells, versions, { now: NOW, channel: 'Teams' }).steps.map((r) => [r.step, r.reached])).toEqual([
      ['consent', 4],
      ['name', 2],
    ]);
  });

  test('outcomes per kind, and the median time to complete from the histogram', () => {
    const cells = [
      cell({ node: '', metric: 'started', n: 5 }),
      cell({ node: '', metric: 'completed', n: 4 }),
      cell({ node: '', metric: 'programme', detail: 'Probono Booster', n: 3 }),
      cell({ node: '', metric: 'programme', detail: 'Orientation externe', n: 1 }),
      cell({ node: '', metric: 'not_eligible', n: 1 }),
      cell({ node: '', metric: 'failed', detail: 'track_record', n: 1 }),
      cell({ node: '', metric: 'ending', detail: 'consent_refused', n: 1 }),
      cell({ node: '', metric: 'callback', n: 2 }),
      cell({ node: '', metric: 'duration', detail: durationBucket(50_000), n: 1 }),
      cell({ node: '', metric: 'duration', detail: durationBucket(100_000), n: 1 }),
      cell({ node: '', metric: 'duration', detail: durationBucket(170_000), n: 2 }),
    ];
    const report = insightsReport(cells, versions, { now: NOW });
    expect(report.outcomes.map((o) => [o.kind, o.key, o.count])).toEqual([
      ['callback', '', 2],
      ['completed', '', 4],
      ['ending', 'consent_refused', 1],
      ['not_eligible', '', 1],
      ['not_eligible', 'track_record', 1],
      ['programme', 'Orientation externe', 1],
      ['programme', 'Probono Booster', 3],
      ['started', '', 5],
    ]);
    // Four durations: ≤ 60 s, ≤ 120 s, two ≤ 180 s: the median (2nd of 4) is at the top of (60, 120].
    expect(report.medianCompletionSeconds).toBe(120);
    expect(report.medians).toEqual([{ version: 1, completed: 4, medianCompletionSeconds: 120 }]);
  });

  test('medians: none without completions; the open last bucket gives its lower bound', () => {
    expect(medianSeconds(new Map())).toBeNull();
    expect(medianSeconds(new Map([[durationBucket(30 * 86_400_000), 3]]))).toBe(604_800);
    expect(medianSeconds(new Map([[durationBucket(150_000), 1]]))).toBe(150);
  });

  test('CSV: one row per version, step and channel; a cell a spreadsheet would run is neutralised', () => {
    const cells = [
      cell({ node: 'name', channel: 'Teams', n: 2 }),
      cell({ node: '', metric: 'programme', detail: '=HYPERLINK("x")', n: 1 }),
      cell({ node: '', metric: 'duration', detail: durationBucket(100_000), n: 1 }),
    ];
    const report = insightsReport(cells, versions, { now: NOW, by: ['channel'] });
    expect(stepsCsv(report)).toBe('version,step,channel,reached,answered,reprompted,why,skipped,stopped,cancelled,inProgress\r\n1,name,Teams,2,0,0,0,0,0,0,0\r\n');
    expect(outcomesCsv(report)).toBe(
      'version,channel,kind,key,count\r\n1,Site web,programme,"\'=HYPERLINK(""x"")",1\r\n1,Site web,median_completion_seconds,,90\r\n',
    );
  });
});
