import { isDeepStrictEqual } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { parse } from 'yaml';
import { isScenarioPath, type JourneyFiles } from '../flow/files';

export interface FileDiff {
  file: string;
  status: 'added' | 'removed' | 'changed';
  /** Unified diff (`--- a/dialogs/texts.yaml` / `+++ b/…`), 3 lines of context. */
  patch: string;
}

export type ChangeKind = 'question' | 'choice' | 'text' | 'criterion' | 'programme' | 'ending' | 'setting' | 'calendar' | 'territory' | 'command' | 'scenario' | 'card';

/** One change in words a programme manager reads: what, which one, its French wording. */
export interface SemanticChange {
  kind: ChangeKind;
  change: 'added' | 'removed' | 'changed';
  /** Step id, `step.choice value`, text key, criterion id, programme value, setting path… */
  id: string;
  /** Its French wording (the question, the text, the label, the name), after the change when there is one. */
  fr?: string;
  /** For a change: which of its keys changed. */
  fields?: string[];
}

export interface JourneyDiff {
  files: FileDiff[];
  summary: SemanticChange[];
}

/**
 * What changed between two versions' files: a unified diff per file, and a short summary of
 * the questions, choices, texts, rules, settings and calendar added, removed or changed. Files
 * that do not parse are still diffed line by line, and left out of the summary.
 */
export function diffJourneys(before: JourneyFiles, after: JourneyFiles, labels = { before: 'a', after: 'b' }): JourneyDiff {
  const files: FileDiff[] = [];
  for (const file of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = before[file];
    const b = after[file];
    if (a === b) continue;
    const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    files.push({ file, status, patch: createTwoFilesPatch(`${labels.before}/${file}`, `${labels.after}/${file}`, a ?? '', b ?? '', undefined, undefined, { context: 3 }) });
  }
  return { files, summary: summarise(before, after) };
}

type Keyed = Map<string, Record<string, unknown>>;

function summarise(before: JourneyFiles, after: JourneyFiles): SemanticChange[] {
  const out: SemanticChange[] = [];
  const both = (read: (files: JourneyFiles) => Keyed | undefined) => [read(before), read(after)] as const;
  const compare = (kind: ChangeKind, [a, b]: readonly [Keyed | undefined, Keyed | undefined], fr: (item: Record<string, unknown>) => string | undefined, ignore: string[] = []) => {
    if (!a || !b) return;
    for (const [id, item] of a) if (!b.has(id)) out.push({ kind, change: 'removed', id, fr: fr(item) });
    for (const [id, item] of b) {
      const old = a.get(id);
      if (!old) out.push({ kind, change: 'added', id, fr: fr(item) });
      else {
        const fields = [...new Set([...Object.keys(old), ...Object.keys(item)])].filter((k) => !ignore.includes(k) && !isDeepStrictEqual(old[k], item[k]));
        if (fields.length) out.push({ kind, change: 'changed', id, fr: fr(item), fields });
      }
    }
  };
  const frOf = (path: string[]) => (item: Record<string, unknown>) => {
    const v = path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), item);
    return typeof v === 'string' ? v : undefined;
  };

  compare('question', both(steps), frOf(['ask', 'fr']), ['choices']);
  compare('choice', both(choices), frOf(['label', 'fr']));
  compare('text', both((f) => keyed(read(f, 'dialogs/texts.yaml'), (_, v) => v)), frOf(['fr']));
  compare('criterion', both((f) => listed(read(f, 'dialogs/rules.yaml')?.eligibility, 'criteria', 'id')), frOf(['unmet', 'fr']));
  compare('programme', both(programmes), frOf(['name', 'fr']));
  compare('ending', both((f) => keyed(read(f, 'dialogs/flow.yaml')?.endings, (_, v) => v)), frOf(['text', 'fr']));
  compare('setting', both(settings), () => undefined);
  compare('calendar', both((f) => flattened(read(f, 'dialogs/calendar.yaml'))), () => undefined);
  compare('territory', both((f) => listed(read(f, 'dialogs/territories.yaml'), 'territories', 'name')), () => undefined);
  compare('command', both((f) => keyed(read(f, 'dialogs/commands.yaml'), (_, v) => v)), () => undefined);
  compare('scenario', both(scenarios), frOf(['name']));
  compare('card', both(cards), () => undefined);
  return out;
}

/** A YAML file as data; undefined when absent or unreadable. */
function read(files: JourneyFiles, file: string): Record<string, unknown> | undefined {
  const text = files[file];
  if (text === undefined) return undefined;
  try {
    const data: unknown = parse(text);
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v });

function keyed(data: unknown, pick: (key: string, value: unknown) => unknown): Keyed | undefined {
  if (!data || typeof data !== 'object') return undefined;
  return new Map(Object.entries(data).map(([k, v]) => [k, asRecord(pick(k, v))]));
}

function listed(data: unknown, list: string, idKey: string): Keyed | undefined {
  const items = (data as Record<string, unknown> | undefined)?.[list];
  if (!Array.isArray(items)) return undefined;
  return new Map(items.filter((i) => i && typeof i === 'object').map((i) => [String((i as Record<string, unknown>)[idKey]), i as Record<string, unknown>]));
}

/** Every question of every file of dialogs/steps/, by id. */
function steps(files: JourneyFiles): Keyed {
  const all: Keyed = new Map();
  for (const file of Object.keys(files).filter((f) => f.startsWith('dialogs/steps/'))) {
    for (const [id, step] of listed(read(files, file), 'steps', 'id') ?? []) all.set(id, step);
  }
  return all;
}

/** Every choice of every question, by `step value`. */
function choices(files: JourneyFiles): Keyed {
  const all: Keyed = new Map();
  for (const [id, step] of steps(files)) {
    if (!Array.isArray(step.choices)) continue;
    for (const choice of step.choices) if (choice && typeof choice === 'object') all.set(`${id} ${String((choice as Record<string, unknown>).value)}`, choice as Record<string, unknown>);
  }
  return all;
}

function programmes(files: JourneyFiles): Keyed | undefined {
  const rules = read(files, 'dialogs/rules.yaml');
  const all = listed(rules, 'programmes', 'value');
  if (all && rules?.fallback && typeof rules.fallback === 'object') all.set('fallback', rules.fallback as Record<string, unknown>);
  return all;
}

/** flow.yaml's settings, section order and computed values. */
function settings(files: JourneyFiles): Keyed | undefined {
  const flow = read(files, 'dialogs/flow.yaml');
  if (!flow) return undefined;
  return new Map([
    ...Object.entries(asRecord(flow.settings)).map(([k, v]) => [`settings.${k}`, asRecord(v)] as const),
    ['sections', asRecord(flow.sections)] as const,
    ...Object.entries(asRecord(flow.derived)).map(([k, v]) => [`derived.${k}`, asRecord(v)] as const),
  ]);
}

/** calendar.yaml by leaf path (`factory.registrations_close`); the Explorers themes as one list. */
function flattened(data: Record<string, unknown> | undefined): Keyed | undefined {
  if (!data) return undefined;
  const all: Keyed = new Map();
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    else all.set(path, asRecord(value));
  };
  walk(data, '');
  return all;
}

/** Scenario files by path (their name as wording). */
const scenarios = (files: JourneyFiles): Keyed =>
  new Map(
    Object.keys(files)
      .filter(isScenarioPath)
      .map((f) => [f, read(files, f) ?? { text: files[f] }]),
  );

const cards = (files: JourneyFiles): Keyed =>
  new Map(
    Object.keys(files)
      .filter((f) => f.startsWith('cards/'))
      .map((f) => [f, { text: files[f] }]),
  );
