import { airtableConfig } from '../src/airtable/http';
import { loadScriptEnv, scriptLogger } from '../src/airtable/cli';
import { staffHint } from '../src/airtable/sync';
import { createStores } from '../src/stores/createStores';

/** `npm run needs:status`: where the needs stand in the sync to Airtable, and what to fix for failed ones. */
async function main(): Promise<void> {
  const env = loadScriptEnv();
  const stores = createStores(env, { log: scriptLogger(env) });
  try {
    await stores.ready;
    const entries = await stores.journal.all();
    const count = (s: string) => entries.filter((e) => e.syncStatus === s).length;
    console.log(`Needs: ${entries.length} — synced ${count('synced')}, pending ${count('pending')}, failed ${count('failed')}.`);
    if (!airtableConfig(env)) {
      console.log('Airtable is not configured (AIRTABLE_TOKEN, AIRTABLE_BASE_ID): needs stay in the local journal only.');
    }
    const failed = entries.filter((e) => e.syncStatus === 'failed');
    if (failed.length) console.log('\nFailed:');
    for (const e of failed) {
      console.log(`- ${e.reference} (saved ${e.updatedAt}, version ${e.version})`);
      console.log(`    Airtable said: ${e.syncError ?? '(no message)'}`);
      console.log(`    To do: ${staffHint(e.syncError ?? '')}`);
    }
  } finally {
    await stores.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
