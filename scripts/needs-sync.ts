import { createAirtableRequest } from '../src/airtable/http';
import { loadScriptEnv, requireAirtable, SCRIPT_MAX_ATTEMPTS, scriptLogger } from '../src/airtable/cli';
import { NeedsSync } from '../src/airtable/sync';
import { createStores } from '../src/stores/createStores';

/** `npm run needs:sync`: pushes every pending (and failed) need to Airtable once, and says how it went. */
async function main(): Promise<number> {
  const env = loadScriptEnv();
  const config = requireAirtable(env);
  const logger = scriptLogger(env);
  const stores = createStores(env, { log: logger });
  try {
    await stores.ready;
    const journal = stores.journal;
    const request = createAirtableRequest({ token: config.token, endpointUrl: config.endpointUrl, logger });
    const sync = new NeedsSync({ journal, request, baseId: config.baseId, logger, maxAttempts: SCRIPT_MAX_ATTEMPTS });
    const report = await sync.run({ includeFailed: true });
    const left = await journal.pending(Number.MAX_SAFE_INTEGER);
    const failed = left.filter((e) => e.syncStatus === 'failed').length;
    console.log(`Synced: ${report.synced}. Failed: ${report.failed}. Still to sync: ${left.length - failed} pending, ${failed} failed.`);
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
