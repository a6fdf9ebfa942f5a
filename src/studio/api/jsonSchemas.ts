import { z } from 'zod';
import {
  calendarFileSchema,
  choiceSchema,
  conditionSchema,
  criterionSchema,
  endingSchema,
  flowSettingsSchema,
  programmeSchema,
  rulesFileSchema,
  stepSchema,
  textSchema,
} from '../../flow/schema';

/**
 * The parts of the journey the page's forms edit, as JSON Schemas made from the very zod
 * schemas `flow:check` validates with: a form can never ask for something the check refuses.
 * Input shapes (a value with a default may be left out).
 */
const PARTS = {
  step: stepSchema,
  choice: choiceSchema,
  condition: conditionSchema,
  criterion: criterionSchema,
  programme: programmeSchema,
  fallback: rulesFileSchema.shape.fallback,
  ending: endingSchema,
  settings: flowSettingsSchema,
  calendar: calendarFileSchema,
  text: textSchema,
} as const;

export type SchemaName = keyof typeof PARTS;

let cached: Record<SchemaName, unknown> | undefined;

export function journeySchemas(): Record<SchemaName, unknown> {
  cached ??= Object.fromEntries(Object.entries(PARTS).map(([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })])) as Record<SchemaName, unknown>;
  return cached;
}
