import { loadScriptEnv, requireAirtable, SCRIPT_MAX_ATTEMPTS, scriptLogger, scriptRequest } from '../src/airtable/cli';
import { NeedsSync } from '../src/airtable/sync';
import { createStores } from '../src/stores/createStores';

/**
 * `npm run needs:sync`: pushes every pending (and failed) need to Airtable once, and says how it
 * went. Safe beside the running server: both take the same claims per need and share one budget
 * of requests.
 */
async function main(): Promise<number> {
  const env = loadScriptEnv();
  const config = requireAirtable(env);
  const logger = scriptLogger(env);
  const stores = createStores(env, { log: logger });
  try {
    await stores.ready;
    const { journal, claims } = stores;
    const request = scriptRequest(config, stores.rateBudget, logger);
    const sync = new NeedsSync({ journal, claims, request, baseId: config.baseId, logger, maxAttempts: SCRIPT_MAX_ATTEMPTS });
    const report = await sync.run({ includeFailed: true });
    const left = await journal.unsynced();
    const failed = left.filter((e) => e.syncStatus === 'failed').length;
    console.log(`Synced: ${report.synced}. Failed: ${report.failed}. Still to sync: ${left.length - failed} pending, ${failed} failed.`);
    if (report.busy) console.log(`${report.busy} need(s) were being sent by the server (or another instance) at the same time: left to it.`);
    if (failed) console.log('Run `npm run needs:status` to see what to fix for the failed ones.');
    if (report.error) {
      console.error(`Stopped early: ${report.error}`);
      return 1;
    }
    return 0;
  } finally {
    await stores.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
