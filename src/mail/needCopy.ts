import type { Locale } from '../answers/types';
import { recommend } from '../domain';
import { formatAnswer } from '../engine/format';
import type { ConversationState } from '../engine/state';
import { render, say as sayText, type Vars } from '../engine/texts';
import { plainText } from '../engine/userText';
import { displayVars } from '../engine/values';
import { walk } from '../engine/walk';
import { type Flow, fieldOf } from '../flow/model';
import type { Step, Text } from '../flow/schema';
import { partnerShare } from '../needs/partnerShare';
import { needRecordSchema } from '../needs/record';
import type { JournalEntry } from '../stores/needsJournal';
import type { MailRequest } from './mailQueue';

/** A need just saved in the journal, with the turn that saved it. */
export interface SavedNeed {
  entry: JournalEntry;
  /** The conversation's state after the turn (its answers, language, call back). */
  state: ConversationState;
  /** The journey version the conversation runs on. */
  flow: Flow;
  now: Date;
}

export interface NeedCopyOptions {
  /** PUBLIC_URL: where the association finds the chat again (shown in the mail when set). */
  publicUrl?: string;
  /** Not sent before this delay: a turn that fails to save removes its need meanwhile, and the mail is dropped. */
  delayMs: number;
}

/**
 * The association's copy of its need, when it gave an email: the whole request once complete
 * (`need-recorded`), or what it said so far when it asked for a call back first
 * (`callback-requested`). One of each per need, whatever is saved again later (a call back asked
 * after completion does not send the copy twice).
 */
export function needCopyMail(saved: SavedNeed, o: NeedCopyOptions): MailRequest | undefined {
  const { entry, state, flow, now } = saved;
  const parsed = needRecordSchema.safeParse(entry.record);
  const to = parsed.success ? parsed.data.Structures.Email : undefined;
  if (!parsed.success || !to) return undefined;
  const completed = Boolean(state.completed);
  if (!completed && !state.callback) return undefined;
  const template = completed ? 'need-recorded' : 'callback-requested';
  const lang = state.lang;
  const w = walk(flow, state.answers, now);
  const steps = [...w.path, ...callbackSteps(flow, state).filter((s) => !w.path.includes(s))];
  const structure = parsed.data.Structures;
  // "Label : value" in French (a no-break space before the colon), "Label: value" in English.
  const colon = sayText(flow, 'punctuation.colon', lang);
  const vars: Record<string, string | string[]> = {
    reference: entry.reference,
    contact_name: structure.Contact ?? '',
    structure: structure.Nom ?? '',
    email: to,
    summary: steps.filter((s) => s.summary !== false).map((s) => `${s.label[lang]}${colon} ${formatAnswer(flow, s, state.answers[fieldOf(s)]?.v, lang)}`),
    ...callbackContact(flow, state, lang),
    chat_url: o.publicUrl ?? '',
  };
  if (completed) {
    const rec = recommend(flow.rules, w.values);
    const shown = displayVars(flow, state, w.values, now, lang);
    const say = (text: Text) => plainText(render(text, lang, shown));
    const share = partnerShare(flow, state, w.path, rec);
    Object.assign(vars, {
      programme: rec.primary.name[lang],
      pitch: say(rec.primary.pitch),
      reasons: rec.primary.reasons.map(say),
      notes: rec.unmet.filter((c) => c.blocking === false).map((c) => say(c.unmet)),
      others: rec.others.map((p) => `${p.name[lang]}${colon} ${say(p.pitch)}`),
      not_eligible: rec.eligible ? '' : 'yes',
      partner: share?.at ? share.partner.name[lang] : '',
    });
  }
  return {
    id: `${template}:${entry.reference}`,
    to,
    lang,
    template,
    vars,
    subject: entry.conversationId,
    need: entry.reference,
    notBefore: now.getTime() + o.delayMs,
  };
}

/** The call-back details the team will use (a call back asked for and not withdrawn). */
function callbackSteps(flow: Flow, state: ConversationState): Step[] {
  if (!state.callback) return [];
  const { callback_fields, callback_alternative_fields } = flow.settings;
  const fields = state.callback.alternative ? callback_alternative_fields : callback_fields;
  return flow.steps.filter((s) => fields.includes(fieldOf(s)) && (state.answers[fieldOf(s)]?.v ?? null) !== null);
}

/** How the team will get back to someone who asked for a call back: a phone, or the alternative (an email). */
function callbackContact(flow: Flow, state: ConversationState, lang: Locale): Vars {
  const steps = callbackSteps(flow, state);
  const shown = (kind: Step['kind']) => {
    const step = steps.find((s) => s.kind === kind);
    return step ? formatAnswer(flow, step, state.answers[fieldOf(step)]?.v, lang) : '';
  };
  return state.callback?.alternative ? { callback_phone: '', callback_email: shown('email') } : { callback_phone: shown('phone'), callback_email: '' };
}
