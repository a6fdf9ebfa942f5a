import type { AirtableRequest } from '../airtable/http';
import { realClock } from '../airtable/rateLimiter';
import { bounded, type ProactiveSend } from '../airtable/statusDelivery';
import type { Locale } from '../answers/types';
import { render } from '../engine/texts';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { type MailQueue, MailRequestError } from '../mail/mailQueue';
import type { ConversationReferences } from '../stores/conversationReferences';
import type { TaskHandler, TaskPolicy } from '../stores/outboxWorker';
import { langOf, readNeed, text } from './needInfo';
import { reachOf } from './reach';

/**
 * How to prepare, told to the association when its need is accepted (outbox kind
 * `mission.preparation`, id = the need's reference), from dialogs/preparation.yaml for the
 * programme staff accepted it for:
 * - Teams, Slack (a chat it keeps): in its conversation; by mail only if that fails;
 * - the website chat: in its conversation AND by mail, since the page is most likely closed by
 *   the time staff decide (the mail is the copy that lasts);
 * - no conversation known: by mail.
 */
export const MISSION_PREPARATION = 'mission.preparation';

export interface PreparationPayload {
  reference: string;
  conversationId?: string;
  /** Set once the conversation took the message: a retry does not send it twice. */
  told?: true;
}

export const PREPARATION_POLICY: TaskPolicy = { maxAttempts: 12, backoffBaseMs: 60_000, backoffCapMs: 2 * 60 * 60_000 };

/** The placeholders of the message (and of the mail): undefined when the programme has no preparation text. */
export function preparationVars(flow: Flow, programme: string, lang: Locale, reference: string): Record<string, string> | undefined {
  const parts = flow.afterNeed?.preparation?.programmes[programme];
  if (!parts) return undefined;
  const rule = [...flow.rules.programmes, flow.rules.fallback].find((p) => p.value === programme);
  const vars = { reference, programme: rule?.name[lang] ?? programme };
  return { ...vars, will: render(parts.will, lang, vars), will_not: render(parts.will_not, lang, vars), who: render(parts.who, lang, vars), bring: render(parts.bring, lang, vars) };
}

export interface PreparationDeps {
  request: AirtableRequest;
  baseId: string;
  flow: () => Flow;
  references: ConversationReferences;
  send: ProactiveSend;
  mail?: MailQueue;
  log: Logger;
  sendTimeoutMs?: number;
  /** Resolves when a send has run out of time (tests); default a real timer. */
  sendTimer?: (ms: number, signal: AbortSignal) => Promise<void>;
  maxAttempts?: number;
}

export function preparationHandler(deps: PreparationDeps): TaskHandler<PreparationPayload> {
  return async (payload, { signal, checkpoint }) => {
    const { reference } = payload;
    const need = await readNeed(deps.request, deps.baseId, reference, { signal, maxAttempts: deps.maxAttempts });
    if (!need) return { outcome: 'need not in Airtable' };
    const lang = langOf(need);
    const programme = text(need.fields['Programme recommandé']);
    const flow = deps.flow();
    const vars = programme ? preparationVars(flow, programme, lang, reference) : undefined;
    if (!vars || !flow.afterNeed?.preparation) return { outcome: 'no preparation text for this programme' };
    const conversationId = text(need.fields.Conversation) ?? payload.conversationId;
    const ref = conversationId ? await deps.references.get(conversationId) : undefined;
    const reach = ref?.serviceUrl && ref.conversation?.id ? reachOf(ref.channelId) : 'none';
    const email = text(need.structure.Email);
    let told = payload.told === true;
    if (ref && reach !== 'none' && !told) {
      try {
        await bounded(deps.send(ref, render(flow.afterNeed.preparation.message, lang, vars)), deps.sendTimeoutMs ?? 30_000, deps.sendTimer ?? realClock.sleep, signal);
        told = true;
        await checkpoint({ ...payload, told: true });
      } catch (err) {
        // Nothing is lost: the mail says it instead (or the task is retried when there is no address).
        if (!email || !deps.mail || signal.aborted) throw err;
        deps.log.warn({ reference, err: err instanceof Error ? err.message : String(err) }, 'preparation not told in the conversation: sent by mail');
      }
    }
    const byMail = Boolean(email && deps.mail && (reach !== 'lasting' || !told));
    if (byMail) {
      try {
        await deps.mail!.enqueue({ id: `preparation:${reference}`, to: email!, lang, template: 'preparation', vars, subject: conversationId });
      } catch (err) {
        if (!(err instanceof MailRequestError)) throw err;
        return { outcome: told ? 'conversation' : 'unreachable', mail: `refused: ${err.message}` };
      }
    }
    if (!told && !byMail) return { outcome: 'unreachable' };
    return { outcome: [told && 'conversation', byMail && 'mail'].filter(Boolean).join('+') };
  };
}
