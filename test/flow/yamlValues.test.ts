import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import { readYaml, useYamlValuesFile, yamlValuesOf } from '../../src/flow/yamlValues';
import { readScenarios } from '../../src/journey/scenarios';
import { STUDIO_TEXTS_FILE } from '../../src/journey/studioTexts';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

/**
 * The YAML parsed at build time (src/flow/yamlValues.ts, written by scripts/build-yaml-values.js):
 * a text the build parsed is read from its value, and reads the same as when parsed.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-values-'));
const valuesFile = path.join(dir, 'yaml-values.json');
const repositoryTexts = () => [
  ...Object.entries(readJourneyDir(DIALOGS_DIR, CARDS_DIR)).filter(([file]) => /\.ya?ml$/.test(file)).map(([, text]) => text),
  fs.readFileSync(STUDIO_TEXTS_FILE, 'utf8'),
];
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const valueOf = (text: string) => {
  const read = readYaml(text);
  if (!read.ok) throw new Error('expected a readable text');
  return read.value;
};

afterEach(() => useYamlValuesFile(undefined));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every YAML file of the repository reads the same from the build values as parsed', () => {
  const texts = repositoryTexts();
  const parsed = texts.map(valueOf);
  const built = yamlValuesOf(texts);
  expect(Object.keys(built.values)).toHaveLength(new Set(texts.map(sha)).size);
  fs.writeFileSync(valuesFile, JSON.stringify(built));
  useYamlValuesFile(valuesFile);
  texts.forEach((text, i) => expect(valueOf(text)).toEqual(parsed[i]));
  // Each read is a copy: a caller changing it changes nothing for the next one.
  const first = valueOf(texts[0]) as Record<string, unknown>;
  first.changed = true;
  expect(valueOf(texts[0])).toEqual(parsed[0]);
});

test('the values are used only when written by the same version of the yaml package', () => {
  const text = 'name: real\n';
  const values = yamlValuesOf([text]);
  // A value the parser would never give: seeing it proves the build's value was read, not the text.
  values.values[sha(text)] = JSON.stringify({ name: 'from the build' });
  fs.writeFileSync(valuesFile, JSON.stringify(values));
  useYamlValuesFile(valuesFile);
  expect(valueOf(text)).toEqual({ name: 'from the build' });
  fs.writeFileSync(valuesFile, JSON.stringify({ ...values, yaml: '0.0.1' }));
  useYamlValuesFile(valuesFile);
  expect(valueOf(text)).toEqual({ name: 'real' });
  // A missing or broken file: everything is parsed.
  fs.writeFileSync(valuesFile, '{ not json');
  useYamlValuesFile(valuesFile);
  expect(valueOf(text)).toEqual({ name: 'real' });
});

test('texts with an error, a warning or a value JSON cannot carry are left to be parsed at start', () => {
  const broken = 'a: [1, 2\n';
  const duplicate = 'a: 1\na: 2\n';
  const notJson = 'a: .nan\nb: -0\n';
  const plain = 'a: 1\n';
  expect(parseDocument(broken).errors.length).toBeGreaterThan(0);
  expect(Object.keys(yamlValuesOf([broken, duplicate, notJson, plain]).values)).toEqual([sha(plain)]);
  fs.writeFileSync(valuesFile, JSON.stringify(yamlValuesOf([broken, plain])));
  useYamlValuesFile(valuesFile);
  const read = readYaml(broken);
  expect(read.ok).toBe(false);
});

test('a problem in a text read from the build values still gets its line and column', () => {
  const file = 'dialogs/scenarios/probe.yaml';
  const text = [
    'name: "Un essai"',
    'now: "2026-11-23T10:00:00+01:00"',
    'turns:',
    '  - user: Bonjour',
    '    bot: Acceptez-vous',
    'stored:',
    '  Besoins:',
    '    Champ inconnu: "x"',
    '',
  ].join('\n');
  const parsedIssues = readScenarios({ [file]: text }).issues;
  expect(parsedIssues).toEqual([expect.objectContaining({ code: 'scenario.unknown_field', line: 8 })]);
  fs.writeFileSync(valuesFile, JSON.stringify(yamlValuesOf([text])));
  useYamlValuesFile(valuesFile);
  expect(readScenarios({ [file]: text }).issues).toEqual(parsedIssues);
});
