import fs from 'node:fs';
import type { CaptureChannel } from './captureChannel';
import { ChildBot, type Startup } from './childBot';
import { nodeCompileCache } from '../../src/v8CodeCache';
import { FINISHED, JOURNEY } from './journeyScript';
import { type LoadResult, runLoad } from './load';
import type { Level } from './options';
import { type LatencySummary, summarise } from './stats';

/** What the rounds of a level measured, summed. */
export interface LevelRuns {
  level: Level;
  latencies: number[];
  turns: number;
  elapsedMs: number;
  cpuMs: number;
}

/** A level's figures, every round pooled: all turns' latencies, and turns and CPU over the rounds' summed time. */
export function levelFigures(runs: LevelRuns): { latency: LatencySummary; turnsPerSecond: number; cpuPerTurnMs: number } {
  return { latency: summarise(runs.latencies), turnsPerSecond: runs.turns / (runs.elapsedMs / 1000), cpuPerTurnMs: runs.cpuMs / runs.turns };
}

/** One of the two bots measured, and what was measured of it. */
export interface Contender {
  name: 'bot' | 'echo';
  child: ChildBot;
  /** The echo bot's replies are not the journey's: one reply per turn is all it owes. */
  checkReplies: boolean;
  startup?: Startup;
  /** The bot's first start on an empty code cache (src/compileCache.ts); `startup` is then a restart. */
  firstStartup?: Startup;
  rssReadyMb?: number;
  firstUserSlowest?: { ms: number; step: number };
  firstUserMaxCpuMs?: number;
  /** Per concurrency level, its rounds summed (playLevel); the figures: levelFigures. */
  levels: LevelRuns[];
  rssInProgressMb?: number;
  /** RSS after a tenth of the finished conversations, then after all of them: memory should stay flat. */
  rssFinishedMb?: { first: number; firstCount: number; all: number; allCount: number };
  journeys: number;
  completed: number;
  /** Whole journeys played on script: each should have left one need in the journal. */
  wholeCompleted: number;
  failures: string[];
}

export function contender(name: Contender['name'], script: string, env: Record<string, string>, checkReplies: boolean, nodeArgs: string[] = []): Contender {
  return { name, child: new ChildBot(name, script, env, nodeArgs), checkReplies, levels: [], journeys: 0, completed: 0, wholeCompleted: 0, failures: [] };
}

function tally(c: Contender, result: LoadResult, journeys: number, whole: boolean): LoadResult {
  c.journeys += journeys;
  c.completed += result.completed;
  if (whole) c.wholeCompleted += result.completed;
  c.failures.push(...result.failures);
  return result;
}

/**
 * A first start on an empty code cache, stopped once the cache is written: the start measured
 * next is a restart, as every start after the first on a machine or in a container is. On Node
 * 22.1+ Node keeps its own cache, written as the process exits.
 */
export async function firstStartOnEmptyCache(c: Contender, cacheDir: string): Promise<void> {
  c.firstStartup = await c.child.start();
  // Ours writes its file after ready; Node's (22.1+) as the process exits; none when turned off.
  const ownCache = !nodeCompileCache && !process.env.NODE_DISABLE_COMPILE_CACHE;
  const end = performance.now() + 60_000;
  while (ownCache && !(fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).some((f) => f.endsWith('.bin')))) {
    if (performance.now() > end) throw new Error(`${c.name} wrote no code cache in ${cacheDir} within 60 s of ready`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await c.child.stop();
}

/** Start-up, then at once one user playing the whole journey: its slowest turn is what a first user waits. */
export async function startAndFirstUser(c: Contender, channel: CaptureChannel): Promise<void> {
  c.startup = await c.child.start();
  c.rssReadyMb = c.child.rssMb();
  const first = tally(
    c,
    await runLoad({ botUrl: c.child.url, channel, concurrency: 1, journeys: 1, steps: JOURNEY, prefix: `${c.name}-first`, checkReplies: c.checkReplies, cpuMs: () => c.child.cpuMs() }),
    1,
    true,
  );
  c.firstUserSlowest = first.slowestPerJourney[0];
  c.firstUserMaxCpuMs = first.maxCpuPerJourney[0];
}

/**
 * One round of `level.users` users playing whole journeys: latency, throughput and the bot's CPU
 * per turn, added to the level's earlier rounds (run.ts alternates the bots between rounds).
 */
export async function playLevel(c: Contender, channel: CaptureChannel, level: Level, round = 1): Promise<void> {
  const cpuBefore = c.child.cpuMs();
  // Each round its own conversations: a finished one greeted again would not replay the journey.
  const prefix = `${c.name}-u${level.users}${round > 1 ? `-r${round}` : ''}`;
  const result = tally(
    c,
    await runLoad({ botUrl: c.child.url, channel, concurrency: level.users, journeys: level.journeys, steps: JOURNEY, prefix, checkReplies: c.checkReplies }),
    level.journeys,
    true,
  );
  let runs = c.levels.find((r) => r.level === level);
  if (!runs) c.levels.push((runs = { level, latencies: [], turns: 0, elapsedMs: 0, cpuMs: 0 }));
  for (const ms of result.latencies) runs.latencies.push(ms);
  runs.turns += result.turns;
  runs.elapsedMs += result.elapsedMs;
  runs.cpuMs += c.child.cpuMs() - cpuBefore;
}

/** `conversations` conversations started and left after `turns` turns, then the bot's RSS. */
export async function leaveInProgress(c: Contender, channel: CaptureChannel, conversations: number, turns: number): Promise<void> {
  tally(
    c,
    await runLoad({ botUrl: c.child.url, channel, concurrency: 50, journeys: conversations, steps: JOURNEY.slice(0, turns), prefix: `${c.name}-open`, checkReplies: c.checkReplies, outOfStep: false }),
    conversations,
    false,
  );
  c.rssInProgressMb = c.child.rssMb();
}

/**
 * `total` short conversations played to their end (FINISHED) by 50 users: the bot's RSS after the
 * first tenth, then after all. Finished conversations should cost no memory once over.
 */
export async function finishConversations(c: Contender, channel: CaptureChannel, total: number): Promise<void> {
  const firstCount = Math.max(1, Math.round(total / 10));
  const play = async (journeys: number, prefix: string) =>
    tally(
      c,
      await runLoad({ botUrl: c.child.url, channel, concurrency: 50, journeys, steps: FINISHED, prefix: `${c.name}-${prefix}`, checkReplies: c.checkReplies, outOfStep: false }),
      journeys,
      false,
    );
  await play(firstCount, 'done-a');
  const first = c.child.rssMb();
  await play(total - firstCount, 'done-b');
  c.rssFinishedMb = { first, firstCount, all: c.child.rssMb(), allCount: total };
}
