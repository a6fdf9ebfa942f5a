import path from 'node:path';
import { loadScriptEnv, scriptLogger } from '../src/airtable/cli';
import { mailFilesDir } from '../src/mail/mailFiles';
import { MAIL_KIND } from '../src/mail/mailQueue';
import type { MailPayload } from '../src/mail/outboxMailQueue';
import { createStores } from '../src/stores/createStores';
import type { OutboxTask } from '../src/stores/outbox';

/**
 * `npm run mail:outbox [-- --all]`: the mails waiting (with their last error), those given up,
 * and the last ones sent or written as .eml files (all of them with --all). No address is shown.
 */
async function main(): Promise<number> {
  const env = loadScriptEnv();
  const all = process.argv.includes('--all');
  const stores = createStores(env, { log: scriptLogger(env) });
  try {
    await stores.ready;
    const mails = await stores.outbox.list<MailPayload>({ kind: MAIL_KIND });
    const of = (status: OutboxTask['status']) => mails.filter((m) => m.status === status);
    const waiting = of('pending');
    const failed = of('gave_up');
    const done = of('done');
    console.log(env.SMTP_URL ? 'Mails go to the SMTP server of SMTP_URL.' : `No SMTP_URL: mails are written as .eml files in ${mailFilesDir(env.DATA_DIR)}.`);
    console.log(`Waiting ${waiting.length}, failed ${failed.length}, sent or written ${done.length}.`);
    if (waiting.length) console.log('\nWaiting:');
    for (const m of waiting) {
      const tries = m.attempts ? `, ${m.attempts} failed attempt(s)` : '';
      console.log(`- ${m.id} (${m.payload?.template ?? '?'}, queued ${m.createdAt}${tries}, next try ${new Date(m.nextAttemptAt).toISOString()})`);
      if (m.lastError) console.log(`    Last error: ${m.lastError}`);
    }
    if (failed.length) console.log('\nFailed (given up; the message is kept):');
    for (const m of failed) {
      console.log(`- ${m.id} (${m.payload?.template ?? '?'}, queued ${m.createdAt}, ${m.attempts} attempt(s))`);
      if (m.lastError) console.log(`    Last error: ${m.lastError}`);
    }
    const shown = all ? done : done.slice(-20);
    if (shown.length) console.log(`\n${all || shown.length === done.length ? 'Sent or written' : `Last ${shown.length} sent or written (--all for every one)`}:`);
    for (const m of shown) {
      const r = m.result ?? {};
      const where = typeof r.file === 'string' ? path.join(mailFilesDir(env.DATA_DIR), r.file) : typeof r.dropped === 'string' ? `not sent: ${r.dropped}` : 'sent by SMTP';
      console.log(`- ${m.id} (${m.updatedAt}): ${where}`);
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
