import type { Request, Response } from 'restify';
import { z } from 'zod';
import { DAY_PATTERN } from '../../insights/day';
import { outcomesCsv, stepsCsv } from '../../insights/exportFormat';
import { type InsightsReport, insightsReport } from '../../insights/query';
import type { InsightsStore } from '../../stores/insightsStore';
import { queryOf } from '../../web/http';
import { route, type StudioContext } from './context';
import { sendDownload, sendError, sendJson, zodMessage } from './http';

export interface InsightsSource {
  store: InsightsStore;
  /** Writes this instance's counts kept in memory, so that the figures include the latest turns. */
  flush: () => Promise<void>;
}

const day = z.string().regex(DAY_PATTERN, 'a day as YYYY-MM-DD');
/** The filters, from the query string (every one optional). */
const insightsQuery = z
  .object({
    version: z.string().regex(/^[1-9]\d{0,8}$/, 'a version number').transform(Number).optional(),
    from: day.optional(),
    to: day.optional(),
    channel: z.string().min(1).max(64).optional(),
    lang: z.enum(['fr', 'en']).optional(),
    /** insights.csv: which table (default the steps). */
    table: z.enum(['steps', 'outcomes']).default('steps'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] });

/**
 * Drop-off and outcomes: GET /studio/api/insights (JSON) and GET /studio/api/insights.csv
 * (`table=steps|outcomes`), filtered by version, period (the day journeys started), channel
 * (`Site web`, `Teams`, `Slack`…) and language. Anonymous counts only.
 */
export function registerInsightsRoutes(ctx: StudioContext, insights: InsightsSource): void {
  const report = async (req: Request, res: Response): Promise<{ report: InsightsReport; table: 'steps' | 'outcomes' } | undefined> => {
    const parsed = insightsQuery.safeParse(Object.fromEntries(queryOf(req)));
    if (!parsed.success) {
      sendError(res, 400, 'invalid_query', zodMessage(parsed.error));
      return undefined;
    }
    const q = parsed.data;
    await insights.flush();
    const { cells, versions } = await insights.store.read({ ...(q.version ? { versions: [q.version] } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
    return { report: insightsReport(cells, versions, { now: ctx.clock(), channel: q.channel, lang: q.lang }), table: q.table };
  };

  ctx.server.get(
    '/studio/api/insights',
    route(ctx, async (req, res) => {
      const answer = await report(req, res);
      if (!answer) return;
      const { steps, outcomes, medianCompletionSeconds } = answer.report;
      sendJson(res, 200, { steps: steps.map(({ channel: _c, lang: _l, ...row }) => row), outcomes: outcomes.map(({ kind, key, count, version }) => ({ version, kind, key, count })), medianCompletionSeconds });
    }),
  );

  ctx.server.get(
    '/studio/api/insights.csv',
    route(ctx, async (req, res) => {
      const answer = await report(req, res);
      if (!answer) return;
      const csv = answer.table === 'outcomes' ? outcomesCsv(answer.report) : stepsCsv(answer.report);
      sendDownload(res, 'text/csv; charset=utf-8', `insights-${answer.table}.csv`, csv);
    }),
  );
}
