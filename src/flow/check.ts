import { conditionFields } from '../domain/conditions';
import { ENGINE_TEXT_KEYS, invalidKey, WEB_TEXT_KEYS } from '../engine/textKeys';
import { WRITABLE_FIELDS } from '../needs/record';
import { type Flow, type FlowIssue, SUMMARY, fieldOf } from './model';
import type { Condition, Step, Text } from './schema';

type Locate = (stepId: string) => { file: string; path: string };

/** Placeholders a step text may use besides answers and derived values. */
const STEP_PLACEHOLDERS = new Set(['value']);

/**
 * The checks zod cannot express: references between files, reachability, loops, fields used by
 * rules, Airtable targets. Each issue names the file and path staff must change.
 */
export function checkFlow(flow: Flow, locate: Locate, dialogsDir: string): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const at = (file: string, path: string, message: string) => issues.push({ file: `${dialogsDir}/${file}`, path, message });
  const atStep = (step: Step, sub: string, message: string) => {
    const loc = locate(step.id);
    issues.push({ file: loc.file, path: `${loc.path}${sub ? `.${sub}` : ''}`, message });
  };

  // Steps and fields are unique.
  const fields = new Map<string, Step>();
  const seenIds = new Set<string>();
  for (const step of flow.steps) {
    if (seenIds.has(step.id)) atStep(step, 'id', `duplicate step id "${step.id}"`);
    seenIds.add(step.id);
    const field = fieldOf(step);
    if (fields.has(field)) atStep(step, 'field', `field "${field}" is already set by step "${fields.get(field)!.id}"`);
    fields.set(field, step);
  }
  const known = new Set([...fields.keys(), ...Object.keys(flow.derived), 'eligible']);
  const endings = new Set(Object.keys(flow.endings));
  const described = (names: Iterable<string>) => [...names].sort().join(', ');

  // Conditions read known fields, and compare choice fields with existing choice values.
  const checkCondition = (cond: Condition, report: (path: string, message: string) => void, path: string) => {
    for (const f of conditionFields(cond)) {
      if (!known.has(f)) report(path, `unknown field "${f}" (known: ${described(known)})`);
    }
    for (const [field, values] of comparedValues(cond)) {
      const step = fields.get(field);
      if (!step || (step.kind !== 'choice' && step.kind !== 'multichoice')) continue;
      const options = new Set(step.choices.map((c) => c.value));
      for (const v of values) {
        if (typeof v === 'string' && !options.has(v)) report(path, `"${v}" is not a choice of "${field}" (choices: ${[...options].join(', ')})`);
      }
    }
  };

  // Derived values come from a step of the right kind.
  const derivedFrom: Record<string, Step['kind']> = { territory: 'postcode', territory_covered: 'postcode', years_since: 'year' };
  for (const [name, d] of Object.entries(flow.derived)) {
    if (fields.has(name)) at('flow.yaml', `derived.${name}`, `"${name}" is also a step field`);
    const src = fields.get(d.from);
    if (!src) at('flow.yaml', `derived.${name}.from`, `unknown field "${d.from}"`);
    else if (src.kind !== derivedFrom[d.kind]) at('flow.yaml', `derived.${name}.from`, `"${d.from}" is a ${src.kind} question; ${d.kind} needs a ${derivedFrom[d.kind]} question`);
  }
  for (const list of ['callback_fields', 'callback_alternative_fields'] as const) {
    flow.settings[list].forEach((f, i) => {
      if (!fields.has(f)) at('flow.yaml', `settings.${list}[${i}]`, `unknown field "${f}"`);
    });
  }

  // Airtable targets exist in the need record and are written once.
  const targets = new Map<string, string>();
  const claim = (target: string, owner: string, report: (m: string) => void) => {
    if (!WRITABLE_FIELDS.has(target)) report(`"${target}" is not a field of the Airtable base (see src/needs/record.ts)`);
    else if (targets.has(target)) report(`"${target}" is already written by ${targets.get(target)}`);
    else targets.set(target, owner);
  };
  if (!WRITABLE_FIELDS.has(flow.settings.extra_answers_field)) at('flow.yaml', 'settings.extra_answers_field', `"${flow.settings.extra_answers_field}" is not a field of the Airtable base`);
  for (const [name, d] of Object.entries(flow.derived)) {
    if ('airtable' in d && d.airtable) claim(d.airtable, `derived "${name}"`, (m) => at('flow.yaml', `derived.${name}.airtable`, m));
  }

  const stepNames = new Set([...seenIds, ...endings, SUMMARY]);
  flow.steps.forEach((step, index) => {
    const airtable = step.airtable;
    if (typeof airtable === 'string') claim(airtable, `step "${step.id}"`, (m) => atStep(step, 'airtable', m));
    else if (airtable) for (const [k, t] of Object.entries(airtable)) if (t) claim(t, `step "${step.id}"`, (m) => atStep(step, `airtable.${k}`, m));

    if (step.when) checkCondition(step.when, (p, m) => atStep(step, p, m), 'when');
    if (Array.isArray(step.next)) {
      step.next.forEach((b, i) => {
        if (!stepNames.has(b.goto)) atStep(step, `next[${i}].goto`, `unknown target "${b.goto}" (a step id, an ending of flow.yaml or "${SUMMARY}")`);
        if (b.when) checkCondition(b.when, (p, m) => atStep(step, p, m), `next[${i}].when`);
      });
    } else if (step.next && !stepNames.has(step.next)) {
      atStep(step, 'next', `unknown target "${step.next}" (a step id, an ending of flow.yaml or "${SUMMARY}")`);
    }
    if (step.kind === 'choice' || step.kind === 'multichoice') {
      const values = new Set<string>();
      step.choices.forEach((c, i) => {
        if (values.has(c.value)) atStep(step, `choices[${i}].value`, `duplicate choice "${c.value}"`);
        values.add(c.value);
      });
    }
    if (step.kind === 'multichoice' && step.suggest_from) {
      const src = fields.get(step.suggest_from);
      const before = src && flow.steps.indexOf(src) < index;
      if (!src || src.kind !== 'text' || !before) atStep(step, 'suggest_from', `"${step.suggest_from}" must be a text question asked before "${step.id}"`);
    }
    for (const key of ['ask', 'callback_ask', 'why', 'retry', 'noted', 'noted_approx'] as const) {
      const text = step[key];
      if (text) checkPlaceholders(text, new Set([...known, ...STEP_PLACEHOLDERS]), (m) => atStep(step, key, m));
    }
  });

  // Rules read known fields.
  flow.rules.eligibility.criteria.forEach((c, i) => checkCondition(c.when, (p, m) => at('rules.yaml', p, m), `eligibility.criteria[${i}].when`));
  flow.rules.programmes.forEach((p, i) =>
    p.conditions.forEach((c, j) => checkCondition(c.when, (path, m) => at('rules.yaml', path, m), `programmes[${i}].conditions[${j}].when`)),
  );

  // Texts the engine needs, and a re-prompt for every kind of question used.
  const neededTexts = new Set<string>([...ENGINE_TEXT_KEYS, ...WEB_TEXT_KEYS.map((k) => `web.${k}`), ...flow.steps.map((s) => invalidKey(s.kind))]);
  for (const key of neededTexts) if (!flow.texts[key]) at('texts.yaml', key, 'missing text (needed by the bot)');

  issues.push(...checkGraph(flow, locate, endings));
  return issues;
}

