import { FORMATS, type FormatName } from './schema';

/**
 * Every problem the journey checks can report, by stable code, with the names of its params.
 * The studio words each one in French and English (studio/texts.yaml, `issue.<code>`, where
 * `{{param}}` inserts a param); operators read the English `message` of the issue instead.
 * Add codes freely; never rename one (saved drafts and the studio's texts refer to them).
 */
const CODES = {
  // Files
  'file.missing': [],
  'file.unexpected_path': [],
  'yaml.syntax': ['detail'],
  'yaml.duplicate_key': ['detail'],
  'json.syntax': ['detail'],
  'card.missing': ['card'],
  // Shapes (the zod schemas of src/flow/schema.ts)
  'schema.required': [],
  'schema.invalid_type': ['expected'],
  'schema.too_short': ['minimum'],
  'schema.too_few': ['minimum'],
  'schema.too_small': ['minimum'],
  'schema.too_long': ['maximum'],
  'schema.too_many': ['maximum'],
  'schema.too_big': ['maximum'],
  'schema.unknown_key': ['keys'],
  'schema.invalid_value': ['expected'],
  'schema.unknown_kind': ['expected'],
  'schema.invalid_condition': [],
  'schema.invalid_union': [],
  'schema.invalid': ['detail'],
  // Named formats (see FORMATS), added below as `format.<name>`.
  // References between files (src/flow/check.ts)
  'step.duplicate_id': ['id'],
  'step.duplicate_field': ['field', 'step'],
  'step.unknown_target': ['target'],
  'step.bad_suggest_from': ['source', 'step'],
  'step.unreachable': ['step', 'first'],
  'step.loop': ['loop'],
  'choice.duplicate': ['value'],
  'condition.unknown_field': ['field', 'known'],
  'condition.unknown_choice': ['value', 'field', 'choices'],
  'derived.is_step_field': ['name'],
  'derived.unknown_source': ['field'],
  'derived.wrong_source_kind': ['field', 'kind', 'derived', 'expected'],
  'settings.unknown_callback_field': ['field'],
  'settings.unknown_not_eligible_field': ['field'],
  'step.unknown_other_choice': ['value', 'step'],
  'criterion.decisive_not_blocking': ['id'],
  'airtable.unknown_field': ['target'],
  'airtable.already_written': ['target', 'owner'],
  'text.missing': ['key'],
  'text.unknown_placeholder': ['lang', 'name'],
  // The wording of every text (src/flow/textChecks.ts): warnings, except blank and bad_plural
  'text.blank': ['lang'],
  'text.bad_plural': ['lang', 'detail'],
  'text.no_break_space_before': ['mark', 'excerpt'],
  'text.no_break_space_quotes': ['excerpt'],
  'text.no_break_space_number': ['excerpt'],
  'text.value_after_article': ['name', 'word'],
  'text.same_in_both_languages': [],
  'text.same_button_label': ['label', 'other'],
  // The calendar (src/flow/checkCalendar.ts)
  'calendar.unknown_time_zone': ['zone'],
  'calendar.months_order': [],
  'calendar.invalid_day': ['day'],
  'calendar.close_after_edition': ['close'],
  // After the need (src/flow/checkAfterNeed.ts): the recommendation, partners, mail templates
  'derived.read_by_rules': ['name'],
  'condition.unknown_programme': ['value', 'field', 'programmes'],
  'partner.duplicate': ['partner'],
  'partner.unknown_programme': ['value', 'programmes'],
  'partner.programme_twice': ['value', 'partner'],
  'partner.no_consent_step': ['partner'],
  'step.partner_without_role': [],
  'step.partner_missing': [],
  'step.unknown_partner': ['partner', 'partners'],
  'step.partner_not_named': ['lang', 'name'],
  'mail.missing': ['template'],
  'mail.bad_name': [],
  'mail.bad_section': ['lang'],
  // Mission brief, preparation, evaluations (src/flow/afterNeed.ts)
  'programme.unknown': ['programme', 'known'],
  'role.duplicate': ['role'],
  'role.needs_airtable': ['role'],
  'airtable.invalid_value': ['target', 'value'],
  // Scenarios (src/journey/scenarioSchema.ts)
  'scenario.unknown_field': ['table', 'field'],
} as const satisfies Record<string, readonly string[]>;

type FormatCode = `format.${FormatName}`;
export type IssueCode = keyof typeof CODES | FormatCode;

/** Each code and the params it carries. */
export const ISSUE_CODES: Readonly<Record<IssueCode, readonly string[]>> = {
  ...CODES,
  ...(Object.fromEntries(Object.keys(FORMATS).map((name) => [`format.${name}`, []])) as unknown as Record<FormatCode, readonly string[]>),
};

export const formatCode = (name: FormatName): IssueCode => `format.${name}`;
