import type { Deadline, PostcodeAnswer, StructureId } from '../answers/types';
import type { Recommendation, Values } from '../domain';
import { type Flow, fieldOf } from '../flow/model';
import type { Step } from '../flow/schema';
import { formatAnswer } from '../engine/format';
import type { ConversationState } from '../engine/state';
import { render, say, type Vars } from '../engine/texts';
import { plainText } from '../engine/userText';
import { partnerShare, shareMotif } from './partnerShare';
import { type ChannelName, type NeedRecord, needRecordSchema, TEXT_MAX_CHARS } from './record';

export interface RecordContext {
  reference: string;
  conversationId: string;
  channel: ChannelName;
  /** The answered questions that apply (see engine/walk). */
  path: readonly Step[];
  values: Values;
  /** Absent for a call-back request made before the end of the journey. */
  recommendation?: Recommendation;
  /** Placeholders of the reasons, in the staff's language. */
  staffVars: Vars;
}

/** Staff read the base in French: the record is written in French whatever the conversation's language. */
const STAFF = 'fr' as const;

/**
 * Maps the answers to the Airtable fields each question names, and everything else the
 * staff need (reasons, transcript, consent). Validated by the need-record schema.
 */
export function buildNeedRecord(flow: Flow, state: ConversationState, ctx: RecordContext): NeedRecord {
  return needRecordSchema.parse(candidate(flow, state, ctx));
}

/** What would not validate in the record (field paths and rules, never values); empty when it is valid. */
export function checkNeedRecord(flow: Flow, state: ConversationState, ctx: RecordContext): string[] {
  const r = needRecordSchema.safeParse(candidate(flow, state, ctx));
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
}

function candidate(flow: Flow, state: ConversationState, ctx: RecordContext): Record<'Structures' | 'Besoins', Record<string, unknown>> {
  const tables: Record<'Structures' | 'Besoins', Record<string, unknown>> = { Structures: {}, Besoins: {} };
  const put = (target: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return;
    const [table, field] = target.split(/\.(.+)/) as ['Structures' | 'Besoins', string];
    tables[table][field] = v;
  };
  const extras: string[] = [];

  for (const step of ctx.path) {
    const v = state.answers[fieldOf(step)]?.v;
    if (v === null || v === undefined) continue;
    const target = step.airtable;
    if (!target) {
      // A partner's consent has its own field (Partage partenaire), and Motifs says what came of it.
      if (step.summary !== false && !('role' in step && step.role === 'partner_consent')) extras.push(`${step.label[STAFF]} : ${formatAnswer(flow, step, v, STAFF)}`);
    } else if (typeof target === 'string') {
      put(target, step.kind === 'deadline' ? deadlineDate(v as Deadline) : v);
    } else if (step.kind === 'postcode' && 'postcode' in target) {
      const p = v as PostcodeAnswer;
      put(target.postcode, p.postcode);
      if (target.town) put(target.town, p.town);
    } else if (step.kind === 'structure_id' && 'RNA' in target) {
      const id = v as StructureId;
      put(target[id.type], id.value);
    }
  }
  for (const [name, d] of Object.entries(flow.derived)) {
    if ('airtable' in d && d.airtable) put(d.airtable, ctx.values[name]);
  }
  if (extras.length) {
    const [table, field] = flow.settings.extra_answers_field.split(/\.(.+)/) as ['Structures' | 'Besoins', string];
    const before = tables[table][field];
    tables[table][field] = [typeof before === 'string' ? before : '', ...extras].filter(Boolean).join('\n\n');
  }

  const rec = ctx.recommendation;
  Object.assign(tables.Besoins, {
    Référence: ctx.reference,
    Statut: 'Nouveau',
    Canal: ctx.channel,
    Langue: state.lang,
    Conversation: ctx.conversationId,
    Consentement: state.consentAt,
    'Rappel demandé': Boolean(state.callback),
    Transcript: state.transcript.map((t) => `[${t.from}] ${t.text}`).join('\n'),
  });
  if (rec) {
    // Shared with a partner only with the association's consent; staff read why not in Motifs.
    const share = partnerShare(flow, state, ctx.path, rec);
    Object.assign(tables.Besoins, {
      Éligible: rec.eligible,
      'Programme recommandé': rec.primary.value,
      'Autres programmes': rec.others.map((o) => o.value),
      Motifs: [motifs(flow, rec, ctx.staffVars), share && shareMotif(flow, share)].filter(Boolean).join('\n'),
      ...(share ? { Partenaire: share.partner.id } : {}),
      ...(share?.at ? { 'Partage partenaire': share.at } : {}),
    });
  }
  const cut = say(flow, 'record.cut', STAFF);
  for (const table of Object.values(tables)) {
    for (const [field, v] of Object.entries(table)) if (typeof v === 'string') table[field] = keepEnd(plainText(v), cut);
  }
  return tables;
}

/**
 * A text longer than Airtable allows, cut to fit: its end is kept (the latest exchanges of a
 * transcript), from the start of a line when one is near, after a line saying it was cut.
 */
export function keepEnd(text: string, notice: string): string {
  if (text.length <= TEXT_MAX_CHARS) return text;
  let tail = text.slice(text.length - (TEXT_MAX_CHARS - notice.length - 1));
  const line = tail.indexOf('\n');
  if (line >= 0 && line < LINE_SEARCH) tail = tail.slice(line + 1);
  // Never half an emoji: a lone surrogate is invalid UTF-8 for Airtable.
  else if (/^[\uDC00-\uDFFF]/.test(tail)) tail = tail.slice(1);
  return `${notice}\n${tail}`;
}

/** How far to look for the start of a line when cutting (a transcript entry is at most about 2,000 characters). */
const LINE_SEARCH = 2_100;

/** Why this programme (or why not eligible), then the other options, for staff. */
function motifs(flow: Flow, rec: Recommendation, vars: Vars): string {
  const lines = rec.primary.reasons.map((r) => `- ${render(r, STAFF, vars)}`);
  if (rec.others.length) {
    lines.push(`${say(flow, 'recommendation.others', STAFF)} :`);
    for (const o of rec.others) lines.push(`- ${o.name[STAFF]}${o.reasons.length ? ` (${o.reasons.map((r) => render(r, STAFF, vars)).join('; ')})` : ''}`);
  }
  return lines.join('\n');
}

/** Airtable dates are days: a month deadline ("d'ici fin mars") is its last day. */
export function deadlineDate(d: Deadline): string {
  if (d.precision === 'day') return d.value;
  const [y, m] = d.value.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${d.value}-${String(last).padStart(2, '0')}`;
}
