import os from 'node:os';
import { type Contender, levelFigures } from './contender';
import type { InsightsCost } from './insightsTurnCost';
import { JOURNEY } from './journeyScript';
import type { BenchOptions } from './options';
import { formatTable, type Row } from './table';

export interface Journal {
  /** Needs found in the bot's journal after the run. */
  needs: number;
  writesPerSecond: number;
}

/** The table's rows: the bot beside the echo bot, with issue 12's targets (a ratio is bot/echo in this run). */
export function benchRows(bot: Contender, echo: Contender, options: BenchOptions, journal: Journal, insights: InsightsCost, mailPerTurnMs: number): Row[] {
  const rows: Row[] = [
    { label: 'start-up to listening, /healthz 200 (ms)', bot: bot.startup!.listeningMs, echo: echo.startup!.listeningMs },
    { label: 'start-up to ready, /readyz 200 (ms)', bot: bot.startup!.readyMs, echo: echo.startup!.readyMs, target: '<= 1500' },
    { label: 'first start ever, code cache empty: to ready (ms)', bot: bot.firstStartup!.readyMs, echo: echo.startup!.readyMs },
    { label: 'start-up: CPU time used by ready (ms)', bot: bot.startup!.readyCpuMs, echo: echo.startup!.readyCpuMs },
    { label: 'first user after ready: slowest turn (ms)', bot: bot.firstUserSlowest!.ms, echo: echo.firstUserSlowest!.ms, target: '<= 50' },
    { label: 'first user after ready: most CPU on a turn (ms)', bot: bot.firstUserMaxCpuMs!, echo: echo.firstUserMaxCpuMs! },
  ];
  options.levels.forEach((level, i) => {
    const [b, e] = [levelFigures(bot.levels[i]), levelFigures(echo.levels[i])];
    const who = `${level.users} user${level.users > 1 ? 's' : ''}`;
    rows.push(
      { label: `${who}: turn p50 (ms)`, bot: b.latency.p50, echo: e.latency.p50, digits: 1 },
      { label: `${who}: turn p95 (ms)`, bot: b.latency.p95, echo: e.latency.p95, digits: 1 },
      { label: `${who}: turn p99 (ms)`, bot: b.latency.p99, echo: e.latency.p99, digits: 1, target: level.users === 50 ? 'ratio <= 2' : undefined },
      { label: `${who}: turn max (ms)`, bot: b.latency.max, echo: e.latency.max, digits: 1, target: '< 200' },
      { label: `${who}: turns/s`, bot: b.turnsPerSecond, echo: e.turnsPerSecond, target: 'ratio >= 0.5' },
      { label: `${who}: CPU per turn (ms)`, bot: b.cpuPerTurnMs, echo: e.cpuPerTurnMs, digits: 1, target: level.users === 50 ? 'ratio <= 2' : undefined },
    );
  });
  rows.push(
    { label: 'RSS at ready (MB)', bot: bot.rssReadyMb!, echo: echo.rssReadyMb!, target: '<= 180' },
    { label: `RSS, ${options.inProgress} conversations in progress (MB)`, bot: bot.rssInProgressMb!, echo: echo.rssInProgressMb!, target: '<= 300' },
  );
  const [b, e] = [bot.rssFinishedMb!, echo.rssFinishedMb!];
  rows.push(
    { label: `RSS after ${b.firstCount} finished conversations (MB)`, bot: b.first, echo: e.first },
    { label: `RSS after ${b.allCount} finished conversations (MB)`, bot: b.all, echo: e.all, target: `<= 1.1x the row above` },
    { label: 'needs journal: durable save()/s', bot: journal.writesPerSecond },
    // Features' own cost per turn, measured in this process on the bench journey (insightsTurnCost.ts,
    // mailTurnCost.ts). Partner webhooks have no row: the bench journey shares nothing with partners.
    { label: 'engine alone: CPU per turn (ms)', bot: insights.enginePerTurnMs, digits: 2 },
    { label: 'insights recording on: extra CPU per turn (ms)', bot: insights.insightsPerTurnMs, digits: 2 },
    { label: 'copy of the need by mail: extra CPU per turn (ms)', bot: mailPerTurnMs, digits: 2 },
  );
  return rows;
}

/** The whole printout: context line, table, how to read it and the checks. */
export function report(bot: Contender, echo: Contender, options: BenchOptions, journal: Journal, insights: InsightsCost, mailPerTurnMs: number, loadAtStart: number): string {
  const slowest = bot.firstUserSlowest!;
  return [
    `bench: node ${process.version}, ${os.cpus().length} CPU, load average ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end; ` +
      `journey of ${JOURNEY.length} turns; levels ${options.levels.map((l) => `${l.users} user(s) x ${l.journeys / l.users} journey(s)`).join(', ')}, ` +
      `${options.rounds} round(s) each`,
    formatTable(benchRows(bot, echo, options, journal, insights, mailPerTurnMs)),
    "start-up: the bot's is a restart, on the code cache its first start wrote (src/compileCache.ts); the echo bot keeps none, each of its starts is a first.",
    'turn latency: POST /api/messages sent -> its HTTP response (the bot answers after delivering its replies to the channel).',
    `levels: ${options.rounds} round(s) each, the bot and the echo bot alternating (bot, echo, then echo, bot); each figure pools the rounds.`,
    `first user's slowest turn: bot turn ${slowest.step} ("${JOURNEY[slowest.step - 1]?.text}").`,
    `checks: bot ${bot.completed}/${bot.journeys} journeys on script, ${journal.needs} needs recorded for ${bot.wholeCompleted} whole journeys; ` +
      `echo ${echo.completed}/${echo.journeys} journeys answered.`,
  ].join('\n');
}
