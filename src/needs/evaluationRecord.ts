import { z } from 'zod';
import { TEXT_MAX_CHARS } from './record';

/**
 * The answers of one evaluation of a mission (dialogs/evaluation/), keyed by the field names of
 * the Airtable table `Évaluations` staff see. The evaluation's questions name the field they fill
 * (`airtable: Évaluations.<field>`); the bot adds the keys and the date.
 */
export const EVALUATION_TYPES = ['À chaud', 'Moyen terme'] as const;
export type EvaluationType = (typeof EVALUATION_TYPES)[number];

const text = z.string().max(TEXT_MAX_CHARS);

export const evaluationFieldsSchema = z
  .object({
    /** "<need reference> · <Type>": one evaluation of each type per need, the upsert key. */
    Référence: z.string().min(1),
    'Référence besoin': z.string().min(1),
    Type: z.enum(EVALUATION_TYPES),
    Satisfaction: z.number().int().min(1).max(5),
    // A select whose options staff edit in dialogs/evaluation/ (checked there, not here).
    'Objectifs atteints': text,
    'Recommandations mises en place': text,
    'Ce qui a changé': text,
    Recommanderait: z.boolean(),
    'Partage bénévoles': z.boolean(),
    /** Answers of questions staff added without an Airtable column of their own. */
    'Autres réponses': text,
    'Répondu le': z.iso.datetime(),
  })
  .partial()
  .required({ Référence: true, 'Référence besoin': true, Type: true, 'Répondu le': true })
  .strict();
export type EvaluationFields = z.infer<typeof evaluationFieldsSchema>;

/** What the bot sets itself: never the target of a question. */
const BOT_FIELDS: ReadonlySet<string> = new Set(['Référence', 'Référence besoin', 'Type', 'Répondu le']);

/** Field names writable from a question of the evaluation journey, as `Évaluations.Field`. */
export const EVALUATION_WRITABLE_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(evaluationFieldsSchema.shape)
    .filter((f) => !BOT_FIELDS.has(f))
    .map((f) => `Évaluations.${f}`),
);

/** The evaluation's `Référence`. */
export const evaluationReference = (needReference: string, type: EvaluationType): string => `${needReference} · ${type}`;

/**
 * An answer of the evaluation journey as the field it goes to takes it: a numeric choice ("4")
 * for a number field, a list joined for a text field. Undefined when it cannot be (the flow
 * checks refuse such a question, so it only happens with a broken record).
 */
export function evaluationValue(field: string, answer: unknown): unknown {
  const schema = (evaluationFieldsSchema.shape as Record<string, z.ZodType>)[field];
  if (!schema || answer === null || answer === undefined) return undefined;
  const candidates = [answer, typeof answer === 'string' && /^\d+$/.test(answer.trim()) ? Number(answer) : undefined, Array.isArray(answer) ? answer.join(', ') : undefined];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const parsed = schema.safeParse(candidate);
    if (parsed.success && parsed.data !== undefined) return parsed.data;
  }
  return undefined;
}
