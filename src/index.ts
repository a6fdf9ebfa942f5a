// First: the compile cache must be on before the heavy modules are required.
import { startupModulesLoaded } from './compileCache';
import fs from 'node:fs';
import path from 'node:path';
import { isLocalMode, listenHost, readEnv, startupProblems } from './config/env';
import { loadFlow } from './flow/load';
import { FlowError } from './flow/model';
import { createLogger } from './log';
import { CARDS_DIR, DIALOGS_DIR, PROJECT_ROOT } from './paths';
import { evaluationProblems } from './evaluations/settings';
import { createApp } from './server/app';
import { studioAuthProblems } from './studio/auth/settings';
import { testClock } from './config/testClock';

/** Starts the bot: environment, journey, store, HTTP. Any invalid configuration stops it here, with why. */
async function main(): Promise<void> {
  // A local .env, if any (see .env.example); real environment variables win.
  const dotenv = path.join(PROJECT_ROOT, '.env');
  if (fs.existsSync(dotenv)) process.loadEnvFile(dotenv);
  let env;
  let clock;
  try {
    env = readEnv();
    clock = testClock(process.env.TEST_CLOCK_START, env.NODE_ENV);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const problems = startupProblems(env);
  if (problems.length) {
    console.error(`Refusing to start: activities would not be authenticated.\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  const studioProblems = studioAuthProblems(env);
  if (studioProblems.length) {
    console.error(`Refusing to start: the studio's sign-in is half configured.\n${studioProblems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  const evaluationIssues = evaluationProblems(env);
  if (evaluationIssues.length) {
    console.error(`Refusing to start: the evaluations' links by mail need their settings.\n${evaluationIssues.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  const log = createLogger(env.LOG_LEVEL);
  let flow;
  try {
    flow = loadFlow(env.DIALOGS_DIR ?? DIALOGS_DIR, env.CARDS_DIR ?? CARDS_DIR);
  } catch (err) {
    if (err instanceof FlowError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = createApp({
    env,
    flow,
    log,
    clock,
    beforeReady: () => {
      const codeCache = startupModulesLoaded();
      if (codeCache) log.info({ codeCache }, 'code cache: modules compiled at start, and how many came from it');
    },
  });
  if (clock) log.warn({ now: clock().toISOString() }, 'TEST_CLOCK_START: the clock of the turns is moved (tests only)');
  const host = listenHost(env);
  const port = await app.listen(env.PORT, host).catch((err: Error) => {
    console.error(`Cannot listen on ${host}:${env.PORT} (HOST, PORT): ${err.message}`);
    process.exit(1);
  });
  log.info({ host, port, dataDir: env.DATA_DIR }, 'listening: POST /api/messages, GET /healthz, GET /readyz');
  if (isLocalMode(env)) {
    log.warn(
      { localEmulator: env.LOCAL_EMULATOR },
      env.LOCAL_EMULATOR
        ? 'local mode: activities are not authenticated; replies go to the local Direct Line and to serviceUrls on this machine (LOCAL_EMULATOR)'
        : 'local mode: activities are not authenticated; replies go only to the local Direct Line (LOCAL_EMULATOR=true for the Bot Framework Emulator)',
    );
  } else if (env.LOCAL_EMULATOR) {
    log.warn('LOCAL_EMULATOR is ignored: it applies to local mode only (no MicrosoftAppId)');
  }

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await app.ready;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
