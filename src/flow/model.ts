import type {
  CommandsFile,
  Derived,
  Ending,
  FlowFile,
  RulesFile,
  Step,
  TerritoriesFile,
  Text,
} from './schema';

/** The whole journey, loaded and checked: what the engine runs on. */
export interface Flow {
  dir: string;
  settings: FlowFile['settings'];
  sections: { file: string; title: Text; steps: Step[] }[];
  /** Every step, in journey order. */
  steps: Step[];
  stepById: ReadonlyMap<string, Step>;
  derived: Record<string, Derived>;
  endings: Record<string, Ending>;
  rules: RulesFile;
  territories: TerritoriesFile;
  commands: CommandsFile;
  texts: Record<string, Text>;
  /** Adaptive Card templates by name (file name without .json). */
  cards: Record<string, unknown>;
}

/** The answer key of a step. */
export const fieldOf = (step: Step): string => step.field ?? step.id;

/** The special `goto` target that leaves the questions for the summary. */
export const SUMMARY = 'summary';

/** One problem in dialogs/ or cards/, located as precisely as we can. */
export interface FlowIssue {
  file: string;
  path: string;
  message: string;
}

export class FlowError extends Error {
  constructor(readonly issues: FlowIssue[]) {
    super(`The journey in dialogs/ is invalid:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'FlowError';
  }
}

export const formatIssue = (i: FlowIssue): string => `  ${i.file}${i.path ? `: ${i.path}` : ''}: ${i.message}`;
