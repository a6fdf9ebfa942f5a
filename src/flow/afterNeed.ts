import type { z } from 'zod';
import { EVALUATION_WRITABLE_FIELDS, evaluationValue } from '../needs/evaluationRecord';
import { type MissionTemplate, missionFileSchema, type PreparationTexts, preparationFileSchema, evaluationFlowFileSchema } from './afterNeedSchema';
import { checkFlow, checkPlaceholders, type Report } from './check';
import { DIALOGS_PREFIX, type JourneyFiles } from './files';
import { issue } from './issues';
import { type AfterNeed, type CodedFlowIssue, type Flow, fieldOf } from './model';
import { stepsFileSchema, textsFileSchema } from './schema';

/**
 * What follows an accepted need, read with the journey and checked like it (flow:check, the
 * server's start, a publish): dialogs/mission.yaml, dialogs/preparation.yaml and the evaluation
 * journey in dialogs/evaluation/. Each part is optional: without its files, that part is off.
 */

type Read = <S extends z.ZodType>(file: string, schema: S) => z.infer<S> | undefined;

export const MISSION_FILE = `${DIALOGS_PREFIX}mission.yaml`;
export const PREPARATION_FILE = `${DIALOGS_PREFIX}preparation.yaml`;
export const EVALUATION_DIR = `${DIALOGS_PREFIX}evaluation`;

/** Values of the need a mission brief line may insert (besides answers kept in the description). */
export const MISSION_PLACEHOLDERS = [
  'reference', 'name', 'legal_form', 'town', 'territory', 'creation_year', 'employees', 'volunteers',
  'causes', 'domains', 'nature', 'programme', 'deadline', 'description',
] as const;
export const PREPARATION_PLACEHOLDERS = ['reference', 'programme', 'will', 'will_not', 'who', 'bring'] as const;
export const EVALUATION_PLACEHOLDERS = ['reference', 'programme', 'mission_end'] as const;

/** Texts the evaluations need (dialogs/evaluation/texts.yaml, or dialogs/texts.yaml). */
export const EVALUATION_TEXT_KEYS = [
  'evaluation.invite.hot', 'evaluation.invite.medium', 'evaluation.reminder', 'evaluation.stopped', 'evaluation.already_answered',
  'evaluation.link.expired', 'evaluation.link.used', 'evaluation.link.invalid', 'evaluation.link.sent', 'evaluation.link.not_sent',
  'evaluation.link.no_address', 'evaluation.link.yes_no', 'human_unavailable',
] as const;

/** The role of the question whose answer lets the brief name the structure. */
export const NAMED_IN_BRIEF = 'named_in_brief';

export function readAfterNeed(files: JourneyFiles, main: Flow, read: Read): { afterNeed: AfterNeed; issues: CodedFlowIssue[] } {
  const issues: CodedFlowIssue[] = [];
  const afterNeed: AfterNeed = {};
  issues.push(...checkRoles(main));
  const programmes = [...main.rules.programmes.map((p) => p.value), main.rules.fallback.value];
  const checkProgrammes = (file: string, names: string[]) => {
    for (const name of names) {
      if (!programmes.includes(name)) issues.push(issue(file, `programmes.${name}`, 'programme.unknown', `"${name}" is not a programme of rules.yaml (${programmes.join(', ')})`, { programme: name, known: programmes.join(', ') }));
    }
  };

  if (files[MISSION_FILE] !== undefined) {
    const mission = read(MISSION_FILE, missionFileSchema);
    if (mission) {
      checkProgrammes(MISSION_FILE, Object.keys(mission.programmes));
      const extras = main.steps.filter((s) => !s.airtable).map(fieldOf);
      missionPlaceholders(mission, new Set<string>([...MISSION_PLACEHOLDERS, ...extras]), issues);
      afterNeed.mission = mission;
    }
  }
  if (files[PREPARATION_FILE] !== undefined) {
    const preparation = read(PREPARATION_FILE, preparationFileSchema);
    if (preparation) {
      checkProgrammes(PREPARATION_FILE, Object.keys(preparation.programmes));
      preparationPlaceholders(preparation, issues);
      afterNeed.preparation = preparation;
    }
  }
  if (files[`${EVALUATION_DIR}/flow.yaml`] !== undefined) {
    const evaluation = readEvaluation(files, main, read, issues);
    if (evaluation) afterNeed.evaluation = evaluation;
  }
  return { afterNeed, issues };
}

