import { ENGINE_TEXT_KEYS, invalidKey, WEB_TEXT_KEYS } from '../engine/textKeys';
import { WRITABLE_FIELDS } from '../needs/record';
import { CALENDAR_PLACEHOLDERS, CALENDAR_TEXT_KEYS } from './checkCalendar';
import { comparedValues, conditionFields } from './conditionFields';
import type { IssueCode } from './issueCodes';
import { issue } from './issues';
import { parsePlurals } from './plural';
import { type CodedFlowIssue, type Flow, type IssueParams, SUMMARY, fieldOf } from './model';
import type { Condition, Step, Text } from './schema';

type Locate = (stepId: string) => { file: string; path: string };
export type Report = (path: string, code: IssueCode, message: string, params?: IssueParams) => void;

/** Placeholders a step text may use besides answers and derived values (`count`: the answer as a number, for plurals). */
const STEP_PLACEHOLDERS = new Set(['value', 'count', ...CALENDAR_PLACEHOLDERS]);

export interface CheckOptions {
  /** The `Table.Field` targets questions may write. Default: the need record's. */
  writable?: ReadonlySet<string>;
}

/**
 * The checks zod cannot express: references between files, reachability, loops, fields used by
 * rules, Airtable targets. Each issue names the file and path staff must change.
 */
