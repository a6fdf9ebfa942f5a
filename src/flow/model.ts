import type { EvaluationSettings, MissionTemplate, PreparationTexts } from './afterNeedSchema';
import type { JourneyFiles } from './files';
import type { IssueCode } from './issueCodes';
import type {
  CalendarFile,
  CommandsFile,
  Derived,
  Ending,
  FlowFile,
  MailTemplate,
  Partner,
  RulesFile,
  Step,
  TerritoriesFile,
  Text,
} from './schema';

/** The whole journey, loaded and checked: what the engine runs on. */
export interface Flow {
  /** Where the files came from: a folder, or a label such as "version 3". */
  dir: string;
  /** The files it was read from (dialogs/ + cards/, comments kept): what a journey version holds. */
  files: JourneyFiles;
  settings: FlowFile['settings'];
  /** `progress`: counted and shown in the user's progress (settings.show_progress). */
  sections: { file: string; title: Text; progress: boolean; steps: Step[] }[];
  /** Every step, in journey order. */
  steps: Step[];
  stepById: ReadonlyMap<string, Step>;
  derived: Record<string, Derived>;
  endings: Record<string, Ending>;
  rules: RulesFile;
  territories: TerritoriesFile;
  commands: CommandsFile;
  texts: Record<string, Text>;
  /** The programme calendar (dialogs/calendar.yaml). */
  calendar: CalendarFile;
  /** Adaptive Card templates by name (file name without .json). */
  cards: Record<string, unknown>;
  /** Partners' systems some needs are shared with, with consent (dialogs/partners.yaml; none when absent). */
  partners: Partner[];
  /** Mail templates by name (dialogs/mail/<name>.yaml). */
  mail: Record<string, MailTemplate>;
  /** 'evaluation': the evaluation journey of dialogs/evaluation/ (completing it records answers, not a need). */
  kind?: 'evaluation';
  /** What follows an accepted need (issue 11); each part is absent when its files are. */
  afterNeed?: AfterNeed;
}

/** dialogs/mission.yaml, dialogs/preparation.yaml and dialogs/evaluation/, loaded and checked. */
export interface AfterNeed {
  mission?: MissionTemplate;
  preparation?: PreparationTexts;
  evaluation?: { flow: Flow; settings: EvaluationSettings };
}

/** The answer key of a step. */
export const fieldOf = (step: Step): string => step.field ?? step.id;

/** The special `goto` target that leaves the questions for the summary. */
export const SUMMARY = 'summary';

/** Values an issue's wording inserts (see ISSUE_CODES for each code's names). */
export type IssueParams = Readonly<Record<string, string | number>>;

/**
 * One problem in dialogs/ or cards/, located as precisely as we can. Every issue the journey
 * checks report carries `code` and `params` (see CodedFlowIssue); other loaders of ours that
 * share this shape (the chat page's style and texts) may leave them out.
 */
export interface FlowIssue {
  /** The file: a journey path such as `dialogs/rules.yaml`, or where it was read from on disk. */
  file: string;
  /** Where in the file, as text: `steps[1].ask.en`; empty for the whole file. */
  path: string;
  /** Plain English, for operators. */
  message: string;
  code?: IssueCode;
  params?: IssueParams;
  /** A warning is told, never blocks (a journey with warnings loads and publishes); absent: an error. */
  severity?: 'warning';
  /** The same path as keys and indexes, as far as it exists in the file (for editors). */
  segments?: (string | number)[];
  /** 1-based position of the YAML node (or JSON character) the issue concerns, when known. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** An issue of the journey checks: always with its code and params. */
export type CodedFlowIssue = FlowIssue & { code: IssueCode; params: IssueParams };

export class FlowError extends Error {
  constructor(readonly issues: CodedFlowIssue[]) {
    super(`The journey in dialogs/ is invalid:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'FlowError';
  }
}

export const formatIssue = (i: FlowIssue): string => `  ${i.file}${i.path ? `: ${i.path}` : ''}: ${i.message}`;
