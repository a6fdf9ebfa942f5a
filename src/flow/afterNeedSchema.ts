import { z } from 'zod';
import { endingSchema, FORMATS, synonymsSchema, textSchema } from './schema';

/**
 * The schemas of what happens after a need is accepted (issue 11): the mission brief template
 * (dialogs/mission.yaml), how to prepare (dialogs/preparation.yaml) and the evaluation journey's
 * own flow file (dialogs/evaluation/flow.yaml; its steps use the journey's step schema).
 */

/** A line of the brief, or lines of which the first that is not empty once filled in is used. */
const templateLines = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export type TemplateLines = z.infer<typeof templateLines>;

export const missionFileSchema = z
  .object({
    title: templateLines,
    structure: z.object({ named: templateLines, anonymous: templateLines }).strict(),
    /** Replaces the structure's name, website, email and phone in its own words when it is not named. */
    anonymous_name: z.string().min(1),
    problem: templateLines,
    tried: templateLines,
    expected_result: templateLines,
    territory: z.object({ covered: templateLines, remote: templateLines }).strict(),
    /** Format and duration by programme value (dialogs/rules.yaml). */
    programmes: z.record(z.string().min(1), z.object({ format: z.string().min(1), duration: z.string().min(1) }).strict()).default({}),
  })
  .strict();
export type MissionTemplate = z.infer<typeof missionFileSchema>;

export const preparationFileSchema = z
  .object({
    /** The whole message; inserts {{reference}}, {{programme}}, {{will}}, {{will_not}}, {{who}}, {{bring}}. */
    message: textSchema,
    programmes: z
      .record(z.string().min(1), z.object({ will: textSchema, will_not: textSchema, who: textSchema, bring: textSchema }).strict())
      .default({}),
  })
  .strict();
export type PreparationTexts = z.infer<typeof preparationFileSchema>;

const airtableField = z.string().regex(FORMATS.airtable_field.pattern, FORMATS.airtable_field.message);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 10:00');

export const evaluationSettingsSchema = z
  .object({
    hot_after_days: z.number().int().min(0).max(365).default(0),
    medium_after_months: z.number().int().min(1).max(36).default(4),
    send_at: clockTime.default('10:00'),
    reminder_after_days: z.number().int().min(1).max(90).default(7),
    link_valid_days: z.number().int().min(1).max(90).default(30),
    stop_words: synonymsSchema,
    extra_answers_field: airtableField,
  })
  .strict();
export type EvaluationSettings = z.infer<typeof evaluationSettingsSchema>;

export const evaluationFlowFileSchema = z
  .object({
    settings: evaluationSettingsSchema,
    /** Step files, in order, relative to dialogs/evaluation/steps/. */
    sections: z.array(z.string().regex(FORMATS.section_file.pattern, FORMATS.section_file.message)).min(1),
    endings: z.record(z.string().regex(FORMATS.id.pattern, FORMATS.id.message), endingSchema).default({}),
  })
  .strict();