export function checkFlow(flow: Flow, locate: Locate, dialogsDir: string, options: CheckOptions = {}): CodedFlowIssue[] {
  const writable = options.writable ?? WRITABLE_FIELDS;
  const issues: CodedFlowIssue[] = [];
  const inFile =
    (file: string): Report =>
    (path, code, message, params) =>
      issues.push(issue(`${dialogsDir}/${file}`, path, code, message, params));
  const inFlowFile = inFile('flow.yaml');
  const inRules = inFile('rules.yaml');
  const atStep = (step: Step): Report => {
    const loc = locate(step.id);
    return (sub, code, message, params) => issues.push(issue(loc.file, `${loc.path}${sub ? `.${sub}` : ''}`, code, message, params));
  };

  // Steps and fields are unique.
  const fields = new Map<string, Step>();
  const seenIds = new Set<string>();
  for (const step of flow.steps) {
    if (seenIds.has(step.id)) atStep(step)('id', 'step.duplicate_id', `duplicate step id "${step.id}"`, { id: step.id });
    seenIds.add(step.id);
    const field = fieldOf(step);
    const owner = fields.get(field);
    if (owner) atStep(step)('field', 'step.duplicate_field', `field "${field}" is already set by step "${owner.id}"`, { field, step: owner.id });
    fields.set(field, step);
  }
  const known = new Set([...fields.keys(), ...Object.keys(flow.derived), 'eligible']);
  const endings = new Set(Object.keys(flow.endings));
  const described = (names: Iterable<string>) => [...names].sort().join(', ');

  // Conditions read known fields, and compare choice fields with existing choice values.
  const checkCondition = (cond: Condition, report: Report, path: string) => {
    for (const f of conditionFields(cond)) {
      if (!known.has(f)) report(path, 'condition.unknown_field', `unknown field "${f}" (known: ${described(known)})`, { field: f, known: described(known) });
    }
    for (const [field, values] of comparedValues(cond)) {
      const step = fields.get(field);
      if (!step || (step.kind !== 'choice' && step.kind !== 'multichoice')) continue;
      const options = [...new Set(step.choices.map((c) => c.value))];
      for (const v of values) {
        if (typeof v === 'string' && !options.includes(v)) {
          report(path, 'condition.unknown_choice', `"${v}" is not a choice of "${field}" (choices: ${options.join(', ')})`, { value: v, field, choices: options.join(', ') });
        }
      }
    }
  };

  // Derived values come from a step of the right kind.
  const derivedFrom: Record<string, Step['kind']> = { territory: 'postcode', territory_covered: 'postcode', years_since: 'year' };
  for (const [name, d] of Object.entries(flow.derived)) {
    if (fields.has(name)) inFlowFile(`derived.${name}`, 'derived.is_step_field', `"${name}" is also a step field`, { name });
    // The recommendation is computed from the rules, not from one question (src/flow/checkAfterNeed.ts).
    if (d.kind === 'recommendation') continue;
    const src = fields.get(d.from);
    if (!src) inFlowFile(`derived.${name}.from`, 'derived.unknown_source', `unknown field "${d.from}"`, { field: d.from });
    else if (src.kind !== derivedFrom[d.kind]) {
      const params = { field: d.from, kind: src.kind, derived: d.kind, expected: derivedFrom[d.kind] };
      inFlowFile(`derived.${name}.from`, 'derived.wrong_source_kind', `"${d.from}" is a ${src.kind} question; ${d.kind} needs a ${derivedFrom[d.kind]} question`, params);
    }
  }
  // First-time users (issue 10): the short need's questions, the "other" choices, decisive criteria.
  flow.settings.not_eligible_fields.forEach((f, i) => {
    if (!fields.has(f)) inFlowFile(`settings.not_eligible_fields[${i}]`, 'settings.unknown_not_eligible_field', `unknown field "${f}"`, { field: f });
  });
  for (const step of flow.steps) {
    if ((step.kind === 'choice' || step.kind === 'multichoice') && step.other && !step.choices.some((c) => c.value === step.other)) {
      atStep(step)('other', 'step.unknown_other_choice', `"${step.other}" is not a choice of "${step.id}"`, { value: step.other, step: step.id });
    }
  }
  flow.rules.eligibility.criteria.forEach((c, i) => {
    if (c.decisive && !c.blocking) inRules(`eligibility.criteria[${i}].decisive`, 'criterion.decisive_not_blocking', `criterion "${c.id}" is decisive but not blocking`, { id: c.id });
  });
  for (const list of ['callback_fields', 'callback_alternative_fields'] as const) {
    flow.settings[list].forEach((f, i) => {
      if (!fields.has(f)) inFlowFile(`settings.${list}[${i}]`, 'settings.unknown_callback_field', `unknown field "${f}"`, { field: f });
    });
  }

  // Airtable targets exist in the need record and are written once.
  const targets = new Map<string, string>();
  const claim = (target: string, owner: string, report: Report, path: string) => {
    if (!writable.has(target)) report(path, 'airtable.unknown_field', `"${target}" is not a field of the Airtable base (see src/needs/record.ts)`, { target });
    else if (targets.has(target)) report(path, 'airtable.already_written', `"${target}" is already written by ${targets.get(target)}`, { target, owner: targets.get(target)! });
    else targets.set(target, owner);
  };
  const extra = flow.settings.extra_answers_field;
  if (!writable.has(extra)) inFlowFile('settings.extra_answers_field', 'airtable.unknown_field', `"${extra}" is not a field of the Airtable base`, { target: extra });
  for (const [name, d] of Object.entries(flow.derived)) {
    if ('airtable' in d && d.airtable) claim(d.airtable, `derived "${name}"`, inFlowFile, `derived.${name}.airtable`);
  }

  const stepNames = new Set([...seenIds, ...endings, SUMMARY]);
  const unknownTarget = (target: string) => `unknown target "${target}" (a step id, an ending of flow.yaml or "${SUMMARY}")`;
  const allowedInSteps = new Set([...known, ...STEP_PLACEHOLDERS]);
  flow.steps.forEach((step, index) => {
    const at = atStep(step);
    const airtable = step.airtable;
    if (typeof airtable === 'string') claim(airtable, `step "${step.id}"`, at, 'airtable');
    else if (airtable) for (const [k, t] of Object.entries(airtable)) if (t) claim(t, `step "${step.id}"`, at, `airtable.${k}`);

    if (step.when) checkCondition(step.when, at, 'when');
    if (Array.isArray(step.next)) {
      step.next.forEach((b, i) => {
        if (!stepNames.has(b.goto)) at(`next[${i}].goto`, 'step.unknown_target', unknownTarget(b.goto), { target: b.goto });
        if (b.when) checkCondition(b.when, at, `next[${i}].when`);
      });
    } else if (step.next && !stepNames.has(step.next)) {
      at('next', 'step.unknown_target', unknownTarget(step.next), { target: step.next });
    }
    if (step.kind === 'choice' || step.kind === 'multichoice') {
      const values = new Set<string>();
      step.choices.forEach((c, i) => {
        if (values.has(c.value)) at(`choices[${i}].value`, 'choice.duplicate', `duplicate choice "${c.value}"`, { value: c.value });
        values.add(c.value);
      });
    }
    if (step.kind === 'multichoice' && step.suggest_from) {
      const src = fields.get(step.suggest_from);
      const before = src && flow.steps.indexOf(src) < index;
      if (!src || src.kind !== 'text' || !before) {
        at('suggest_from', 'step.bad_suggest_from', `"${step.suggest_from}" must be a text question asked before "${step.id}"`, { source: step.suggest_from, step: step.id });
      }
    }
    for (const key of ['ask', 'callback_ask', 'why', 'retry', 'noted', 'noted_approx'] as const) {
      const text = step[key];
      if (text) checkPlaceholders(text, allowedInSteps, at, key);
    }
  });

  // Rules read known fields, and their texts insert known values.
  const allowedInRules = new Set([...known, ...CALENDAR_PLACEHOLDERS]);
  flow.rules.eligibility.criteria.forEach((c, i) => {
    checkCondition(c.when, inRules, `eligibility.criteria[${i}].when`);
    for (const key of ['met', 'unmet'] as const) checkPlaceholders(c[key], allowedInRules, inRules, `eligibility.criteria[${i}].${key}`);
  });
  flow.rules.programmes.forEach((p, i) => {
    checkPlaceholders(p.pitch, allowedInRules, inRules, `programmes[${i}].pitch`);
    p.conditions.forEach((c, j) => {
      checkCondition(c.when, inRules, `programmes[${i}].conditions[${j}].when`);
      checkPlaceholders(c.because, allowedInRules, inRules, `programmes[${i}].conditions[${j}].because`);
    });
  });
  checkPlaceholders(flow.rules.fallback.pitch, allowedInRules, inRules, 'fallback.pitch');

  // Texts the engine and the calendar need, and a re-prompt for every kind of question used.
  const neededTexts = new Set<string>([
    ...ENGINE_TEXT_KEYS,
    ...WEB_TEXT_KEYS.map((k) => `web.${k}`),
    ...CALENDAR_TEXT_KEYS,
    ...flow.steps.map((s) => invalidKey(s.kind)),
  ]);
  for (const key of neededTexts) if (!flow.texts[key]) inFile('texts.yaml')(key, 'text.missing', 'missing text (needed by the bot)', { key });

  issues.push(...checkGraph(flow, locate, endings));
  return issues;
}

