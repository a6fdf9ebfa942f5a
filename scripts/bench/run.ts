/**
 * `npm run bench`: the bot beside a bare botbuilder echo bot, same machine, same run, same load
 * generator (see ../shared/benchmark.md: on a shared two-core machine the ratio decides).
 * Both bots run as child processes on loopback; replies go to a capture channel in this process.
 * Prints one table; exits 1 if a journey went off script (the figures would not mean much).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaptureChannel } from './captureChannel';
import { contender, finishConversations, firstStartOnEmptyCache, leaveInProgress, playLevel, startAndFirstUser } from './contender';
import { insightsTurnCost } from './insightsTurnCost';
import { mailTurnCost } from './mailTurnCost';
import { journalWritesPerSecond, storedNeeds } from './journalWrites';
import { PROJECT_ROOT } from '../../src/paths';
import { closeAgents } from './load';
import { type BenchOptions, parseOptions } from './options';
import { report } from './report';

const DIST = path.resolve(__dirname, '..', '..');
/** As the Dockerfile runs the bot (its `ENV NODE_OPTIONS`, read from it): measure what is deployed. */
function deployedNodeArgs(dockerfile: string): string[] {
  const line = /^ENV NODE_OPTIONS=(.+)$/m.exec(dockerfile);
  if (!line) throw new Error('the Dockerfile sets no NODE_OPTIONS: the bench would not run the bot as deployed');
  return line[1].replace(/^"|"$/g, '').trim().split(/\s+/);
}

async function main(options: BenchOptions): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bot-data-'));
  // The bot's code cache, empty at first (src/compileCache.ts): see firstStartOnEmptyCache.
  const codeCacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-code-cache-'));
  const channel = new CaptureChannel();
  const botEnv = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'development',
    // The capture channel is on loopback: local mode replies there only with LOCAL_EMULATOR.
    LOCAL_EMULATOR: 'true',
    // The load is many turns per conversation per second: flood control would drop them.
    RATE_LIMIT_BURST: '1000000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    // Local only: no credentials, no Airtable, the embedded store.
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    AIRTABLE_TOKEN: '',
    AIRTABLE_BASE_ID: '',
    AZURE_STORAGE_CONNECTION_STRING: '',
    NODE_COMPILE_CACHE: codeCacheDir,
  };
  const botNodeArgs = [...deployedNodeArgs(fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8')), ...options.botNodeArgs];
  const bot = contender('bot', path.join(DIST, 'src', 'index.js'), botEnv, true, botNodeArgs);
  const echo = contender('echo', path.join(DIST, 'scripts', 'bench', 'echoBot.js'), {}, false);
  const contenders = [bot, echo];
  const loadAtStart = os.loadavg()[0];

  try {
    await channel.start();
    try {
      // Each starts alone (the other not yet running), then its first user plays at once. The
      // bot's start is a restart: its first start (on an empty code cache) comes before.
      await firstStartOnEmptyCache(bot, codeCacheDir);
      for (const c of contenders) await startAndFirstUser(c, channel);
      // Levels alternate between the two so that the machine's other load weighs on both alike.
      // Rounds alternate the bots, bot-echo then echo-bot (a drift of the machine's speed through
      // the level falls on both alike); each level's figures pool its rounds.
      for (const level of options.levels) {
        for (let round = 1; round <= options.rounds; round++) {
          for (const c of round % 2 === 1 ? contenders : [...contenders].reverse()) await playLevel(c, channel, level, round);
        }
      }
      for (const c of contenders) await leaveInProgress(c, channel, options.inProgress, options.inProgressTurns);
      for (const c of contenders) await finishConversations(c, channel, options.finished);
    } finally {
      for (const c of contenders) await c.child.stop();
      closeAgents();
      await channel.stop();
    }
    // The journal holds one need per whole journey played: the bot really recorded them.
    const needs = await storedNeeds(dataDir);
    const writesPerSecond = needs.length > 0 ? await journalWritesPerSecond(needs[0], options.journalMs) : Number.NaN;
    // In this process, the bots stopped: the engine alone, then insights recording alone, then the mail copy.
    const insights = await insightsTurnCost(options.insightsJourneys);
    const mailPerTurnMs = await mailTurnCost(options.insightsJourneys);
    console.log(report(bot, echo, options, { needs: needs.length, writesPerSecond }, insights, mailPerTurnMs, loadAtStart));
    console.log(`the bot ran with node ${botNodeArgs.join(' ')} (the Dockerfile's NODE_OPTIONS); the echo bot with none.`);

    const failures = [...bot.failures, ...echo.failures];
    if (needs.length !== bot.wholeCompleted) failures.push(`the journal holds ${needs.length} needs for ${bot.wholeCompleted} whole journeys`);
    if (failures.length === 0) return 0;
    console.error(`\n${failures.length} problem(s); the first ones:\n${failures.slice(0, 3).join('\n\n')}`);
    return 1;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(codeCacheDir, { recursive: true, force: true });
  }
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
main(options).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
