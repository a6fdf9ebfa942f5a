import type { Storage } from 'botbuilder';
import { type AirtableErasure, eraseFromAirtable } from '../airtable/erase';
import type { AirtableRequest } from '../airtable/http';
import { KNOWN_CHANNEL_IDS } from '../bot/channels';
import type { Logger } from '../log';
import type { ConversationReferences } from '../stores/conversationReferences';
import type { NeedsJournal } from '../stores/needsJournal';

export interface ErasureDeps {
  storage: Storage;
  journal: NeedsJournal;
  references: ConversationReferences;
  /** When the staff base is configured. */
  airtable?: { request: AirtableRequest; baseId: string };
  log: Logger;
}

export interface ErasureReport {
  /** The needs of the conversation that were in the local journal (now erased from it). */
  references: string[];
  /** What was deleted in Airtable, when configured and reachable. */
  airtable?: AirtableErasure;
  /** Why Airtable could not be cleaned (the local data is erased anyway). */
  airtableError?: string;
}

/**
 * Right to erasure for one conversation: its needs in the staff base (Airtable) and in the local
 * journal, its bot state (answers, transcript) and the reference kept to write to it later.
 * Local data is erased even when Airtable cannot be reached: the report says what is left there.
 */
export async function eraseConversation(deps: ErasureDeps, conversationId: string, channelId?: string): Promise<ErasureReport> {
  const entries = await deps.journal.byConversation(conversationId);
  const report: ErasureReport = { references: entries.map((e) => e.reference) };
  if (deps.airtable) {
    try {
      report.airtable = await eraseFromAirtable(deps.airtable.request, deps.airtable.baseId, { conversationId, references: report.references });
    } catch (err) {
      report.airtableError = err instanceof Error ? err.message : String(err);
      deps.log.error(
        { references: report.references, error: report.airtableError },
        'erasure: Airtable records not deleted; staff must run `npm run needs:erase -- <reference>`',
      );
    }
  }
  for (const reference of report.references) await deps.journal.erase(reference);
  const known = await deps.references.get(conversationId);
  // Every channel's key for this id: its channel may be unknown (staff erasure), and ids are unique to one conversation.
  const channels = new Set([channelId, known?.channelId, ...KNOWN_CHANNEL_IDS].filter((c): c is string => !!c));
  // botbuilder's ConversationState key: `${channelId}/conversations/${conversationId}/`.
  await deps.storage.delete([...channels].map((c) => `${c}/conversations/${conversationId}/`));
  await deps.references.erase(conversationId);
  deps.log.info({ conversationId, needs: report.references.length, airtable: report.airtable ? 'cleaned' : report.airtableError ? 'failed' : 'not configured' }, 'conversation erased');
  return report;
}
