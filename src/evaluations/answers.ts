import { formatAnswer } from '../engine/format';
import type { ConversationState } from '../engine/state';
import { walk } from '../engine/walk';
import { type Flow, fieldOf } from '../flow/model';
import { type EvaluationFields, evaluationFieldsSchema, evaluationReference, evaluationValue } from '../needs/evaluationRecord';
import { type EvaluationKind, TYPE_OF } from './schedule';

/** Staff read the base in French. */
const STAFF = 'fr' as const;

/**
 * The `Évaluations` record of a completed evaluation journey: each answer in the field its
 * question names, the others in the journey's `extra_answers_field` ("Question : réponse"),
 * plus the keys and the date. Pure. `problems` lists what would not validate (field paths only,
 * never values): then nothing is recorded.
 */
export function evaluationRecord(
  flow: Flow,
  state: ConversationState,
  evaluation: { reference: string; kind: EvaluationKind },
  now: Date,
): { fields: EvaluationFields } | { problems: string[] } {
  const type = TYPE_OF[evaluation.kind];
  const fields: Record<string, unknown> = {
    Référence: evaluationReference(evaluation.reference, type),
    'Référence besoin': evaluation.reference,
    Type: type,
    'Répondu le': now.toISOString(),
  };
  const problems: string[] = [];
  const extras: string[] = [];
  for (const step of walk(flow, state.answers, now).path) {
    const v = state.answers[fieldOf(step)]?.v;
    if (v === null || v === undefined) continue;
    if (typeof step.airtable === 'string') {
      const field = step.airtable.replace(/^Évaluations\./, '');
      const value = evaluationValue(field, v);
      if (value === undefined) problems.push(`${field}: not a value of this field`);
      else fields[field] = value;
    } else if (step.summary !== false) {
      extras.push(`${step.label[STAFF]} : ${formatAnswer(flow, step, v, STAFF)}`);
    }
  }
  if (extras.length) fields[flow.settings.extra_answers_field.replace(/^Évaluations\./, '')] = extras.join('\n\n');
  const parsed = evaluationFieldsSchema.safeParse(fields);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`));
  return problems.length ? { problems } : { fields: parsed.data! };
}
