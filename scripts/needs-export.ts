import { loadScriptEnv, reportFailure, scriptRequest } from '../src/airtable/cli';
import { airtableConfig } from '../src/airtable/http';
import { readNeeds } from '../src/airtable/readNeeds';
import { type FlatNeed, flattenNeed, toCsv } from '../src/needs/export';
import { needRecordSchema } from '../src/needs/record';
import { createStores } from '../src/stores/createStores';

/**
 * `npm run needs:export -- --format json|csv`: every stored need, keyed by the Airtable field
 * names. From the staff base when Airtable is configured (with the staff's edits), else from the
 * local journal.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--format');
  const format = at >= 0 ? args[at + 1] : (args.find((a) => a.startsWith('--format='))?.split('=')[1] ?? 'json');
  if (format !== 'json' && format !== 'csv') {
    console.error(`Unknown format "${format}". Usage: npm run needs:export -- --format json|csv`);
    return 2;
  }
  const env = loadScriptEnv();
  const airtable = airtableConfig(env);
  let rows: FlatNeed[];
  const stores = createStores(env);
  try {
    await stores.ready;
    if (airtable) {
      try {
        // Within the request budget the server shares with every process on its store.
        rows = await readNeeds({ request: scriptRequest(airtable, stores.rateBudget), baseId: airtable.baseId });
      } catch (err) {
        reportFailure(err, airtable.baseId);
        return 1;
      }
    } else {
      rows = (await stores.journal.all()).map((e) => flattenNeed(needRecordSchema.parse(e.record)));
    }
  } finally {
    await stores.close();
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(rows));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
