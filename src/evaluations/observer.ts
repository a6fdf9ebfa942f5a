import type { NeedObserver } from '../airtable/needObservers';
import { MISSION_END_FIELD, REFERENCE_FIELD } from '../airtable/schema';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { type FollowUpLedger, MARKS } from '../missions/ledger';
import { text } from '../missions/needInfo';
import type { Outbox } from '../stores/outbox';
import { EVALUATION_INVITATION, type InvitationPayload, invitationId } from './invitationTask';
import { EVALUATION_KINDS, invitationDue, isDay } from './schedule';

/**
 * Shown each need staff change (src/airtable/statusWatcher.ts): once « Fin de mission » holds a
 * date, both invitations are queued, due at their dates (the outbox is the scheduler), once for
 * good per (need, kind, date). Staff changing the date queue the new ones; the old ones find the
 * date changed when they fall due and send nothing. An invitation due more than
 * `link_valid_days` ago (a mission that ended long before the date was entered) is not sent: it
 * would come too late to mean anything.
 */
export function evaluationObserver(o: { outbox: Outbox; ledger: FollowUpLedger; flow: () => Flow; now?: () => number; log: Logger; onQueued?: () => void }): NeedObserver {
  const now = o.now ?? Date.now;
  return {
    fields: [MISSION_END_FIELD],
    async seen({ fields }) {
      const reference = text(fields[REFERENCE_FIELD]);
      const missionEnd = fields[MISSION_END_FIELD];
      const flow = o.flow();
      const evaluation = flow.afterNeed?.evaluation;
      if (!reference || !isDay(missionEnd) || !evaluation) return;
      if (await o.ledger.has(reference, MARKS.stopped)) return;
      const conversationId = text(fields.Conversation);
      let queued = false;
      for (const kind of EVALUATION_KINDS) {
        const mark = MARKS.evaluationScheduled(kind, missionEnd);
        if (await o.ledger.has(reference, mark)) continue;
        const due = invitationDue(missionEnd, kind, evaluation.settings, flow.calendar.time_zone);
        if (due < now() - evaluation.settings.link_valid_days * 86_400_000) {
          o.log.info({ reference, kind, missionEnd }, 'evaluation not scheduled: its date is long past');
        } else {
          const payload: InvitationPayload = { reference, kind, missionEnd, conversationId, purpose: 'invite' };
          await o.outbox.enqueue(EVALUATION_INVITATION, invitationId(payload), payload, { subject: conversationId, notBefore: due });
          queued = true;
        }
        await o.ledger.mark(reference, mark);
      }
      if (queued) o.onQueued?.();
    },
  };
}
