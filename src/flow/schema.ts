import { z } from 'zod';

/**
 * The schemas of the declarative journey in `dialogs/`. Staff edit these files; zod reports
 * every mistake with its path, and `check.ts` adds the checks a schema cannot express.
 */

/**
 * Named string formats. Each gives its issue code (`format.<name>`) so that the studio can
 * explain it in plain words, and the English hint operators read.
 */
export const FORMATS = {
  id: { pattern: /^[a-z][a-z0-9_]*$/, message: 'lower-case letters, digits and _ only' },
  airtable_field: { pattern: /^(Structures|Besoins|Évaluations)\.[^.]+$/, message: 'expected "Structures.<field>" or "Besoins.<field>" ("Évaluations.<field>" in dialogs/evaluation/)' },
  reference_prefix: { pattern: /^[A-Z]{2,6}$/, message: 'two to six capital letters' },
  section_file: { pattern: /^[\w-]+\.ya?ml$/, message: 'a file name of dialogs/steps/ ending in .yaml' },
  postcode_prefix: { pattern: /^\d{2,5}$/, message: 'two to five digits' },
  text_key: { pattern: /^[a-z][a-z0-9_.]*$/, message: 'lower-case letters, digits, _ and . only' },
  month_day: { pattern: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: 'a day of the year as MM-DD, e.g. 09-30' },
  date: { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: 'a date as YYYY-MM-DD, e.g. 2027-03-01' },
  month: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'a month as YYYY-MM, e.g. 2026-11' },
} as const;
export type FormatName = keyof typeof FORMATS;
const formatted = (name: FormatName) => z.string().regex(FORMATS[name].pattern, FORMATS[name].message);

/** A user-facing text, in every language the bot speaks. `{{name}}` inserts a value. */
export const textSchema = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();
export type Text = z.infer<typeof textSchema>;

