import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { readAfterNeed } from './afterNeed';
import { checkFlow } from './check';
import { checkAfterNeed } from './checkAfterNeed';
import { checkCalendar } from './checkCalendar';
import { CARDS_PREFIX, DIALOGS_PREFIX, type JourneyFiles } from './files';
import { issue, jsonIssue, schemaIssues, yamlIssue } from './issues';
import { type CodedFlowIssue, type Flow, FlowError } from './model';
import { type ParsedYaml, withPositions } from './positions';
import { checkTexts } from './textChecks';
import { readYaml } from './yamlValues';
import {
  calendarFileSchema,
  commandsFileSchema,
  flowFileSchema,
  mailTemplateFileSchema,
  partnersFileSchema,
  rulesFileSchema,
  stepsFileSchema,
  territoriesFileSchema,
  textsFileSchema,
} from './schema';

/** dialogs/mail/<name>.yaml: a mail template. */
const MAIL_PREFIX = 'dialogs/mail/';
const MAIL_TEMPLATE_PATH = /^dialogs\/mail\/([a-z0-9][a-z0-9-]*)\.ya?ml$/;

/** Card templates the renderer needs. */
export const REQUIRED_CARDS = ['summary', 'recommendation', 'choices'] as const;

export interface FlowValidation {
  /** The flow, when there is no issue. */
  flow?: Flow;
  /** Every problem, each with its code, params, file, path and (when known) line and column. */
  issues: CodedFlowIssue[];
  /** What staff should read but that blocks nothing (wording checks: severity `warning`). */
  warnings: CodedFlowIssue[];
}

export interface LoadOptions {
  /** What Flow.dir says the files came from. */
  dir?: string;
}

/**
 * Validates journey files (no file system: see files.ts for the keys) with each file's schema,
 * then the checks between files; never throws. `dialogs/scenarios/` is not part of the flow
 * (src/journey/ reads and checks the scenarios), nor is any file flow.yaml does not name.
 *
 * The same files are validated several times at start (read from disk, checked again before
 * they become version 1 of a new store, then read back from the store): the result of the last
 * few distinct sets of files is kept, by their content, and only the flow's `dir` and `files`
 * differ between calls. Parsing and checking the journey took about 0.15 s of CPU each time.
 */
export function validateFlowFiles(files: JourneyFiles, options: LoadOptions = {}): FlowValidation {
  const key = contentKey(files);
  let known = validated.get(key);
  if (!known) {
    known = validateAnew(files);
    if (validated.size >= KEPT_VALIDATIONS) validated.delete(validated.keys().next().value!);
    validated.set(key, known);
  }
  return { ...known, ...(known.flow ? { flow: { ...known.flow, dir: options.dir ?? 'dialogs', files } } : {}) };
}

const KEPT_VALIDATIONS = 4;
const validated = new Map<string, FlowValidation>();

/** The files' paths and texts, digested: two sets of files with the same key validate the same. */
function contentKey(files: JourneyFiles): string {
  const hash = createHash('sha256');
  for (const file of Object.keys(files).sort()) hash.update(`${file.length}:${file}${files[file].length}:`).update(files[file]);
  return hash.digest('base64');
}

