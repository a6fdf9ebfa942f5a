import path from 'node:path';
import { airtableConfig } from '../src/airtable/http';
import { loadScriptEnv } from '../src/airtable/cli';
import { staffHint } from '../src/airtable/sync';
import { closeDatabase, openDatabase } from '../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../src/stores/sqlite/sqliteNeedsJournal';

/** `npm run needs:status`: where the needs stand in the sync to Airtable, and what to fix for failed ones. */
async function main(): Promise<void> {
  const env = loadScriptEnv();
  const db = openDatabase(path.resolve(env.DATA_DIR));
  try {
    const entries = await new SqliteNeedsJournal(db).all();
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
    closeDatabase(db);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
