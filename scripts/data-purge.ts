import { loadScriptEnv, scriptLogger } from '../src/airtable/cli';
import { mailFilesDir, purgeMailFiles } from '../src/mail/mailFiles';
import { createStores } from '../src/stores/createStores';

/**
 * `npm run data:purge -- --older-than 90d`: deletes the bot state (answers, transcript) of every
 * conversation not touched for that long — the unfinished ones lose everything; a finished one
 * keeps only its need, in the journal and the staff base. Meant for a daily scheduled run.
 */
export function parseAge(text: string | undefined): number | undefined {
  const m = /^(\d+)\s*(d|h)$/i.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  return n * (m[2].toLowerCase() === 'd' ? 86_400_000 : 3_600_000);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--older-than');
  const raw = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--older-than='))?.split('=')[1];
  const age = parseAge(raw);
  if (!age) {
    console.error('Usage: npm run data:purge -- --older-than <days>d   (e.g. 90d; hours: 12h)');
    return 2;
  }
  const env = loadScriptEnv();
  const stores = createStores(env, { log: scriptLogger(env) });
  try {
    await stores.ready;
    const storage = stores.storage as { deleteOlderThan?: (cutoff: Date) => number | Promise<number> };
    if (typeof storage.deleteOlderThan !== 'function') {
      console.error('This store cannot list conversations by age: in Azure Storage, set a lifecycle management rule on the state container (see README, "Personal data").');
      return 1;
    }
    const cutoff = new Date(Date.now() - age);
    const removed = await storage.deleteOlderThan(cutoff);
    // Finished outbox tasks keep no payload, only their ids and outcome: kept as long as conversations.
    const tasks = await stores.outbox.purgeFinished(cutoff.getTime());
    // Mails written as files (no SMTP) hold a need's copy: kept as long too.
    const files = await purgeMailFiles(mailFilesDir(env.DATA_DIR), cutoff.getTime());
    console.log(`Purged ${removed} conversation(s) not touched since ${cutoff.toISOString()}, ${tasks} finished outbox task(s) and ${files} mail file(s).`);
    return 0;
  } finally {
    await stores.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