function validateAnew(files: JourneyFiles): FlowValidation {
  const issues: CodedFlowIssue[] = [];
  const parsed = new Map<string, ParsedYaml>();

  function read<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    const text = files[file];
    if (text === undefined) {
      issues.push(issue(file, '', 'file.missing', 'missing file'));
      return undefined;
    }
    const yaml = readYaml(text);
    if (!yaml.ok) {
      issues.push(...yaml.errors.map((e) => yamlIssue(file, e)));
      return undefined;
    }
    parsed.set(file, yaml.positions);
    const result = schema.safeParse(yaml.value);
    if (!result.success) {
      issues.push(...schemaIssues(file, result.error));
      return undefined;
    }
    return result.data;
  }

  const dialogs = (name: string) => `${DIALOGS_PREFIX}${name}`;
  const flowFile = read(dialogs('flow.yaml'), flowFileSchema);
  const rules = read(dialogs('rules.yaml'), rulesFileSchema);
  const territories = read(dialogs('territories.yaml'), territoriesFileSchema);
  const commands = read(dialogs('commands.yaml'), commandsFileSchema);
  const texts = read(dialogs('texts.yaml'), textsFileSchema);
  const calendar = read(dialogs('calendar.yaml'), calendarFileSchema);
  const sections: Flow['sections'] = [];
  for (const file of flowFile?.sections ?? []) {
    const steps = read(dialogs(`steps/${file}`), stepsFileSchema);
    if (steps) sections.push({ file: `steps/${file}`, title: steps.section, progress: steps.progress, steps: steps.steps });
  }
  const cards = readCards(files, issues);
  // Optional: a journey without partners shares nothing.
  const partners = files[dialogs('partners.yaml')] === undefined ? { partners: [] } : read(dialogs('partners.yaml'), partnersFileSchema);
  const mail: Flow['mail'] = {};
  for (const file of Object.keys(files)) {
    if (!file.startsWith(MAIL_PREFIX)) continue;
    const name = MAIL_TEMPLATE_PATH.exec(file)?.[1];
    if (!name) {
      issues.push(issue(file, '', 'mail.bad_name', 'a mail template is a .yaml file named with lower-case letters, digits and -, e.g. need-recorded.yaml'));
      continue;
    }
    const template = read(file, mailTemplateFileSchema);
    if (template) mail[name] = template;
  }
  if (calendar) issues.push(...checkCalendar(calendar, dialogs('calendar.yaml')));
  if (issues.length || !flowFile || !rules || !territories || !commands || !texts || !calendar || !partners) {
    return { issues: withPositions(issues, parsed), warnings: [] };
  }

  const steps = sections.flatMap((s) => s.steps);
  const flow: Flow = {
    dir: 'dialogs',
    files,
    settings: flowFile.settings,
    sections,
    steps,
    stepById: new Map(steps.map((s) => [s.id, s])),
    derived: flowFile.derived,
    endings: flowFile.endings,
    rules,
    territories,
    commands,
    texts,
    calendar,
    cards,
    partners: partners.partners,
    mail,
  };
  const locate = (stepId: string) => {
    const section = sections.find((s) => s.steps.some((st) => st.id === stepId));
    const index = section ? section.steps.findIndex((st) => st.id === stepId) : -1;
    return { file: dialogs(section?.file ?? 'flow.yaml'), path: index >= 0 ? `steps[${index}]` : '' };
  };
  const wording = checkTexts(flow, DIALOGS_PREFIX.slice(0, -1));
  // The mission brief, how to prepare, the evaluation journey: read with the journey, checked like it.
  const after = readAfterNeed(files, flow, read);
  const errors = [
    ...checkFlow(flow, locate, DIALOGS_PREFIX.slice(0, -1)),
    ...checkAfterNeed(flow, locate),
    ...issues,
    ...after.issues,
    ...wording.filter((i) => i.severity !== 'warning'),
  ];
  const warnings = withPositions(
    wording.filter((i) => i.severity === 'warning'),
    parsed,
  );
  if (errors.length) return { issues: withPositions(errors, parsed), warnings };
  flow.afterNeed = after.afterNeed;
  return { flow, issues: [], warnings };
}

/** Like validateFlowFiles, but throws a FlowError listing every problem. */
export function loadFlowFromFiles(files: JourneyFiles, options: LoadOptions = {}): Flow {
  const { flow, issues } = validateFlowFiles(files, options);
  if (!flow) throw new FlowError(issues);
  return flow;
}

/** Every card template (cards/<name>.json, by name), and an issue per unreadable or missing required one. */
function readCards(files: JourneyFiles, issues: CodedFlowIssue[]): Record<string, unknown> {
  const cards: Record<string, unknown> = {};
  for (const [file, text] of Object.entries(files)) {
    const name = /^cards\/([^/]+)\.json$/.exec(file)?.[1];
    if (!name) continue;
    try {
      cards[name] = JSON.parse(text);
    } catch (e) {
      issues.push(jsonIssue(file, text, e as Error));
    }
  }
  for (const name of REQUIRED_CARDS) {
    const file = `${CARDS_PREFIX}${name}.json`;
    if (files[file] === undefined) issues.push(issue(file, '', 'card.missing', `missing card template "${name}"`, { card: name }));
  }
  return cards;
}
