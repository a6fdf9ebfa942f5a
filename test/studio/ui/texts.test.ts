import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { stepSchema } from '../../../src/flow/schema';
import { PROJECT_ROOT } from '../../../src/paths';
import { journeySchemas } from '../../../src/studio/api/jsonSchemas';

/**
 * Every word of the studio page lives in studio/texts.yaml, in French and English: each key the
 * sources name exists in both languages, and each family of keys they build (`ui.nav.<screen>`,
 * `ui.field.<property of a journey schema>`…) has a text for every member.
 */
const SOURCES = path.join(PROJECT_ROOT, 'studio', 'src');
const texts = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'studio', 'texts.yaml'), 'utf8')) as Record<string, { fr?: string; en?: string }>;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}
const sources = files(SOURCES).map((file) => ({ file: path.relative(PROJECT_ROOT, file), text: fs.readFileSync(file, 'utf8') }));
const source = (relative: string) => sources.find((s) => s.file === path.join('studio', 'src', relative))!.text;

/** The quoted strings of a `const NAME = [...]` or a union type `type NAME = 'a' | 'b'` in a source. */
function listIn(text: string, name: string): string[] {
  const m = new RegExp(`(?:const|type) ${name}\\b[^=]*=\\s*([^;]+);`).exec(text);
  if (!m) throw new Error(`${name} not found`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** Every property name of the journey's JSON Schemas (what the forms label), and those that are lists of items. */
function schemaProperties(): { names: Set<string>; lists: Set<string> } {
  const names = new Set<string>();
  const lists = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const props = (node as { properties?: Record<string, { type?: unknown; items?: { type?: unknown; properties?: object } }> }).properties;
    for (const [name, schema] of Object.entries(props ?? {})) {
      names.add(name);
      if (schema.type === 'array' && schema.items?.type === 'object' && !('goto' in (schema.items.properties ?? {}))) lists.add(name);
    }
    Object.values(node).forEach(visit);
  };
  visit(journeySchemas());
  return { names, lists };
}

const missing = (keys: Iterable<string>) => [...keys].filter((k) => !texts[k]?.fr?.trim() || !texts[k]?.en?.trim());

test('every ui.* key the page names is in studio/texts.yaml, in French and English', () => {
  const named = new Set(sources.flatMap(({ text }) => [...text.matchAll(/['"`](ui\.[a-z0-9_.]+[a-z0-9_])['"`]/g)].map((m) => m[1])));
  expect(named.size).toBeGreaterThan(200);
  expect(missing(named)).toEqual([]);
});

test('every family of keys the page builds has a text for each member', () => {
  const { names: all, lists } = schemaProperties();
  // Words of their own widgets, not labels: a text's languages, a condition's comparisons and combinations, a branch's target.
  const comparisons = listIn(source('shared/forms/widgets/conditionModel.ts'), 'COMPARISONS');
  const ownWidgets = new Set(['fr', 'en', 'goto', 'all', 'any', 'not', ...comparisons]);
  const names = new Set([...all].filter((n) => !ownWidgets.has(n)));
  const kinds = stepSchema.options.map((o) => String(o.shape.kind.value));
  const families: Record<string, string[]> = {
    'ui.nav.': listIn(source('shared/navigation/router.ts'), 'SCREENS'),
    'ui.map.kind.': listIn(source('shared/api/contract.ts'), 'NodeKind'),
    'ui.cond.op.': comparisons,
    'ui.cond.group.': ['all', 'any'],
    'ui.lang.': ['fr', 'en'],
    'ui.next.': ['order', 'goto', 'branches'],
    'ui.try.channel.': listIn(source('features/try/api.ts'), 'CHANNELS'),
    'ui.diff.change.': ['added', 'removed', 'changed'],
    'ui.diff.kind.': listIn(fs.readFileSync(path.join(PROJECT_ROOT, 'src', 'journey', 'diff.ts'), 'utf8'), 'ChangeKind'),
    'ui.insights.figure.': ['reached', 'answered', 'reprompted', 'why', 'skipped', 'stopped', 'in_progress'],
    'ui.insights.outcome.': listIn(fs.readFileSync(path.join(PROJECT_ROOT, 'src', 'insights', 'query.ts'), 'utf8'), 'OutcomeKind'),
    'ui.field.': [...names].map((n) => n.toLowerCase()),
    'ui.enum.kind.': kinds,
  };
  const lists_ = [...lists].map((n) => n.toLowerCase());
  const expected = [
    ...Object.entries(families).flatMap(([prefix, members]) => members.map((m) => `${prefix}${m}`)),
    ...lists_.flatMap((n) => [`ui.field.${n}.item`, `ui.field.${n}.add`]),
    // Lists the page shows that are not a property of one schema (the rules file's own lists).
    'ui.field.criteria.item', 'ui.field.criteria.add', 'ui.field.programmes.item', 'ui.field.programmes.add',
  ];
  expect(names.has('noted_approx') && kinds.includes('multichoice') && lists.has('choices')).toBe(true);
  expect(missing(new Set(expected))).toEqual([]);

  // A family the sources build that this test does not know would go unchecked: name it above.
  const built = new Set(sources.flatMap(({ text }) => [...text.matchAll(/`(ui\.[a-z0-9_.]*)\$\{/g)].map((m) => m[1])));
  // `ui.enum.<field>.<value>`: checked above for the kinds of question; `ui.cond.derived.<name>` is optional (the name shows otherwise).
  const known = new Set([...Object.keys(families), 'ui.enum.', 'ui.cond.derived.']);
  expect([...built].filter((prefix) => !known.has(prefix))).toEqual([]);
});

test('the keys are what the server accepts: lower case, digits, _ and . only', () => {
  expect(Object.keys(texts).filter((k) => !/^[a-z][a-z0-9_.]*$/.test(k))).toEqual([]);
});
