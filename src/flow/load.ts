import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { checkFlow } from './check';
import { FlowError, type Flow, type FlowIssue } from './model';
import {
  commandsFileSchema,
  flowFileSchema,
  rulesFileSchema,
  stepsFileSchema,
  territoriesFileSchema,
  textsFileSchema,
} from './schema';

/** Card templates the renderer needs. */
export const REQUIRED_CARDS = ['summary', 'recommendation', 'choices'] as const;

/**
 * Reads `dialogs/` and `cards/`, validates every file with its schema, then runs the graph
 * checks. Throws a FlowError listing every problem (file, path, reason), never the first only.
 */
export function loadFlow(dialogsDir: string, cardsDir = path.join(dialogsDir, '..', 'cards')): Flow {
  const issues: FlowIssue[] = [];
  const rel = (file: string) => path.relative(process.cwd(), file) || file;

  function read<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    let raw: unknown;
    try {
      const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
      if (doc.errors.length) {
        for (const e of doc.errors) issues.push({ file: rel(file), path: '', message: e.message.split('\n')[0] });
        return undefined;
      }
      raw = doc.toJS();
    } catch (e) {
      issues.push({ file: rel(file), path: '', message: (e as Error).message });
      return undefined;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const i of result.error.issues) issues.push({ file: rel(file), path: formatPath(i.path), message: i.message });
      return undefined;
    }
    return result.data;
  }

  const flowFile = read(path.join(dialogsDir, 'flow.yaml'), flowFileSchema);
  const rules = read(path.join(dialogsDir, 'rules.yaml'), rulesFileSchema);
  const territories = read(path.join(dialogsDir, 'territories.yaml'), territoriesFileSchema);
  const commands = read(path.join(dialogsDir, 'commands.yaml'), commandsFileSchema);
  const texts = read(path.join(dialogsDir, 'texts.yaml'), textsFileSchema);
  const sections: Flow['sections'] = [];
  for (const file of flowFile?.sections ?? []) {
    const parsed = read(path.join(dialogsDir, 'steps', file), stepsFileSchema);
    if (parsed) sections.push({ file: `steps/${file}`, title: parsed.section, steps: parsed.steps });
  }
  const cards: Record<string, unknown> = {};
  for (const name of REQUIRED_CARDS) {
    const file = path.join(cardsDir, `${name}.json`);
    try {
      cards[name] = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      issues.push({ file: rel(file), path: '', message: (e as Error).message });
    }
  }
  if (issues.length || !flowFile || !rules || !territories || !commands || !texts) throw new FlowError(issues);

  const steps = sections.flatMap((s) => s.steps);
  const flow: Flow = {
    dir: dialogsDir,
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
    cards,
  };
  const graphIssues = checkFlow(flow, (stepId) => {
    const section = sections.find((s) => s.steps.some((st) => st.id === stepId));
    const index = section ? section.steps.findIndex((st) => st.id === stepId) : -1;
    return { file: path.join(rel(dialogsDir), section?.file ?? 'flow.yaml'), path: index >= 0 ? `steps[${index}]` : '' };
  }, rel(dialogsDir));
  if (graphIssues.length) throw new FlowError(graphIssues);
  return flow;
}

const formatPath = (p: PropertyKey[]): string =>
  p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');