/** Words that mean the same thing, per language. */
export const synonymsSchema = z
  .object({ fr: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) })
  .strict();

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on the answers (and derived values), written as data. */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; not_equals: string | number | boolean }
  | { field: string; in: (string | number | boolean)[] }
  | { field: string; gt: number }
  | { field: string; gte: number }
  | { field: string; lt: number }
  | { field: string; lte: number }
  | { field: string; contains: string }
  | { field: string; contains_any: string[] }
  | { field: string; count_gte: number }
  | { field: string; is_set: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const field = z.string().min(1);
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field, equals: scalar }).strict(),
    z.object({ field, not_equals: scalar }).strict(),
    z.object({ field, in: z.array(scalar).min(1) }).strict(),
    z.object({ field, gt: z.number() }).strict(),
    z.object({ field, gte: z.number() }).strict(),
    z.object({ field, lt: z.number() }).strict(),
    z.object({ field, lte: z.number() }).strict(),
    z.object({ field, contains: z.string() }).strict(),
    z.object({ field, contains_any: z.array(z.string()).min(1) }).strict(),
    z.object({ field, count_gte: z.number().int().min(0) }).strict(),
    z.object({ field, is_set: z.boolean() }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

/** Where to go after a step: the next step id, an ending id, or `summary`. */
const target = z.string().min(1);
const branchSchema = z.object({ when: conditionSchema.optional(), goto: target }).strict();

export const choiceSchema = z
  .object({
    /** Stored value, and the Airtable select option. */
    value: z.string().min(1),
    label: textSchema,
    synonyms: synonymsSchema.optional(),
    /** Words in a free description that suggest this option (multi-choice `suggest_from`). */
    keywords: synonymsSchema.optional(),
  })
  .strict();
export type Choice = z.infer<typeof choiceSchema>;

/** `Table.Field` of the need record (see src/needs/record.ts). */
const airtableField = formatted('airtable_field');

const stepBase = {
  id: formatted('id'),
  /** The answer key; defaults to the step id. */
  field: formatted('id').optional(),
  ask: textSchema,
  /** Shown on "pourquoi" / "aide". */
  why: textSchema,
  /** Name of the answer in the summary and for "modifier <champ>". */
  label: textSchema,
  /** Extra words that name this answer in "modifier <champ>". */
  aliases: synonymsSchema.optional(),
  /** Replaces the kind's default re-prompt after an invalid answer. */
  retry: textSchema.optional(),
  /** What the bot says after an interpreted answer ("J'ai noté 2012."); `{{value}}` is the value. */
  noted: textSchema.optional(),
  /** The same after an approximate answer ("J'ai noté environ 40 bénévoles."). */
  noted_approx: textSchema.optional(),
  optional: z.boolean().default(false),
  /** Words meaning "none" / "I have none" (an optional question then stores no answer; a multi-choice, an empty list). */
  none: synonymsSchema.optional(),
  /** Replaces `ask` while collecting the details of a call back (the question is then required). */
  callback_ask: textSchema.optional(),
  /** Ask only when this holds; otherwise the step is skipped. */
  when: conditionSchema.optional(),
  next: z.union([target, z.array(branchSchema).min(1)]).optional(),
  /** Shown in the summary (and so editable); the consent step is not. */
  summary: z.boolean().default(true),
};

/** What a yes/no question stands for, beyond its answer. */
export const STEP_ROLES = ['consent', 'partner_consent', 'named_in_brief'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

const plain = <K extends string>(kind: K) => z.object({ ...stepBase, kind: z.literal(kind), airtable: airtableField.optional() }).strict();

export const stepSchema = z.discriminatedUnion('kind', [
  plain('text'),
  plain('count'),
  plain('amount'),
  plain('year'),
  plain('deadline'),
  plain('email'),
  plain('phone'),
  plain('url'),
  z
    .object({
      ...stepBase,
      kind: z.literal('yesno'),
      airtable: airtableField.optional(),
      /**
       * consent: keeping the answers at all (the first question). partner_consent: sharing the need
       * with `partner` (dialogs/partners.yaml), asked only when the recommendation routes it there.
       * named_in_brief: naming the structure in its mission brief (dialogs/mission.yaml).
       */
      role: z.enum(STEP_ROLES).optional(),
      /** The partner of a partner_consent step. */
      partner: formatted('id').optional(),
    })
    .strict(),
  z
    .object({
      ...stepBase,
      kind: z.literal('postcode'),
      airtable: z.object({ postcode: airtableField, town: airtableField.optional() }).strict().optional(),
    })
    .strict(),
  z
    .object({
      ...stepBase,
      kind: z.literal('structure_id'),
      airtable: z.object({ RNA: airtableField, SIREN: airtableField }).strict().optional(),
    })
    .strict(),
  z
    .object({
      ...stepBase,
      kind: z.literal('choice'),
      airtable: airtableField.optional(),
      choices: z.array(choiceSchema).min(2),
      /** The choice offered to someone for whom none applies ("aucune"); default: settings.other_choice. */
      other: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      ...stepBase,
      kind: z.literal('multichoice'),
      airtable: airtableField.optional(),
      choices: z.array(choiceSchema).min(2),
      /** The choice offered to someone for whom none applies ("aucune"); default: settings.other_choice. */
      other: z.string().min(1).optional(),
      /** Suggest options from the words of an earlier free-text answer. */
      suggest_from: z.string().optional(),
    })
    .strict(),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step['kind'];

/** One file of `dialogs/steps/`: a section of the journey. */
export const stepsFileSchema = z
  .object({
    section: textSchema,
    /** false: not counted nor shown as a step of the progress (a welcome, a consent). */
    progress: z.boolean().default(true),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

/** An early end of the journey: the bot says its text and forgets the answers (e.g. consent refused). */
export const endingSchema = z.object({ text: textSchema }).strict();

/** Values computed from answers, usable in conditions and rules. */
export const derivedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('territory'), from: z.string(), airtable: airtableField.optional() }).strict(),
  z.object({ kind: z.literal('territory_covered'), from: z.string() }).strict(),
  z.object({ kind: z.literal('years_since'), from: z.string() }).strict(),
  /** The programme the rules recommend with the answers so far (its `value`); rules cannot read it. */
  z.object({ kind: z.literal('recommendation') }).strict(),
]);

export const flowSettingsSchema = z
  .object({
    default_language: z.enum(['fr', 'en']).default('fr'),
    reference_prefix: formatted('reference_prefix'),
    max_attempts: z.number().int().min(1).max(10).default(3),
    /** A conversation idle longer than this is offered "reprendre" or "recommencer". */
    resume_after_minutes: z.number().int().min(1).default(60),
    /** Fields asked when someone wants to be called back and they are still missing. */
    callback_fields: z.array(z.string()).min(1),
    /** Asked instead of `callback_fields` when someone asking for a call back has no phone (e.g. an email). */
    callback_alternative_fields: z.array(z.string()).default([]),
    /** Answers not mapped to an Airtable field are appended to this long-text field. */
    extra_answers_field: airtableField,
    /**
     * The value of the choice offered to someone who answers "aucune" to a required list (a step's
     * `other` wins); a list without that choice asks again.
     */
    other_choice: z.string().min(1).default('Autre'),
    /**
     * Asked to someone who, told early that a decisive criterion is not met, leaves a short need
     * anyway; then the need is recorded as not eligible.
     */
    not_eligible_fields: z.array(z.string()).default([]),
    /**
     * Where the user is, above the first question of each section ("Étape 2 sur 4 · Votre
     * besoin", text `progress`), in the same message: no extra bubble.
     */
    show_progress: z.boolean().default(false),
  })
  .strict();

export const flowFileSchema = z
  .object({
    settings: flowSettingsSchema,
    /** Step files, in journey order, relative to dialogs/steps/. */
    sections: z.array(formatted('section_file')).min(1),
    derived: z.record(formatted('id'), derivedSchema).default({}),
    endings: z.record(formatted('id'), endingSchema),
  })
  .strict();

export const territoriesFileSchema = z
  .object({
    territories: z
      .array(
        z
          .object({
            /** The Airtable option. */
            name: z.string().min(1),
            covered: z.boolean(),
            /** Postcode prefixes (département numbers: "75", "971"). */
            prefixes: z.array(formatted('postcode_prefix')).min(1),
          })
          .strict(),
      )
      .min(1),
    /** Territory name when no prefix matches. */
    otherwise: z.string().min(1),
  })
  .strict();

export const criterionSchema = z
  .object({
    id: formatted('id'),
    when: conditionSchema,
    /** Why it counts for the structure (shown as a reason). */
    met: textSchema,
    /** Why it does not (shown to a structure that is not eligible). */
    unmet: textSchema,
    /** A non-blocking criterion is reported but does not make the structure ineligible. */
    blocking: z.boolean().default(true),
    /**
     * Said as soon as it is certainly not met (every field it reads answered), with the fallback's
     * orientation; the user then leaves a short need or stops. Only for a blocking criterion.
     */
    decisive: z.boolean().default(false),
  })
  .strict();

export const programmeSchema = z
  .object({
    /** The Airtable option of `Programme recommandé`. */
    value: z.string().min(1),
    name: textSchema,
    /** What the structure can expect next. */
    pitch: textSchema,
    requires_eligibility: z.boolean().default(true),
    /** All must hold; each one's `because` is a reason shown to the user. */
    conditions: z.array(z.object({ when: conditionSchema, because: textSchema }).strict()).default([]),
  })
  .strict();

export const rulesFileSchema = z
  .object({
    eligibility: z.object({ criteria: z.array(criterionSchema).min(1) }).strict(),
    /** In order of precedence: the first that holds is recommended, the others are listed. */
    programmes: z.array(programmeSchema).min(1),
    /** When nothing holds or the structure is not eligible. */
    fallback: programmeSchema.omit({ conditions: true, requires_eligibility: true }),
  })
  .strict();

/** Global commands. `edit` also takes the name of an answer after its words ("modifier email"). */
export const COMMANDS = ['help', 'why', 'back', 'edit', 'restart', 'cancel', 'human', 'skip', 'resume', 'greeting', 'confirm', 'english', 'french', 'erase'] as const;
export type CommandName = (typeof COMMANDS)[number];
export const commandSchema = z
  .object({
    /** The whole message: exactly one of these (politeness aside) is the command, at any point. */
    words: synonymsSchema,
    /** Sentences people write to ask for it ("je préfère qu'on me rappelle"), recognised inside a message. */
    examples: synonymsSchema.default({ fr: [], en: [] }),
  })
  .strict();
export const commandsFileSchema = z
  .object({
    ...(Object.fromEntries(COMMANDS.map((c) => [c, commandSchema])) as Record<CommandName, typeof commandSchema>),
    /** Politeness around a command ("je voudrais …", "… s'il vous plaît"), ignored when matching its words. */
    fillers: z.object({ before: synonymsSchema, after: synonymsSchema }).strict(),
  })
  .strict();

/** Every other text the bot says, by key (see dialogs/texts.yaml). */
export const textsFileSchema = z.record(formatted('text_key'), textSchema);

/**
 * The programme calendar (dialogs/calendar.yaml): staff data, read on the operator's clock.
 * Cross-field checks (a real time zone, months in order, a real day) are in checkCalendar.ts.
 */
export const calendarFileSchema = z
  .object({
    /** IANA time zone the operator works in: "this year", "this month" and "today" are read there. */
    time_zone: z.string().min(1),
    factory: z
      .object({
        /** Months of the yearly edition (1 = January … 12 = December), in order. */
        edition_months: z.array(z.number().int().min(1).max(12)).min(1),
        /** Registrations for the edition close at the end of this day of its year (MM-DD). */
        registrations_close: formatted('month_day'),
      })
      .strict(),
    booster: z.object({ next_cohort_start: formatted('date') }).strict(),
    explorers: z
      .object({
        /** Each theme holds from its month until the next one's. */
        themes: z.array(z.object({ from: formatted('month'), theme: textSchema }).strict()).min(1),
      })
      .strict(),
  })
  .strict();

/**
 * Partners' systems the needs of some programmes are shared with (dialogs/partners.yaml), each
 * only with the association's consent (a `partner_consent` step naming the partner).
 */
export const partnersFileSchema = z
  .object({
    partners: z.array(
      z
        .object({
          id: formatted('id'),
          /** The name the association is asked about, and staff read in Motifs. */
          name: textSchema,
          /** Values of rules.yaml programmes whose needs are routed to this partner. */
          programmes: z.array(z.string().min(1)).min(1),
        })
        .strict(),
    ),
  })
  .strict();

/** A mail of dialogs/mail/<template>.yaml: `{{name}}` inserts a value (HTML-escaped in `html`). */
export const mailTemplateFileSchema = z
  .object({
    subject: textSchema,
    /** The plain-text body. */
    text: textSchema,
    /** The HTML body (staff's markup; values inserted into it are escaped). */
    html: textSchema,
  })
  .strict();

export type FlowFile = z.infer<typeof flowFileSchema>;
export type PartnersFile = z.infer<typeof partnersFileSchema>;
export type Partner = PartnersFile['partners'][number];
export type MailTemplate = z.infer<typeof mailTemplateFileSchema>;
export type TerritoriesFile = z.infer<typeof territoriesFileSchema>;
export type RulesFile = z.infer<typeof rulesFileSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type ProgrammeRule = z.infer<typeof programmeSchema>;
export type CommandsFile = z.infer<typeof commandsFileSchema>;
export type Ending = z.infer<typeof endingSchema>;
export type Derived = z.infer<typeof derivedSchema>;
export type CalendarFile = z.infer<typeof calendarFileSchema>;
