import { API, api, query } from '../../shared/api/client';
import type { InsightsAnswer } from '../../shared/api/contract';

export interface InsightsFilter {
  version?: string;
  from?: string;
  to?: string;
  channel?: string;
  lang?: string;
}

export const loadInsights = (filter: InsightsFilter) => api.get<InsightsAnswer>(`insights${query({ ...filter })}`);

/** The same figures as a CSV file (a download link: the browser sends the session cookie), per step or per outcome. */
export const csvHref = (filter: InsightsFilter, table: 'steps' | 'outcomes') => `${API}/insights.csv${query({ ...filter, table })}`;

/** The channels as the bot records them (src/bot/channels.ts names). */
export const CHANNELS = ['Site web', 'Teams', 'Slack'] as const;
