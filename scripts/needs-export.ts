import path from 'node:path';
import { readEnv } from '../src/config/env';
import { flattenNeed, toCsv } from '../src/needs/export';
import { needRecordSchema } from '../src/needs/record';
import { closeDatabase, openDatabase } from '../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../src/stores/sqlite/sqliteNeedsJournal';

/** `npm run needs:export -- --format json|csv`: every stored need, keyed by the Airtable field names. */
function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--format');
  const format = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--format='))?.split('=')[1] ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    console.error(`Unknown format "${format}". Usage: npm run needs:export -- --format json|csv`);
    process.exit(2);
  }
  const env = readEnv();
  const db = openDatabase(path.resolve(env.DATA_DIR));
  try {
    const rows = new SqliteNeedsJournal(db).all().map((e) => flattenNeed(needRecordSchema.parse(e.record)));
    process.stdout.write(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(rows));
  } finally {
    closeDatabase(db);
  }
}

main();
