import { loadScriptEnv, scriptLogger } from '../src/airtable/cli';
import { AIRTABLE_ERASURE, type ErasurePayload } from '../src/airtable/erasureTask';
import { airtableConfig } from '../src/airtable/http';
import { staffHint } from '../src/airtable/staffHint';
import { MAIL_KIND } from '../src/mail/mailQueue';
import { WEBHOOK_KIND, type WebhookPayload } from '../src/partners/webhooks';
import { createStores } from '../src/stores/createStores';
import type { OutboxTask } from '../src/stores/outbox';

/**
 * `npm run needs:status`: where the needs stand in the sync to Airtable, what to fix for failed
 * ones, and the outbox: erasures in the staff base still waiting (and any other kind of task).
 */
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
    printOutbox(await stores.outbox.list());
  } finally {
    await stores.close();
  }
}

function printOutbox(tasks: OutboxTask[]): void {
  const kinds = [...new Set(tasks.map((t) => t.kind))].sort();
  for (const kind of kinds) {
    const of = tasks.filter((t) => t.kind === kind);
    const n = (status: OutboxTask['status']) => of.filter((t) => t.status === status).length;
    const title = TITLES[kind] ?? `Outbox ${kind}`;
    console.log(`\n${title}: waiting ${n('pending')}, done ${n('done')}, given up ${n('gave_up')}.`);
    for (const t of of.filter((x) => x.status !== 'done')) {
      const what = kind === AIRTABLE_ERASURE ? erasureLabel(t as OutboxTask<ErasurePayload>) : t.id;
      const when = t.status === 'pending' ? `next try ${new Date(t.nextAttemptAt).toISOString()}` : 'given up';
      console.log(`- ${what} (queued ${t.createdAt}, ${t.attempts} failed attempt(s), ${when})`);
      if (t.lastError) console.log(`    Last error: ${t.lastError}`);
      if (kind === WEBHOOK_KIND && t.status === 'gave_up') {
        const p = (t as OutboxTask<WebhookPayload>).payload;
        console.log(`    ${p ? `${p.event} of ${p.reference} to partner ${p.partnerId} (key ${p.keyId})` : 'a webhook'}: the partner can still read the need through the API.`);
      }
      if (kind === AIRTABLE_ERASURE) {
        const ref = (t as OutboxTask<ErasurePayload>).payload?.references[0];
        console.log(`    To do: nothing if Airtable answers again (retried automatically)${ref ? `; \`npm run needs:erase -- ${ref}\` runs it now` : ''}.`);
      }
    }
  }
}

const TITLES: Record<string, string> = {
  [AIRTABLE_ERASURE]: 'Erasures in Airtable',
  [WEBHOOK_KIND]: 'Partner webhooks (retried for more than a day, then given up)',
  [MAIL_KIND]: 'Mails (details: npm run mail:outbox)',
};

function erasureLabel(task: OutboxTask<ErasurePayload>): string {
  const refs = task.payload?.references ?? [];
  return refs.length ? `needs ${refs.join(', ')}` : `a conversation with no need in this journal (${task.id})`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
