import fc from 'fast-check';
import { isMap, isScalar, isSeq, type Node, parse, Parser, parseDocument, type Scalar } from 'yaml';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import { editYaml, YamlEditError, type YamlPath } from '../../src/journey/yamlEdit';
import { parseEditable, stringifyTokens } from '../../src/journey/yamlText';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

const shipped = readJourneyDir(DIALOGS_DIR, CARDS_DIR);
const yamlFiles = Object.keys(shipped).filter((f) => f.endsWith('.yaml'));

/** Every path to a French or English text (a `fr`/`en` string under a map), with the scalar's style. */
function textPaths(text: string): { path: YamlPath; block: boolean }[] {
  const found: { path: YamlPath; block: boolean }[] = [];
  const visit = (node: Node | null | undefined, path: YamlPath) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const value = pair.value as Node | null;
        if ((key === 'fr' || key === 'en') && isScalar(value) && typeof value.value === 'string') {
          found.push({ path: [...path, key], block: value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED' });
        } else visit(value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item as Node, [...path, i]));
  };
  visit(parseDocument(text).contents, []);
  return found;
}

/** Every comment of a file, as the YAML parser reads them (on their own line or after a value). */
function comments(text: string): string[] {
  const found: string[] = [];
  const walk = (t: unknown): void => {
    if (!t || typeof t !== 'object') return;
    if ((t as { type?: string }).type === 'comment') found.push((t as { source: string }).source);
    for (const v of Object.values(t)) (Array.isArray(v) ? v : [v]).forEach(walk);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found;
}
const changedLines = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  return { sameCount: x.length === y.length, changed: x.map((l, i) => (l === y[i] ? -1 : i)).filter((i) => i >= 0) };
};
const valueAt = (text: string, path: YamlPath) => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], parse(text));

describe('YAML files are read and written back byte for byte', () => {
  test.each(yamlFiles)('%s: parse → stringify gives the same text', (file) => {
    expect(stringifyTokens(parseEditable(shipped[file]).tokens)).toBe(shipped[file]);
  });

  test.each(yamlFiles)('%s: setting a value to what it already is changes nothing', (file) => {
    for (const { path } of textPaths(shipped[file])) {
      expect(editYaml(shipped[file], { op: 'set', path, value: valueAt(shipped[file], path) })).toBe(shipped[file]);
    }
  });
});