/** Every step can be reached, and no path loops back (answers are kept, so a loop never ends). */
function checkGraph(flow: Flow, locate: Locate, endings: Set<string>): CodedFlowIssue[] {
  const issues: CodedFlowIssue[] = [];
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
      issues.push(issue(loc.file, loc.path, 'step.unreachable', `step "${step.id}" can never be reached from "${first}"`, { step: step.id, first: first ?? '' }));
    }
  }
  // Depth-first search for a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const loop = [...trail.slice(trail.indexOf(id)), id].join(' → ');
      const loc = locate(id);
      issues.push(issue(loc.file, loc.path, 'step.loop', `loop with no exit: ${loop} (answers are kept, so it would repeat forever)`, { loop }));
      return;
    }
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const step of flow.steps) visit(step.id, []);
  return issues;
}

/** `{{name}}` placeholders and the numbers plurals read (`{name, plural, …}`) name known values. */
export function checkPlaceholders(text: Text, allowed: ReadonlySet<string>, report: Report, path: string) {
  for (const lang of ['fr', 'en'] as const) {
    const names = [...text[lang].matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
    names.push(...parsePlurals(text[lang]).blocks.map((b) => b.name));
    for (const name of names) {
      if (!allowed.has(name)) report(`${path}.${lang}`, 'text.unknown_placeholder', `unknown placeholder {{${name}}}`, { lang, name });
    }
  }
}
