import { loadScriptEnv, reportFailure, SCRIPT_MAX_ATTEMPTS, scriptLogger, scriptRequest } from '../src/airtable/cli';
import { AIRTABLE_ERASURE, airtableErasureHandler, ERASURE_POLICY, type ErasurePayload, erasureTaskId } from '../src/airtable/erasureTask';
import { anyFieldEquals } from '../src/airtable/formula';
import { type AirtableRequest, airtableConfig } from '../src/airtable/http';
import { listRecords } from '../src/airtable/listRecords';
import { REFERENCE_FIELD } from '../src/airtable/schema';
import { KNOWN_CHANNEL_IDS } from '../src/bot/channels';
import { mailFilesDir } from '../src/mail/mailFiles';
import { eraseConversation } from '../src/privacy/eraseConversation';
import { createStores, type Stores } from '../src/stores/createStores';
import { OutboxWorker } from '../src/stores/outboxWorker';

/**
 * `npm run needs:erase -- <reference>`: the right to erasure, for staff. Erases the conversation
 * the need came from (its other needs too) in the local journal and the bot state, then deletes
 * the copy in Airtable now. Also finishes an erasure already queued (by the user's "supprimer
 * mes données" during an Airtable outage): the same outbox task, run at once.
 */
async function main(): Promise<number> {
  const reference = process.argv[2]?.trim();
  if (!reference || reference.startsWith('-')) {
    console.error('Usage: npm run needs:erase -- <reference>   (e.g. PBL-2026-00042)');
    return 2;
  }
  const env = loadScriptEnv();
  const log = scriptLogger(env);
  const airtable = airtableConfig(env);
  const stores = createStores(env, { log });
  try {
    await stores.ready;
    const request = airtable && scriptRequest(airtable, stores.rateBudget, log);
    let taskId = await queuedErasure(stores, reference);
    let conversationId = (await stores.journal.get(reference))?.conversationId;
    const inAirtable = !conversationId && !taskId && request ? await findInAirtable(request, airtable.baseId, reference) : undefined;
    conversationId ??= inAirtable?.conversationId;
    if (conversationId) {
      const report = await eraseConversation(
        {
          storage: stores.storage,
          journal: stores.journal,
          references: stores.references,
          outbox: stores.outbox,
          airtable: !!airtable,
          channelIds: KNOWN_CHANNEL_IDS,
          mailFilesDir: mailFilesDir(env.DATA_DIR),
          log,
        },
        conversationId,
      );
      const needs = new Set([reference, ...report.references]);
      console.log(`Erased the conversation of ${reference} here: needs ${[...needs].join(', ')}; its answers and contact details are deleted locally.`);
      taskId = report.airtableTask ?? taskId;
    } else if (taskId) {
      console.log(`${reference} was erased here already; its erasure in Airtable is still waiting: running it now.`);
    } else if (request && inAirtable) {
      // Known to Airtable only, with no conversation: erase that record (and never send it again from here).
      await stores.journal.erase(reference);
      taskId = erasureTaskId(undefined, [reference]);
      await stores.outbox.enqueue<ErasurePayload>(AIRTABLE_ERASURE, taskId, { references: [reference], structureKeys: [] });
    } else {
      console.error(`No need ${reference} found${request ? ' locally or in Airtable' : ' in the local journal'}.`);
      return 1;
    }
    if (!airtable || !request || !taskId) {
      console.log('Airtable is not configured: nothing to erase there.');
      return 0;
    }
    return await runErasure(stores, request, airtable.baseId, taskId, reference, log);
  } catch (err) {
    reportFailure(err, airtable?.baseId ?? '');
    return 1;
  } finally {
    await stores.close();
  }
}

/** A pending erasure task that names the reference (the server queued it and Airtable has not answered yet). */
async function queuedErasure(stores: Stores, reference: string): Promise<string | undefined> {
  const tasks = await stores.outbox.list<ErasurePayload>({ kind: AIRTABLE_ERASURE, status: 'pending' });
  return tasks.find((t) => t.payload?.references.includes(reference))?.id;
}

/** Not in this journal (another instance's, or already purged): the staff base may know it, and its conversation. */
async function findInAirtable(request: AirtableRequest, baseId: string, reference: string): Promise<{ conversationId?: string } | undefined> {
  const [need] = await listRecords(request, baseId, 'Besoins', { filterByFormula: anyFieldEquals([{ field: REFERENCE_FIELD, value: reference }]) });
  if (!need) return undefined;
  const found = need.fields.Conversation;
  return typeof found === 'string' && found ? { conversationId: found } : {};
}

async function runErasure(stores: Stores, request: AirtableRequest, baseId: string, taskId: string, reference: string, log: ReturnType<typeof scriptLogger>): Promise<number> {
  const worker = new OutboxWorker<ErasurePayload>({
    outbox: stores.outbox,
    kind: AIRTABLE_ERASURE,
    handler: airtableErasureHandler({ request, baseId, claims: stores.claims, maxAttempts: SCRIPT_MAX_ATTEMPTS }),
    policy: ERASURE_POLICY,
    logger: log,
  });
  const outcome = await worker.runOne(taskId);
  const task = await stores.outbox.get<ErasurePayload>(AIRTABLE_ERASURE, taskId);
  if (outcome === 'done' || (outcome === undefined && task?.status === 'done')) {
    const r = (task?.result ?? {}) as { needs?: string[]; structuresDeleted?: number; structuresCleared?: number };
    console.log(`Airtable: ${r.needs?.length ?? 0} need(s) deleted, ${r.structuresDeleted ?? 0} structure(s) deleted, ${r.structuresCleared ?? 0} structure(s) kept for other needs with their contact fields cleared.`);
    return 0;
  }
  if (outcome === 'busy' || outcome === 'deferred') {
    console.log(`The erasure of ${reference} in Airtable is being done by the server (or a sync of it is finishing): \`npm run needs:status\` shows when it is over.`);
    return 0;
  }
  console.error(`Airtable could not be cleaned: ${task?.lastError ?? 'unknown error'}. The erasure stays queued: the server retries it, or run this command again once Airtable answers.`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