describe('a form edit of one text changes exactly one line, and nothing else of the file', () => {
  const texts = yamlFiles.flatMap((file) => textPaths(shipped[file]).filter((t) => !t.block).map((t) => ({ file, path: t.path })));

  test('there are texts to edit in every kind of file', () => {
    expect(new Set(texts.map((t) => t.file.replace(/steps\/.*/, 'steps/').replace(/^dialogs\/mail\/.*/, 'dialogs/mail/')))).toEqual(
      new Set([
        'dialogs/calendar.yaml', 'dialogs/flow.yaml', 'dialogs/rules.yaml', 'dialogs/texts.yaml', 'dialogs/steps/',
        'dialogs/partners.yaml', 'dialogs/preparation.yaml', 'dialogs/mail/',
        'dialogs/evaluation/flow.yaml', 'dialogs/evaluation/steps/', 'dialogs/evaluation/texts.yaml',
      ]),
    );
  });

  test('any new wording (quotes, colons, #, emoji, line breaks): one line changed, comments kept, and it reads back as typed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), fc.constantFrom('', ': ', ' # ', '"', "'", '\n', '{{x}}', ', ', '- '), ({ file, path }, words, tricky) => {
        const before = shipped[file];
        const value = `${words}${tricky}${words}`;
        fc.pre(value !== valueAt(before, path));
        const after = editYaml(before, { op: 'set', path, value });
        const { sameCount, changed } = changedLines(before, after);
        expect(sameCount).toBe(true);
        expect(changed).toHaveLength(1);
        expect(valueAt(after, path)).toBe(value);
        expect(comments(after)).toEqual(comments(before));
        // And back again: the same data, that line aside; byte for byte when the text was quoted (a plain
        // one given a value that needs quotes keeps them).
        const back = editYaml(after, { op: 'set', path, value: valueAt(before, path) });
        expect(parse(back)).toEqual(parse(before));
        expect(changedLines(before, back).changed.length).toBeLessThanOrEqual(1);
        if ((parseDocument(before).getIn(path, true) as Scalar).type === 'QUOTE_DOUBLE') expect(back).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  test('a block text (the consent question) keeps its block style; only its own lines change', () => {
    const file = 'dialogs/steps/01-welcome.yaml';
    const before = shipped[file];
    const after = editYaml(before, { op: 'set', path: ['steps', 0, 'ask', 'fr'], value: 'Bonjour !\n\nAcceptez-vous que je conserve vos réponses ?' });
    expect(after).toContain('      fr: |-\n        Bonjour !\n\n        Acceptez-vous que je conserve vos réponses ?\n      en: |-\n');
    const lines = before.split('\n');
    const start = lines.findIndex((l) => l.includes('fr: |-'));
    const end = lines.findIndex((l) => l.includes('en: |-'));
    expect(after.split('\n').slice(0, start + 1)).toEqual(lines.slice(0, start + 1));
    expect(after.split('\n').slice(-(lines.length - end))).toEqual(lines.slice(end));
  });
});

describe('structural edits keep comments and layout', () => {
  const needs = 'dialogs/steps/04-needs.yaml';
  const rules = 'dialogs/rules.yaml';

  test('inserting a question between two keeps every comment and every other line', () => {
    const before = shipped[needs];
    const question = { id: 'urgency', kind: 'yesno', label: { fr: 'Urgence', en: 'Urgency' }, ask: { fr: 'Est-ce urgent ?', en: 'Is it urgent?' }, why: { fr: 'Pour prioriser.', en: 'To prioritise.' } };
    const after = editYaml(before, { op: 'insert', path: ['steps'], index: 1, value: question });
    expect(parse(after).steps[1]).toEqual(question);
    expect(parse(after).steps.length).toBe(parse(before).steps.length + 1);
    // Every line of the file is still there, in order: the insertion only added lines.
    const added = after.split('\n');
    let at = 0;
    for (const line of before.split('\n')) {
      at = added.indexOf(line, at);
      expect(at).toBeGreaterThanOrEqual(0);
    }
    expect(comments(after)).toEqual(comments(before));
  });

  test('deleting a criterion takes its comment lines with it, and only them', () => {
    const before = shipped[rules];
    const after = editYaml(before, { op: 'delete', path: ['eligibility', 'criteria', 1] });
    expect(parse(after).eligibility.criteria.map((c: { id: string }) => c.id)).toEqual(['social_purpose', 'finances_not_critical', 'two_people_available', 'covered_territory']);
    expect(comments(before).filter((c) => !comments(after).includes(c))).toEqual([
      '# 2. Track record: at least one year of activity, to have some hindsight on what was done.',
      '#    `years_active` is computed from the year of creation.',
    ]);
    expect(comments(after)).toHaveLength(comments(before).length - 2);
  });

  test('setting a key that does not exist adds it at the end of its map, in the house style', () => {
    const before = shipped[needs];
    const after = editYaml(before, { op: 'set', path: ['steps', 0, 'retry'], value: { fr: 'Pouvez-vous préciser ?', en: 'Could you say more?' } });
    expect(parse(after).steps[0].retry).toEqual({ fr: 'Pouvez-vous préciser ?', en: 'Could you say more?' });
    expect(comments(after)).toEqual(comments(before));
    expect(after.split('\n').length).toBe(before.split('\n').length + 3);
  });

  test('a one-line flow collection stays on one line (a choice added to a condition)', () => {
    const before = shipped[rules];
    const path = ['eligibility', 'criteria', 2, 'when', 'in'];
    const after = editYaml(before, { op: 'insert', path, value: 'Critique' });
    expect(after).toContain('when: { field: financial_situation, in: [Stable, Fragile, "Critique"] }');
    expect(changedLines(before, after)).toEqual({ sameCount: true, changed: [expect.any(Number)] });
  });

  test('a whole text given as { fr, en } changes only the language that differs', () => {
    const file = 'dialogs/texts.yaml';
    const before = shipped[file];
    const after = editYaml(before, { op: 'set', path: ['thanks'], value: { ...parse(before).thanks, fr: 'Merci beaucoup !' } });
    expect(changedLines(before, after).changed).toHaveLength(1);
    expect(after).toMatch(/^thanks: \{ fr: "Merci beaucoup !", en: "/m);
  });

  test('a value of another kind replaces a block text or fills an empty key; the lines around stay', () => {
    const text = '# head\na:\n  fr: |-\n    Line one\n\n    two\n  en: x   # note\n  empty:\nb: 1\n';
    expect(editYaml(text, { op: 'set', path: ['a', 'fr'], value: 12 })).toBe('# head\na:\n  fr: 12\n  en: x   # note\n  empty:\nb: 1\n');
    expect(editYaml(text, { op: 'set', path: ['a', 'fr'], value: { x: 'y' } })).toBe('# head\na:\n  fr: { x: "y" }\n  en: x   # note\n  empty:\nb: 1\n');
    expect(editYaml(text, { op: 'set', path: ['a', 'empty'], value: 'now' })).toBe('# head\na:\n  fr: |-\n    Line one\n\n    two\n  en: x   # note\n  empty: "now"\nb: 1\n');
    expect(editYaml(text, { op: 'set', path: ['a', 'empty'], value: ['p', 'q'] })).toBe('# head\na:\n  fr: |-\n    Line one\n\n    two\n  en: x   # note\n  empty:\n    - "p"\n    - "q"\nb: 1\n');
  });

  test('refuses what it cannot do, changing nothing', () => {
    const text = shipped[rules];
    expect(() => editYaml(text, { op: 'delete', path: ['programmes', 9] })).toThrow(YamlEditError);
    expect(() => editYaml(text, { op: 'insert', path: ['eligibility'], value: 1 })).toThrow(/no list/);
    expect(() => editYaml(text, { op: 'set', path: [], value: 1 })).toThrow(/replace the file/);
    expect(() => editYaml(text, { op: 'set', path: ['programmes', -1], value: 1 })).toThrow(/invalid path/);
    expect(() => editYaml('a: [1\n', { op: 'set', path: ['a'], value: 1 })).toThrow(expect.objectContaining({ code: 'invalid_yaml' }));
  });
});
