import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ISSUE_CODES } from '../../src/flow/issueCodes';
import { loadFlow } from '../../src/flow/load';
import { loadFlowFromFiles, validateFlowFiles } from '../../src/flow/loadFromFiles';
import { type CodedFlowIssue, FlowError } from '../../src/flow/model';
import { resolvePath } from '../../src/flow/positions';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

const shipped = readJourneyDir(DIALOGS_DIR, CARDS_DIR);

/** The shipped files with one passage replaced (fails loudly when the passage is gone: the test is stale). */
function edited(file: string, from: string, to: string): Record<string, string> {
  if (!shipped[file]?.includes(from)) throw new Error(`${file} does not contain:\n${from}`);
  return { ...shipped, [file]: shipped[file].replace(from, to) };
}

/** Every issue has a known code and exactly the params that code declares. */
function issuesOf(files: Record<string, string>): CodedFlowIssue[] {
  const { flow, issues } = validateFlowFiles(files);
  expect(flow).toBeUndefined();
  for (const i of issues) {
    expect(ISSUE_CODES).toHaveProperty([i.code]);
    expect(Object.keys(i.params).sort()).toEqual([...ISSUE_CODES[i.code]].sort());
  }
  return issues;
}

/** 1-based line of the first line of `file` holding `text`. */
const lineOf = (files: Record<string, string>, file: string, text: string): number => {
  const index = files[file].split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${file} has no line with ${text}`);
  return index + 1;
};

describe('readJourneyDir', () => {
  test('reads dialogs/ and cards/ as journey paths, scenarios and calendar included', () => {
    expect(Object.keys(shipped)).toEqual(
      expect.arrayContaining(['dialogs/flow.yaml', 'dialogs/steps/01-welcome.yaml', 'dialogs/calendar.yaml', 'dialogs/scenarios/booster-strategie-dans-la-duree.yaml', 'cards/summary.json']),
    );
    expect(shipped['dialogs/texts.yaml']).toBe(fs.readFileSync(path.join(DIALOGS_DIR, 'texts.yaml'), 'utf8'));
    expect(Object.keys(shipped)).toEqual([...Object.keys(shipped)].sort());
  });

  test('skips hidden and non-journey files; a missing folder reads as empty', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-dir-'));
    try {
      fs.mkdirSync(path.join(root, 'dialogs', 'steps'), { recursive: true });
      fs.writeFileSync(path.join(root, 'dialogs', 'flow.yaml'), 'a: 1\n');
      fs.writeFileSync(path.join(root, 'dialogs', 'steps', '.flow.yaml.swp'), 'x');
      fs.writeFileSync(path.join(root, 'dialogs', 'logo.png'), 'x');
      fs.writeFileSync(path.join(root, 'dialogs', 'notes.md'), '# notes\n');
      expect(readJourneyDir(path.join(root, 'dialogs'), path.join(root, 'nope'))).toEqual({ 'dialogs/flow.yaml': 'a: 1\n', 'dialogs/notes.md': '# notes\n' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('loadFlowFromFiles', () => {
  test('the shipped files give the same flow as loadFlow(dir), calendar included', () => {
    const fromFiles = loadFlowFromFiles(shipped);
    const fromDir = loadFlow(DIALOGS_DIR, CARDS_DIR);
    expect(fromFiles.steps).toEqual(fromDir.steps);
    expect(fromFiles.rules).toEqual(fromDir.rules);
    expect(fromFiles.texts).toEqual(fromDir.texts);
    expect(fromFiles.cards).toEqual(fromDir.cards);
    expect(fromFiles.calendar).toEqual({
      time_zone: 'Europe/Paris',
      factory: { edition_months: [10, 11], registrations_close: '09-30' },
      booster: { next_cohort_start: '2027-03-01' },
      explorers: { themes: expect.arrayContaining([{ from: '2026-11', theme: { fr: 'la santé mentale', en: 'mental health' } }]) },
    });
  });

  test('dialogs/scenarios/ is not part of the flow: a broken scenario does not stop it', () => {
    expect(() => loadFlowFromFiles({ ...shipped, 'dialogs/scenarios/broken.yaml': 'name: [' })).not.toThrow();
  });

  test('a step file flow.yaml does not list is not read', () => {
    expect(() => loadFlowFromFiles({ ...shipped, 'dialogs/steps/99-draft.yaml': 'not: [valid' })).not.toThrow();
  });

  test('throws a FlowError with every issue, in the English format operators read', () => {
    const files = edited('dialogs/rules.yaml', '{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }');
    expect(() => loadFlowFromFiles(files)).toThrow(FlowError);
    expect(() => loadFlowFromFiles(files)).toThrow(/dialogs\/rules\.yaml: eligibility\.criteria\[1\]\.when: unknown field "years_activ"/);
  });
});

describe('issues: stable code, params, and where (segments, line, column)', () => {
  test('a text missing in English: schema.required, pointing at its question text', () => {
    const files = edited('dialogs/steps/05-contact.yaml', '      en: "Which email address can we write to?"\n', '');
    const [issue] = issuesOf(files);
    expect(issue).toMatchObject({ file: 'dialogs/steps/05-contact.yaml', path: 'steps[1].ask.en', code: 'schema.required', params: {}, segments: ['steps', 1, 'ask', 'en'] });
    // `en` is not there: the issue points at the `ask` block that lacks it.
    expect(issue.line).toBe(lineOf(files, 'dialogs/steps/05-contact.yaml', 'À quelle adresse e-mail pouvons-nous'));
  });

  test('a rule on an unknown field: condition.unknown_field with the field and the known ones, at its line', () => {
    const files = edited('dialogs/rules.yaml', '{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }');
    const [issue] = issuesOf(files);
    expect(issue).toMatchObject({ code: 'condition.unknown_field', path: 'eligibility.criteria[1].when', segments: ['eligibility', 'criteria', 1, 'when'] });
    expect(issue.params.field).toBe('years_activ');
    expect(String(issue.params.known)).toContain('years_active');
    const line = lineOf(files, 'dialogs/rules.yaml', 'years_activ,');
    expect(issue).toMatchObject({ line, endLine: line, column: files['dialogs/rules.yaml'].split('\n')[line - 1].indexOf('{') + 1 });
  });

  test('a renamed choice still used by a rule: condition.unknown_choice', () => {
    const [issue] = issuesOf(edited('dialogs/steps/03-eligibility.yaml', '      - value: Fragile\n', '      - value: Tendue\n'));
    expect(issue).toMatchObject({ file: 'dialogs/rules.yaml', code: 'condition.unknown_choice', params: { value: 'Fragile', field: 'financial_situation', choices: 'Stable, Tendue, Critique' } });
  });

  test('a YAML syntax error: yaml.syntax with the parser position', () => {
    const files = { ...shipped, 'dialogs/texts.yaml': `${shipped['dialogs/texts.yaml']}\nbroken: { fr: "x"\n` };
    const [issue] = issuesOf(files);
    expect(issue).toMatchObject({ file: 'dialogs/texts.yaml', path: '', code: 'yaml.syntax' });
    expect(issue.line).toBeGreaterThanOrEqual(lineOf(files, 'dialogs/texts.yaml', 'broken:'));
    expect(typeof issue.params.detail).toBe('string');
  });

  test('a key twice: yaml.duplicate_key', () => {
    const files = edited('dialogs/texts.yaml', 'thanks:', 'twice: { fr: "a", en: "b" }\ntwice: { fr: "a", en: "b" }\nthanks:');
    expect(issuesOf(files)[0]).toMatchObject({ code: 'yaml.duplicate_key', line: lineOf(files, 'dialogs/texts.yaml', 'twice: {') + 1 });
  });

  test('an unknown kind of question: schema.unknown_kind with the kinds', () => {
    const [issue] = issuesOf(edited('dialogs/steps/05-contact.yaml', 'kind: email', 'kind: mail'));
    expect(issue).toMatchObject({ code: 'schema.unknown_kind', path: 'steps[1].kind' });
    expect(String(issue.params.expected)).toContain('email');
  });

  test('a broken condition: schema.invalid_condition at that field', () => {
    const files = edited('dialogs/steps/03-eligibility.yaml', 'when: { field: legal_form, in:', 'when: { field: legal_form, among:');
    const [issue] = issuesOf(files);
    expect(issue).toMatchObject({ file: 'dialogs/steps/03-eligibility.yaml', path: 'steps[0].when', code: 'schema.invalid_condition', line: lineOf(files, 'dialogs/steps/03-eligibility.yaml', 'among:') });
  });

  test('named formats: format.<name>, also for record keys', () => {
    expect(issuesOf(edited('dialogs/flow.yaml', 'reference_prefix: PBL', 'reference_prefix: pbl'))[0]).toMatchObject({ code: 'format.reference_prefix', path: 'settings.reference_prefix' });
    expect(issuesOf(edited('dialogs/texts.yaml', 'thanks:', 'Bad Key: { fr: "a", en: "b" }\nthanks:'))[0]).toMatchObject({ code: 'format.text_key', path: 'Bad Key' });
    expect(issuesOf(edited('dialogs/steps/02-structure.yaml', 'airtable: Structures.Nom', 'airtable: Nom'))[0]).toMatchObject({ code: 'format.airtable_field' });
  });

  test('a text the bot needs removed: text.missing, no line (it is not there)', () => {
    const files = { ...shipped, 'dialogs/texts.yaml': shipped['dialogs/texts.yaml'].replace(/^thanks: .*$/m, '') };
    const [issue] = issuesOf(files);
    expect(issue).toMatchObject({ code: 'text.missing', path: 'thanks', params: { key: 'thanks' }, segments: ['thanks'] });
    expect(issue.line).toBeUndefined();
  });

  test('an unknown placeholder in a rule: text.unknown_placeholder at that text', () => {
    const files = edited('dialogs/rules.yaml', 'bien délimité. {{factory_registrations}}', 'bien délimité. {{factory_registration}}');
    const [issue] = issuesOf(files);
    expect(issue).toMatchObject({ code: 'text.unknown_placeholder', params: { lang: 'fr', name: 'factory_registration' }, path: 'programmes[3].pitch.fr', line: lineOf(files, 'dialogs/rules.yaml', 'factory_registration}') });
  });

  test('cards: a missing required card and a JSON error with its line', () => {
    const { 'cards/summary.json': _gone, ...rest } = shipped;
    expect(issuesOf(rest)).toEqual([expect.objectContaining({ file: 'cards/summary.json', code: 'card.missing', params: { card: 'summary' } })]);
    const [json] = issuesOf({ ...shipped, 'cards/choices.json': '{\n  "type": "AdaptiveCard",\n  oops\n}' });
    expect(json).toMatchObject({ file: 'cards/choices.json', code: 'json.syntax', line: 3 });
  });

  test('a missing file: file.missing', () => {
    const { 'dialogs/calendar.yaml': _gone, ...rest } = shipped;
    expect(issuesOf(rest)).toEqual([expect.objectContaining({ file: 'dialogs/calendar.yaml', code: 'file.missing', path: '' })]);
  });
});

describe('calendar.yaml checks', () => {
  const calendar = 'dialogs/calendar.yaml';
  test.each([
    ['time_zone: Europe/Paris', 'time_zone: Europe/Pariss', 'calendar.unknown_time_zone', 'time_zone', { zone: 'Europe/Pariss' }],
    ['edition_months: [10, 11]', 'edition_months: [11, 10]', 'calendar.months_order', 'factory.edition_months', {}],
    ['registrations_close: "09-30"', 'registrations_close: "13-01"', 'format.month_day', 'factory.registrations_close', {}],
    ['registrations_close: "09-30"', 'registrations_close: "09-31"', 'calendar.invalid_day', 'factory.registrations_close', { day: '09-31' }],
    ['registrations_close: "09-30"', 'registrations_close: "02-30"', 'calendar.invalid_day', 'factory.registrations_close', { day: '02-30' }],
    ['registrations_close: "09-30"', 'registrations_close: "12-15"', 'calendar.close_after_edition', 'factory.registrations_close', { close: '12-15' }],
    ['next_cohort_start: "2027-03-01"', 'next_cohort_start: "2027-02-29"', 'calendar.invalid_day', 'booster.next_cohort_start', { day: '2027-02-29' }],
    ['next_cohort_start: "2027-03-01"', 'next_cohort_start: march 2027', 'format.date', 'booster.next_cohort_start', {}],
    ['- from: "2026-10"', '- from: "2026-12"', 'calendar.months_order', 'explorers.themes', {}],
    ['edition_months: [10, 11]', 'edition_months: [10, 13]', 'schema.too_big', 'factory.edition_months[1]', { maximum: 12 }],
  ])('%s → %s: %s', (from, to, code, at, params) => {
    const files = edited(calendar, from, to);
    const [issue] = issuesOf(files);
    expect(issue).toMatchObject({ file: calendar, code, path: at, params });
    expect(issue.line).toBe(lineOf(files, calendar, at === 'explorers.themes' ? '- from: "2026-09"' : to));
  });
});

describe('resolvePath', () => {
  test('a dotted text key is one key; a missing part resolves as far as it exists', () => {
    const doc = parseDocument(shipped['dialogs/texts.yaml']);
    expect(resolvePath(doc, 'web.heading')).toMatchObject({ segments: ['web.heading'], complete: true });
    expect(resolvePath(doc, 'web.heading.fr')).toMatchObject({ segments: ['web.heading', 'fr'], complete: true });
    expect(resolvePath(doc, 'web.nothing')).toMatchObject({ segments: [], rest: ['web', 'nothing'], complete: false });
  });
});
