import { isDeepStrictEqual } from 'node:util';
import type { Text } from '../../flow/schema';
import { SUMMARY_NODE } from '../../insights/track';
import { conditionText, type FieldNames, fieldNames } from './conditionWords';
import { asArray, asRecord, asString, type ParsedFiles, sectionFiles, stepsOf, textOf } from './parsedFiles';
import type { StudioWords } from './studioWords';

export type NodeKind = 'section' | 'question' | 'ending' | 'summary' | 'criterion' | 'programme' | 'fallback';

/**
 * A node of the journey map. Ids: a question's is its step id (as in the insights figures), the
 * summary's `@summary`; the others are prefixed (`section:02-structure.yaml`, `ending:<id>`,
 * `criterion:<id>`, `programme:<value>`, `fallback`). `file` and `path` say what to edit.
 */
export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: Text;
  file: string;
  path: (string | number)[];
  /** The section node a question belongs to. */
  section?: string;
  /** A question: "asked only if …"; a criterion or programme: when it holds; in words. */
  when?: Text;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'next' | 'branch';
  label?: Text;
}

export interface JourneyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const FLOW = 'dialogs/flow.yaml';
const RULES = 'dialogs/rules.yaml';
const LABEL_MAX = 80;

/**
 * The journey as a map, computed from its files as they are (a draft with mistakes still draws
 * what can be read): sections and their questions in order, the branches of `next` with their
 * conditions in words, endings, the summary, then the eligibility criteria and the programmes
 * in order of precedence (the first that holds is recommended), and the fallback.
 */
export function journeyGraph(parsed: ParsedFiles, words: StudioWords): JourneyGraph {
  const names = fieldNames(parsed, words);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ifText = (condition: unknown) => words.both('map.if', (lang) => ({ condition: conditionText(condition, names, words)[lang] }));
  const otherwise = words.both('map.otherwise');

  for (const file of sectionFiles(parsed)) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    nodes.push({ id: `section:${name}`, kind: 'section', label: textOf(asRecord(parsed[file]).section, name), file, path: ['section'] });
  }
  const steps = stepsOf(parsed).filter(({ step }) => asString(step.id));
  const stepIds = new Set(steps.map(({ step }) => String(step.id)));
  const endings = asRecord(asRecord(parsed[FLOW]).endings);
  const target = (goto: unknown): string | undefined => {
    const t = asString(goto);
    if (!t) return undefined;
    if (t === 'summary') return SUMMARY_NODE;
    if (stepIds.has(t)) return t;
    return t in endings ? `ending:${t}` : undefined;
  };

  steps.forEach(({ file, index, step }, i) => {
    const id = String(step.id);
    const when = step.when === undefined ? undefined : words.both('map.asked_only_if', (lang) => ({ condition: conditionText(step.when, names, words)[lang] }));
    const section = `section:${file.slice(file.lastIndexOf('/') + 1)}`;
    nodes.push({ id, kind: 'question', label: textOf(step.label, id), file, path: ['steps', index], section, ...(when ? { when } : {}) });
    const following = i + 1 < steps.length ? String(steps[i + 1].step.id) : SUMMARY_NODE;
    const edge = (to: string | undefined, kind: GraphEdge['kind'], label?: Text) => to && edges.push({ from: id, to, kind, ...(label ? { label } : {}) });
    if (typeof step.next === 'string') return edge(target(step.next), 'next');
    const branches = asArray(step.next).map(asRecord);
    for (const b of branches) edge(target(b.goto), 'branch', b.when === undefined ? otherwise : ifText(b.when));
    // No branch holds: on to the following question (unless a branch without condition always does).
    if (!branches.some((b) => b.when === undefined && target(b.goto))) edge(following, 'next', branches.length ? otherwise : undefined);
  });

  for (const [id, ending] of Object.entries(endings)) {
    nodes.push({ id: `ending:${id}`, kind: 'ending', label: shortened(textOf(asRecord(ending).text, id)), file: FLOW, path: ['endings', id] });
  }
  nodes.push({ id: SUMMARY_NODE, kind: 'summary', label: words.both('map.summary'), file: 'dialogs/texts.yaml', path: ['summary.intro'] });
  addRules(parsed, names, words, nodes, edges);
  return { nodes, edges };
}

function addRules(parsed: ParsedFiles, names: FieldNames, words: StudioWords, nodes: GraphNode[], edges: GraphEdge[]): void {
  const rules = asRecord(parsed[RULES]);
  asArray(asRecord(rules.eligibility).criteria).forEach((c, index) => {
    const criterion = asRecord(c);
    const id = asString(criterion.id) ?? String(index);
    nodes.push({
      id: `criterion:${id}`,
      kind: 'criterion',
      label: textOf(criterion.met, id),
      file: RULES,
      path: ['eligibility', 'criteria', index],
      when: conditionText(criterion.when, names, words),
    });
    edges.push({ from: SUMMARY_NODE, to: `criterion:${id}`, kind: 'next' });
  });
  asArray(rules.programmes).forEach((p, index) => {
    const programme = asRecord(p);
    const value = asString(programme.value) ?? String(index);
    const conditions = asArray(programme.conditions).map((c) => asRecord(c).when);
    const eligible = { field: 'eligible', equals: true };
    const namesEligibility = conditions.some((c) => isDeepStrictEqual(c, eligible));
    if (programme.requires_eligibility !== false && !namesEligibility) conditions.unshift(eligible);
    const holds = conditions.length ? conditionText(conditions.length === 1 ? conditions[0] : { all: conditions }, names, words) : undefined;
    const id = `programme:${value}`;
    nodes.push({ id, kind: 'programme', label: textOf(programme.name, value), file: RULES, path: ['programmes', index], ...(holds ? { when: holds } : {}) });
    const label = holds ? words.both('map.if', (lang) => ({ condition: holds[lang] })) : undefined;
    edges.push({ from: SUMMARY_NODE, to: id, kind: 'branch', ...(label ? { label } : {}) });
  });
  if (rules.fallback !== undefined) {
    const fallback = asRecord(rules.fallback);
    nodes.push({ id: 'fallback', kind: 'fallback', label: textOf(fallback.name, asString(fallback.value) ?? 'fallback'), file: RULES, path: ['fallback'] });
    edges.push({ from: SUMMARY_NODE, to: 'fallback', kind: 'branch', label: words.both('map.otherwise') });
  }
}

/** A long text as a node label: its first line, cut at a word under LABEL_MAX characters. */
function shortened(text: Text): Text {
  const cut = (s: string) => {
    const line = s.split('\n')[0].trim();
    if (line.length <= LABEL_MAX) return line;
    const room = line.slice(0, LABEL_MAX - 1);
    return `${room.slice(0, Math.max(room.lastIndexOf(' '), LABEL_MAX / 2)).trimEnd()}…`;
  };
  return { fr: cut(text.fr), en: cut(text.en) };
}