/** Every step can be reached, and no path loops back (answers are kept, so a loop never ends). */
function checkGraph(flow: Flow, locate: Locate, endings: Set<string>): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const edges = new Map<string, string[]>();
  flow.steps.forEach((step, i) => {
    const following = flow.steps[i + 1]?.id ?? SUMMARY;
    const out = new Set<string>();
    if (step.when) out.add(following); // skipped when its condition fails
    if (step.next === undefined) out.add(following);
    else if (typeof step.next === 'string') out.add(step.next);
    else {
      for (const b of step.next) out.add(b.goto);
      if (step.next.every((b) => b.when)) out.add(following);
    }
    edges.set(step.id, [...out].filter((t) => t !== SUMMARY && !endings.has(t)));
  });
  const first = flow.steps[0]?.id;
  const reached = new Set<string>();
  const queue = first ? [first] : [];
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id) || !edges.has(id)) continue;
    reached.add(id);
    queue.push(...edges.get(id)!);
  }
  for (const step of flow.steps) {
    if (!reached.has(step.id)) {
      const loc = locate(step.id);
      issues.push({ ...loc, message: `step "${step.id}" can never be reached from "${first}"` });
    }
  }
  // Depth-first search for a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const loop = [...trail.slice(trail.indexOf(id)), id];
      const loc = locate(id);
      issues.push({ ...loc, message: `loop with no exit: ${loop.join(' → ')} (answers are kept, so it would repeat forever)` });
      return;
    }
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const step of flow.steps) visit(step.id, []);
  return issues;
}

/** Field → values a condition compares it with (equals, in, contains…). */
function comparedValues(cond: Condition): [string, unknown[]][] {
  if ('all' in cond) return cond.all.flatMap(comparedValues);
  if ('any' in cond) return cond.any.flatMap(comparedValues);
  if ('not' in cond) return comparedValues(cond.not);
  if ('equals' in cond) return [[cond.field, [cond.equals]]];
  if ('not_equals' in cond) return [[cond.field, [cond.not_equals]]];
  if ('in' in cond) return [[cond.field, cond.in]];
  if ('contains' in cond) return [[cond.field, [cond.contains]]];
  if ('contains_any' in cond) return [[cond.field, cond.contains_any]];
  return [];
}

function checkPlaceholders(text: Text, allowed: Set<string>, report: (m: string) => void) {
  for (const lang of ['fr', 'en'] as const) {
    for (const m of text[lang].matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) {
      if (!allowed.has(m[1])) report(`${lang}: unknown placeholder {{${m[1]}}}`);
    }
  }
}
