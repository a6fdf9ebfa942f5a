import type { AirtableRequest } from '../airtable/http';
import { MISSION_END_FIELD } from '../airtable/schema';
import { formatDeadline } from '../engine/format';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import type { MailQueue } from '../mail/mailQueue';
import { type FollowUpLedger, MARKS } from '../missions/ledger';
import { langOf, readNeed, text } from '../missions/needInfo';
import { reachOf } from '../missions/reach';
import type { ConversationReferences } from '../stores/conversationReferences';
import type { Outbox } from '../stores/outbox';
import type { TaskHandler, TaskPolicy } from '../stores/outboxWorker';
import { signLink } from './linkToken';
import type { ConversationStarter, EvaluationInit } from './ports';
import { dayAt, type EvaluationKind, reminderDue } from './schedule';

/**
 * An evaluation's invitation, its one reminder, or a new link asked for in the chat, as outbox
 * tasks (kind `evaluation.invitation`), due at their date. At that time the need is read again
 * from Airtable: nothing is sent when every follow-up was stopped, the evaluation was answered
 * (or declined), the need is gone, or staff changed « Fin de mission » since (the task of the
 * new date takes over). Then, in the need's conversation when it is a chat the association keeps
 * (Teams, Slack): the evaluation starts there; otherwise by mail, with a link that opens the
 * website chat on the evaluation. An invitation queues its reminder; a reminder queues nothing.
 */
export const EVALUATION_INVITATION = 'evaluation.invitation';

export type InvitationPurpose = 'invite' | 'reminder' | 'relink';

export interface InvitationPayload {
  reference: string;
  kind: EvaluationKind;
  missionEnd: string;
  conversationId?: string;
  purpose: InvitationPurpose;
  /** A reminder: how its invitation went (a reminder by mail follows an invitation by mail). */
  via?: 'conversation' | 'mail';
}

export const INVITATION_POLICY: TaskPolicy = { maxAttempts: 12, backoffBaseMs: 60_000, backoffCapMs: 6 * 60 * 60_000 };

/** One invitation per (need, kind, end date); its reminder; at most one new link a day. */
export function invitationId(p: Pick<InvitationPayload, 'reference' | 'kind' | 'missionEnd'>, purpose: InvitationPurpose = 'invite', day?: string): string {
  const base = `${p.reference}:${p.kind}:${p.missionEnd}`;
  return purpose === 'invite' ? base : purpose === 'reminder' ? `${base}:reminder` : `${base}:relink:${day}`;
}

export interface InvitationDeps {
  request: AirtableRequest;
  baseId: string;
  flow: () => Flow;
  outbox: Outbox;
  ledger: FollowUpLedger;
  references: ConversationReferences;
  starter: ConversationStarter;
  mail?: MailQueue;
  /** Links in mails: the server's key and public address; without them, no invitation by mail. */
  links?: { secret: string | Buffer; publicUrl: string };
  log: Logger;
  now?: () => number;
  maxAttempts?: number;
}

export function invitationHandler(deps: InvitationDeps): TaskHandler<InvitationPayload> {
  const now = deps.now ?? Date.now;
  return async (p, { signal, task }) => {
    const { reference, kind } = p;
    if (await deps.ledger.has(reference, MARKS.stopped)) return { outcome: 'stopped' };
    if (await deps.ledger.has(reference, MARKS.evaluationClosed(kind))) return { outcome: 'answered' };
    const need = await readNeed(deps.request, deps.baseId, reference, { signal, maxAttempts: deps.maxAttempts });
    if (!need) return { outcome: 'need not in Airtable' };
    if (need.fields[MISSION_END_FIELD] !== p.missionEnd) return { outcome: 'superseded: Fin de mission changed' };
    const flow = deps.flow();
    const evaluation = flow.afterNeed?.evaluation;
    if (!evaluation) return { outcome: 'no evaluation journey in dialogs/' };
    const lang = langOf(need);
    const programme = text(need.fields['Programme recommandé']);
    const conversationId = text(need.fields.Conversation) ?? p.conversationId;
    const init: EvaluationInit = { reference, kind, missionEnd: p.missionEnd, lang, programme, needConversationId: conversationId };
    const ref = conversationId ? await deps.references.get(conversationId) : undefined;
    const email = text(need.structure.Email);
    const canMail = Boolean(email && deps.mail && deps.links);

    let via: 'conversation' | 'mail' | undefined;
    if (ref?.serviceUrl && reachOf(ref.channelId) === 'lasting' && p.purpose !== 'relink' && p.via !== 'mail') {
      try {
        await (p.purpose === 'reminder' ? deps.starter.remind(ref, init) : deps.starter.start(ref, init));
        via = 'conversation';
      } catch (err) {
        if (!canMail || signal.aborted) throw err;
        deps.log.warn({ reference, kind, err: err instanceof Error ? err.message : String(err) }, 'evaluation not started in the conversation: invited by mail');
      }
    }
    if (!via) {
      if (!canMail) return { outcome: 'unreachable: no conversation on Teams or Slack, no email address (or mail off)' };
      const { secret, publicUrl } = deps.links!;
      const token = signLink({ r: reference, k: kind, d: p.missionEnd, l: lang, c: conversationId, p: programme, e: Math.floor(now() / 1000) + evaluation.settings.link_valid_days * 86_400 }, secret);
      const link = `${publicUrl.replace(/\/+$/, '')}/?evaluation=${token}${lang === 'en' ? '&lang=en' : ''}`;
      const rule = [...flow.rules.programmes, flow.rules.fallback].find((r) => r.value === programme);
      await deps.mail!.enqueue({
        id: `evaluation-${p.purpose}:${task.id}`,
        to: email!,
        lang,
        template: p.purpose === 'reminder' ? 'evaluation-reminder' : 'evaluation-invite',
        vars: {
          reference,
          programme: rule?.name[lang] ?? programme ?? '',
          mission_end: formatDeadline({ value: p.missionEnd, precision: 'day' }, lang),
          link,
          valid_days: evaluation.settings.link_valid_days,
        },
        subject: conversationId,
      });
      via = 'mail';
    }
    if (p.purpose === 'invite') {
      const reminder: InvitationPayload = { ...p, conversationId, purpose: 'reminder', via };
      const at = reminderDue(now(), evaluation.settings, flow.calendar.time_zone);
      await deps.outbox.enqueue(EVALUATION_INVITATION, invitationId(p, 'reminder'), reminder, { subject: conversationId, notBefore: at });
    }
    return { outcome: via };
  };
}

/** The id of a new link asked for today (one a day at most, whatever is typed in the chat). */
export const relinkId = (p: Pick<InvitationPayload, 'reference' | 'kind' | 'missionEnd'>, at: number, timeZone: string): string =>
  invitationId(p, 'relink', dayAt(at, timeZone));
