import { parseArgs } from 'node:util';
import { loadScriptEnv, scriptLogger } from '../src/airtable/cli';
import { DAY_PATTERN } from '../src/insights/day';
import { outcomesCsv, stepsCsv } from '../src/insights/exportFormat';
import { insightsReport } from '../src/insights/query';
import { createStores } from '../src/stores/createStores';
import type { InsightsFilter } from '../src/stores/insightsStore';

const USAGE =
  'Usage: npm run insights:export -- --format csv|json [--version N] [--from YYYY-MM-DD --to YYYY-MM-DD] [--channel NAME] [--lang fr|en] [--outcomes]\n' +
  '  Period = the day journeys started. CSV: one row per version, step and channel (--outcomes: the outcomes instead).';

interface Request {
  format: 'csv' | 'json';
  filter: InsightsFilter;
  channel?: string;
  lang?: string;
  outcomes: boolean;
}

/** The command line, or a message saying what is wrong with it. */
export function parseRequest(argv: string[]): Request | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string', default: 'json' },
        version: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        channel: { type: 'string' },
        lang: { type: 'string' },
        outcomes: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    return (err as Error).message;
  }
  const { format, version, from, to } = values;
  if (format !== 'csv' && format !== 'json') return `Unknown format "${format}".`;
  if (version !== undefined && !/^\d+$/.test(version)) return `--version takes a version number, not "${version}".`;
  for (const [name, day] of [['--from', from], ['--to', to]] as const) {
    if (day !== undefined && !DAY_PATTERN.test(day)) return `${name} takes a day as YYYY-MM-DD, not "${day}".`;
  }
  if (from && to && from > to) return `--from (${from}) is after --to (${to}).`;
  return {
    format,
    filter: { ...(version ? { versions: [Number(version)] } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) },
    channel: values.channel,
    lang: values.lang,
    outcomes: values.outcomes ?? false,
  };
}

/**
 * `npm run insights:export`: the insights figures (anonymous counts) per version, step and
 * channel, for scripts and spreadsheets, from the configured store.
 */
async function main(): Promise<number> {
  const request = parseRequest(process.argv.slice(2));
  if (typeof request === 'string') {
    console.error(`${request}\n${USAGE}`);
    return 2;
  }
  const env = loadScriptEnv();
  const stores = createStores(env, { log: scriptLogger(env) });
  try {
    await stores.ready;
    const { cells, versions } = await stores.insights.read(request.filter);
    const report = insightsReport(cells, versions, { now: new Date(), channel: request.channel, lang: request.lang, by: ['channel'] });
    if (request.format === 'json') process.stdout.write(`${JSON.stringify({ filter: { ...request.filter, channel: request.channel, lang: request.lang }, ...report }, null, 2)}\n`);
    else process.stdout.write(request.outcomes ? outcomesCsv(report) : stepsCsv(report));
    return 0;
  } finally {
    await stores.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
