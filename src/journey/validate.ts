import { isJourneyPath, type JourneyFiles } from '../flow/files';
import { issue } from '../flow/issues';
import { type LoadOptions, validateFlowFiles } from '../flow/loadFromFiles';
import type { CodedFlowIssue, Flow } from '../flow/model';
import { readScenarios, type ScenarioFile } from './scenarios';

export interface JourneyValidation {
  /** The flow, when the flow files have no issue (the scenarios may still have some). */
  flow?: Flow;
  scenarios: ScenarioFile[];
  /** Every problem: unexpected file paths, the flow's, the scenarios'. None: it can be published. */
  issues: CodedFlowIssue[];
  /** The flow's wording warnings: worth fixing, never blocking. */
  warnings: CodedFlowIssue[];
}

/** Everything a version must pass before it is published: what `flow:check` says, plus its scenarios and file paths. */
export function validateJourney(files: JourneyFiles, options: LoadOptions = {}): JourneyValidation {
  const paths = Object.keys(files)
    .filter((f) => !isJourneyPath(f))
    .map((f) => issue(f, '', 'file.unexpected_path', 'not a journey file: only .yaml, .yml, .json and .md files under dialogs/ or cards/, with plain names'));
  const { flow, issues, warnings } = validateFlowFiles(files, options);
  const scenarios = readScenarios(files);
  return { flow, scenarios: scenarios.scenarios, issues: [...paths, ...issues, ...scenarios.issues], warnings };
}
