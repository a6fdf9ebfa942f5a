import type { NeedObserver } from '../airtable/needObservers';
import { REFERENCE_FIELD } from '../airtable/schema';
import type { Outbox } from '../stores/outbox';
import { MISSION_BRIEF, type BriefPayload } from './briefTask';
import { type FollowUpLedger, MARKS } from './ledger';
import { text } from './needInfo';
import { MISSION_PREPARATION, type PreparationPayload } from './preparation';

/** The status that turns a need into a mission. */
export const ACCEPTED = 'Accepté';

/**
 * Shown each need staff change (src/airtable/statusWatcher.ts): an accepted need gets its draft
 * brief and its preparation message, each queued once for good (a ledger mark, since finished
 * tasks are purged), whatever the number of polls, instances, restarts, or times staff go back
 * and forth on the status. Both tasks carry the need's conversation as subject: erasing it
 * deletes them.
 */
export function missionObserver(o: { outbox: Outbox; ledger: FollowUpLedger; onQueued?: () => void }): NeedObserver {
  const once = async <P>(reference: string, mark: string, kind: string, payload: P, subject: string | undefined) => {
    if (await o.ledger.has(reference, mark)) return false;
    // Queued first, marked after: a crash in between queues nothing twice (same task id).
    await o.outbox.enqueue(kind, reference, payload, { subject });
    await o.ledger.mark(reference, mark);
    return true;
  };
  return {
    fields: [],
    async seen({ fields }) {
      const reference = text(fields[REFERENCE_FIELD]);
      if (fields.Statut !== ACCEPTED || !reference) return;
      const conversationId = text(fields.Conversation);
      const brief = await once<BriefPayload>(reference, MARKS.brief, MISSION_BRIEF, { reference }, conversationId);
      const preparation = await once<PreparationPayload>(reference, MARKS.preparation, MISSION_PREPARATION, { reference, conversationId }, conversationId);
      if (brief || preparation) o.onQueued?.();
    },
  };
}
