import type { Storage } from 'botbuilder';
import { AIRTABLE_ERASURE, type ErasurePayload, erasureTaskId } from '../airtable/erasureTask';
import { type StructureKey, structureKey } from '../airtable/mapping';
import type { Logger } from '../log';
import { eraseMailFiles } from '../mail/mailFiles';
import { needRecordSchema } from '../needs/record';
import type { ConversationReferences } from '../stores/conversationReferences';
import type { JournalEntry, NeedsJournal } from '../stores/needsJournal';
import type { Outbox } from '../stores/outbox';

export interface ErasureDeps {
  storage: Storage;
  journal: NeedsJournal;
  references: ConversationReferences;
  outbox: Outbox;
  /** The staff base is configured: its part is queued in the outbox. */
  airtable: boolean;
  /** Every channel id a conversation's state may be kept under (src/bot/channels.ts). */
  channelIds: readonly string[];
  /** Told once the staff base's part is queued (to start it now). */
  onQueued?: (taskId: string) => void;
  /** Where mails are written as .eml files (no SMTP): the conversation's are deleted too. */
  mailFilesDir?: string;
  log: Logger;
}

export interface ErasureReport {
  /** The needs of the conversation that were in the local journal (now tombstones there). */
  references: string[];
  /** The outbox task that deletes the copy in the staff base; undefined when Airtable is not configured. */
  airtableTask?: string;
}

/**
 * Right to erasure for one conversation, local part first: its needs in the journal (replaced by
 * tombstones, which the sync honours), its bot state (answers, transcript), the reference kept
 * to write to it later, and the outbox tasks that carry its data. This takes no call to an
 * outside service, so the user is answered at once whatever Airtable does. The staff base's
 * copy is deleted by an outbox task (src/airtable/erasureTask.ts), written before anything is
 * erased here: a crash halfway leaves the task to finish the job.
 */
export async function eraseConversation(deps: ErasureDeps, conversationId: string, channelId?: string): Promise<ErasureReport> {
  const entries = await deps.journal.byConversation(conversationId);
  const report: ErasureReport = { references: entries.map((e) => e.reference) };
  if (deps.airtable) {
    const payload: ErasurePayload = { conversationId, references: report.references, structureKeys: structureKeysOf(entries) };
    report.airtableTask = erasureTaskId(conversationId, report.references);
    await deps.outbox.enqueue(AIRTABLE_ERASURE, report.airtableTask, payload);
  }
  for (const reference of report.references) await deps.journal.erase(reference);
  // Mails and partners' webhooks not sent yet are outbox tasks of this subject; mails written as files go too.
  await deps.outbox.erase({ subject: conversationId });
  if (deps.mailFilesDir) await eraseMailFiles(deps.mailFilesDir, conversationId);
  const known = await deps.references.get(conversationId);
  // Every channel's key for this id: its channel may be unknown (staff erasure), and ids are unique to one conversation.
  const channels = new Set([channelId, known?.channelId, ...deps.channelIds].filter((c): c is string => !!c));
  // botbuilder's ConversationState key: `${channelId}/conversations/${conversationId}/`.
  await deps.storage.delete([...channels].map((c) => `${c}/conversations/${conversationId}/`));
  await deps.references.erase(conversationId);
  deps.log.info({ conversationId, needs: report.references.length, airtable: report.airtableTask ? 'queued' : 'not configured' }, 'conversation erased locally');
  if (report.airtableTask) deps.onQueued?.(report.airtableTask);
  return report;
}

/** How the staff base may have filed the structures of these needs (see src/airtable/mapping.ts). */
function structureKeysOf(entries: JournalEntry[]): StructureKey[] {
  const keys = new Map<string, StructureKey>();
  for (const entry of entries) {
    const parsed = needRecordSchema.safeParse(entry.record);
    if (!parsed.success) continue;
    const key = structureKey(parsed.data.Structures, entry.reference);
    keys.set(`${key.field}\u0000${key.value}`, key);
  }
  return [...keys.values()];
}
