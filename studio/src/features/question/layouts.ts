import type { FormLayout } from '../../shared/forms/SchemaForm';

/** How each part of the journey's form reads, for staff: the wording first, the technical names under "more settings". */
export const LAYOUTS: Record<string, FormLayout> = {
  step: {
    order: ['ask', 'why', 'label', 'optional', 'choices', 'when', 'next', 'noted', 'noted_approx', 'retry', 'none', 'callback_ask', 'suggest_from', 'id', 'field', 'aliases', 'airtable', 'summary', 'role'],
    advanced: ['id', 'field', 'aliases', 'airtable', 'suggest_from', 'summary', 'role', 'callback_ask', 'none', 'retry'],
  },
  criterion: { order: ['when', 'met', 'unmet', 'blocking', 'id'], advanced: ['id'] },
  programme: { order: ['name', 'pitch', 'conditions', 'requires_eligibility', 'value'], advanced: ['value'] },
  fallback: { order: ['name', 'pitch', 'value'], advanced: ['value'] },
  ending: { order: ['text'] },
  settings: {
    order: ['max_attempts', 'resume_after_minutes', 'callback_fields', 'callback_alternative_fields', 'default_language', 'reference_prefix', 'extra_answers_field'],
    advanced: ['default_language', 'reference_prefix', 'extra_answers_field'],
  },
  calendar: { order: ['factory', 'booster', 'explorers', 'time_zone'] },
};

/** Which schema edits which kind of node of the map. */
export const SCHEMA_OF_NODE: Record<string, string> = {
  question: 'step',
  ending: 'ending',
  criterion: 'criterion',
  programme: 'programme',
  fallback: 'fallback',
  summary: 'settings',
};
