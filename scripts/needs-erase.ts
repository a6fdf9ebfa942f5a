import { loadScriptEnv, reportFailure, SCRIPT_MAX_ATTEMPTS, scriptLogger } from '../src/airtable/cli';
import { eraseFromAirtable } from '../src/airtable/erase';
import { anyFieldEquals } from '../src/airtable/formula';
import { airtableConfig, createAirtableRequest } from '../src/airtable/http';
import { listRecords } from '../src/airtable/listRecords';
import { REFERENCE_FIELD } from '../src/airtable/schema';
import { eraseConversation } from '../src/privacy/eraseConversation';
import { createStores } from '../src/stores/createStores';

/**
 * `npm run needs:erase -- <reference>`: the right to erasure, for staff. Erases the conversation
 * the need came from (its other needs too) in Airtable, the local journal and the bot state.
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
  const request = airtable && createAirtableRequest({ token: airtable.token, endpointUrl: airtable.endpointUrl, maxAttempts: SCRIPT_MAX_ATTEMPTS, logger: log });
  const stores = createStores(env, { log });
  try {
    await stores.ready;
    let conversationId = (await stores.journal.get(reference))?.conversationId;
    if (!conversationId && airtable && request) {
      // Not in this journal (another instance's, or already purged): the staff base knows the conversation.
      const [need] = await listRecords(request, airtable.baseId, 'Besoins', {
        filterByFormula: anyFieldEquals([{ field: REFERENCE_FIELD, value: reference }]),
      });
      const found = need?.fields.Conversation;
      if (typeof found === 'string' && found) conversationId = found;
    }
    if (!conversationId) {
      if (airtable && request) {
        const out = await eraseFromAirtable(request, airtable.baseId, { references: [reference] });
        if (out.needs.length) {
          console.log(`Erased ${reference} from Airtable (no conversation known for it).`);
          return 0;
        }
      }
      console.error(`No need ${reference} found${airtable ? ' locally or in Airtable' : ' in the local journal'}.`);
      return 1;
    }
    const report = await eraseConversation(
      { storage: stores.storage, journal: stores.journal, references: stores.references, airtable: airtable && request ? { request, baseId: airtable.baseId } : undefined, log },
      conversationId,
    );
    const needs = new Set([reference, ...report.references, ...(report.airtable?.needs ?? [])]);
    console.log(`Erased the conversation of ${reference}: needs ${[...needs].join(', ')}; its answers and contact details are deleted locally.`);
    if (report.airtable) {
      console.log(`Airtable: ${report.airtable.needs.length} need(s) deleted, ${report.airtable.structuresDeleted} structure(s) deleted, ${report.airtable.structuresCleared} structure(s) kept for other needs with their contact fields cleared.`);
    } else if (!airtable) {
      console.log('Airtable is not configured: nothing to erase there.');
    }
    if (report.airtableError) {
      console.error(`Airtable could not be cleaned: ${report.airtableError}. Run this command again once Airtable answers.`);
      return 1;
    }
    return 0;
  } catch (err) {
    reportFailure(err, airtable?.baseId ?? '');
    return 1;
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
