import { isScenarioPath, type JourneyFiles } from '../flow/files';
import { formatPath, issue, schemaIssues, yamlIssue } from '../flow/issues';
import type { CodedFlowIssue } from '../flow/model';
import { type ParsedYaml, withPositions } from '../flow/positions';
import { readYaml } from '../flow/yamlValues';
import { needFieldsSchema, structureFieldsSchema } from '../needs/record';
import { type StoredScenario, storedScenarioSchema } from './scenarioSchema';

export interface ScenarioFile {
  /** Its journey path, `dialogs/scenarios/<name>.yaml`. */
  file: string;
  scenario: StoredScenario;
}

const FIELDS = { Besoins: new Set(Object.keys(needFieldsSchema.shape)), Structures: new Set(Object.keys(structureFieldsSchema.shape)) };

/**
 * The scenarios of a journey (dialogs/scenarios/*.yaml), in file order, and every problem with
 * them: YAML, shape, and stored fields that are not fields of the need record.
 */
export function readScenarios(files: JourneyFiles): { scenarios: ScenarioFile[]; issues: CodedFlowIssue[] } {
  const scenarios: ScenarioFile[] = [];
  const issues: CodedFlowIssue[] = [];
  for (const file of Object.keys(files).filter(isScenarioPath).sort()) {
    const yaml = readYaml(files[file]);
    if (!yaml.ok) {
      issues.push(...yaml.errors.map((e) => yamlIssue(file, e)));
      continue;
    }
    const parsed = new Map<string, ParsedYaml>([[file, yaml.positions]]);
    const result = storedScenarioSchema.safeParse(yaml.value);
    if (!result.success) {
      issues.push(...withPositions(schemaIssues(file, result.error), parsed));
      continue;
    }
    const unknown: CodedFlowIssue[] = [];
    for (const table of ['Besoins', 'Structures'] as const) {
      const stored = Object.keys(result.data.stored?.[table] ?? {}).map((f) => ({ field: f, segments: ['stored', table, f] }));
      const absent = (result.data.stored_absent?.[table] ?? []).map((f, i) => ({ field: f, segments: ['stored_absent', table, i] }));
      for (const { field, segments } of [...stored, ...absent]) {
        if (FIELDS[table].has(field)) continue;
        unknown.push({ ...issue(file, formatPath(segments), 'scenario.unknown_field', `"${field}" is not a field of ${table}`, { table, field }), segments });
      }
    }
    issues.push(...withPositions(unknown, parsed));
    if (!unknown.length) scenarios.push({ file, scenario: result.data });
  }
  return { scenarios, issues };
}