/** The evaluation journey: its own flow file, steps and texts; the rest (commands, cards, calendar) is the journey's. */
function readEvaluation(files: JourneyFiles, main: Flow, read: Read, issues: CodedFlowIssue[]): AfterNeed['evaluation'] {
  const file = (name: string) => `${EVALUATION_DIR}/${name}`;
  const flowFile = read(file('flow.yaml'), evaluationFlowFileSchema);
  const sections: Flow['sections'] = [];
  for (const name of flowFile?.sections ?? []) {
    const steps = read(file(`steps/${name}`), stepsFileSchema);
    if (steps) sections.push({ file: `evaluation/steps/${name}`, title: steps.section, progress: steps.progress, steps: steps.steps });
  }
  const own = files[file('texts.yaml')] !== undefined ? read(file('texts.yaml'), textsFileSchema) : {};
  if (!flowFile || !own || sections.length !== flowFile.sections.length) return undefined;

  const steps = sections.flatMap((s) => s.steps);
  const flow: Flow = {
    ...main,
    dir: `${main.dir}/evaluation`,
    kind: 'evaluation',
    settings: { ...main.settings, callback_fields: [], callback_alternative_fields: [], not_eligible_fields: [], show_progress: false, extra_answers_field: flowFile.settings.extra_answers_field },
    sections,
    steps,
    stepById: new Map(steps.map((s) => [s.id, s])),
    derived: {},
    endings: flowFile.endings,
    // The evaluation recommends nothing: no criteria, no programme.
    rules: { eligibility: { criteria: [] }, programmes: [], fallback: main.rules.fallback },
    texts: { ...main.texts, ...own },
    afterNeed: undefined,
  };
  const locate = (stepId: string) => {
    const section = sections.find((s) => s.steps.some((st) => st.id === stepId));
    const index = section ? section.steps.findIndex((st) => st.id === stepId) : -1;
    return { file: `${DIALOGS_PREFIX}${section?.file ?? 'evaluation/flow.yaml'}`, path: index >= 0 ? `steps[${index}]` : '' };
  };
  const before = issues.length;
  issues.push(...checkFlow(flow, locate, EVALUATION_DIR, { writable: EVALUATION_WRITABLE_FIELDS }));
  for (const key of EVALUATION_TEXT_KEYS) {
    if (!flow.texts[key]) issues.push(issue(file('texts.yaml'), key, 'text.missing', 'missing text (needed by the evaluations)', { key }));
  }
  const inTexts = reporter(file('texts.yaml'), issues);
  for (const [key, text] of Object.entries(own)) if (key.startsWith('evaluation.')) checkPlaceholders(text, new Set(EVALUATION_PLACEHOLDERS), inTexts, key);
  // Every choice (and yes / no) a question offers must fit the Airtable field it fills.
  for (const step of steps) {
    if (typeof step.airtable !== 'string' || (step.kind !== 'choice' && step.kind !== 'yesno')) continue;
    const field = step.airtable.slice('Évaluations.'.length);
    const values = step.kind === 'yesno' ? [true, false] : step.choices.map((c) => c.value);
    for (const value of values) {
      if (evaluationValue(field, value) === undefined) {
        const at = locate(step.id);
        issues.push(issue(at.file, `${at.path}.airtable`, 'airtable.invalid_value', `"${step.airtable}" cannot take the value "${String(value)}"`, { target: step.airtable, value: String(value) }));
      }
    }
  }
  return issues.length > before ? undefined : { flow, settings: flowFile.settings };
}

/** At most one question per role, and the naming consent must reach the need record. */
function checkRoles(main: Flow): CodedFlowIssue[] {
  const out: CodedFlowIssue[] = [];
  const seen = new Set<string>();
  main.sections.forEach((section) =>
    section.steps.forEach((step, index) => {
      if (step.kind !== 'yesno' || !step.role) return;
      const at = (path: string) => ({ file: `${DIALOGS_PREFIX}${section.file}`, path: `steps[${index}]${path}` });
      if (seen.has(step.role)) {
        const { file, path } = at('.role');
        out.push(issue(file, path, 'role.duplicate', `only one question may have the role "${step.role}"`, { role: step.role }));
      }
      seen.add(step.role);
      if (step.role === NAMED_IN_BRIEF && typeof step.airtable !== 'string') {
        const { file, path } = at('');
        out.push(issue(file, path, 'role.needs_airtable', `the question with the role "${step.role}" must name the Besoins field its answer goes to (airtable:)`, { role: step.role }));
      }
    }),
  );
  return out;
}

/** Brief lines are French only: checked as the French text of a text. */
function missionPlaceholders(mission: MissionTemplate, allowed: ReadonlySet<string>, out: CodedFlowIssue[]): void {
  const report = reporter(MISSION_FILE, out, (p) => p.replace(/\.fr$/, ''));
  const check = (value: string | string[], path: string) =>
    (Array.isArray(value) ? value : [value]).forEach((line, i) => checkPlaceholders({ fr: line, en: '' }, allowed, report, Array.isArray(value) ? `${path}[${i}]` : path));
  check(mission.title, 'title');
  check(mission.structure.named, 'structure.named');
  check(mission.structure.anonymous, 'structure.anonymous');
  check(mission.problem, 'problem');
  check(mission.tried, 'tried');
  check(mission.expected_result, 'expected_result');
  check(mission.territory.covered, 'territory.covered');
  check(mission.territory.remote, 'territory.remote');
}

function preparationPlaceholders(preparation: PreparationTexts, out: CodedFlowIssue[]): void {
  const report = reporter(PREPARATION_FILE, out);
  checkPlaceholders(preparation.message, new Set(PREPARATION_PLACEHOLDERS), report, 'message');
  const inParts = new Set(['reference', 'programme']);
  for (const [name, parts] of Object.entries(preparation.programmes)) {
    for (const [key, text] of Object.entries(parts)) checkPlaceholders(text, inParts, report, `programmes.${name}.${key}`);
  }
}

/** Collects issues of one file. */
function reporter(file: string, out: CodedFlowIssue[], path: (p: string) => string = (p) => p): Report {
  return (p, code, message, params) => out.push(issue(file, path(p), code, message, params));
}
