import { csvCell } from '../needs/export';
import type { InsightsReport } from './query';

export const STEP_COLUMNS = ['version', 'step', 'channel', 'lang', 'reached', 'answered', 'reprompted', 'why', 'skipped', 'stopped', 'cancelled', 'inProgress'] as const;
export const OUTCOME_COLUMNS = ['version', 'channel', 'lang', 'kind', 'key', 'count'] as const;

/** RFC 4180 CSV with a header line; only the columns some row has (channel and lang appear when grouped by them). */
export function rowsToCsv(columns: readonly string[], rows: readonly object[]): string {
  const used = columns.filter((c) => rows.some((r) => (r as Record<string, unknown>)[c] !== undefined) || !['channel', 'lang'].includes(c));
  const lines = [used.map(csvCell).join(',')];
  for (const row of rows) lines.push(used.map((c) => csvCell((row as Record<string, unknown>)[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The step figures as CSV: one row per version, step (and channel / language when grouped so). */
export const stepsCsv = (report: InsightsReport): string => rowsToCsv(STEP_COLUMNS, report.steps);

/** The outcomes as CSV, with the median time to complete of each group as kind `median_completion_seconds`. */
export function outcomesCsv(report: InsightsReport): string {
  const medians = report.medians.map((m) => ({ version: m.version, channel: m.channel, lang: m.lang, kind: 'median_completion_seconds', key: '', count: m.medianCompletionSeconds }));
  return rowsToCsv(OUTCOME_COLUMNS, [...report.outcomes, ...medians]);
}
