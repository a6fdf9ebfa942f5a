/**
 * flow:check on the fields staff edit for first-time users (issue 10): decisive criteria, the
 * "other" choice, the short need's questions, and commands.yaml's words and examples.
 */
import path from 'node:path';
import { loadFlow } from '../../src/flow/load';
import { FlowError } from '../../src/flow/model';
import { JourneyCopy } from '../support/journeyCopy';

function problemsAfter(edit: (copy: JourneyCopy) => void): { where: string; code?: string; message: string }[] {
  const copy = new JourneyCopy();
  try {
    edit(copy);
    loadFlow(copy.dialogs, copy.cards);
    return [];
  } catch (err) {
    if (!(err instanceof FlowError)) throw err;
    return err.issues.map((i) => ({ where: `${path.basename(i.file)}: ${i.path}`, code: i.code, message: i.message }));
  } finally {
    copy.remove();
  }
}

test('a decisive criterion must be blocking', () => {
  const problems = problemsAfter((c) => c.replace('rules.yaml', '      blocking: false\n', '      blocking: false\n      decisive: true\n'));
  expect(problems).toEqual([
    { where: 'rules.yaml: eligibility.criteria[4].decisive', code: 'criterion.decisive_not_blocking', message: 'criterion "covered_territory" is decisive but not blocking' },
  ]);
});

test('decisive is a yes or a no', () => {
  const problems = problemsAfter((c) => c.replace('rules.yaml', '      decisive: true\n      when: { field: financial_situation', '      decisive: maybe\n      when: { field: financial_situation'));
  expect(problems).toEqual([expect.objectContaining({ where: 'rules.yaml: eligibility.criteria[2].decisive', code: 'schema.invalid_type' })]);
});

test("a step's other choice must be one of its choices", () => {
  const problems = problemsAfter((c) => c.replace('steps/02-structure.yaml', '    airtable: Structures.Forme juridique\n', '    airtable: Structures.Forme juridique\n    other: Divers\n'));
  expect(problems).toEqual([{ where: '02-structure.yaml: steps[1].other', code: 'step.unknown_other_choice', message: '"Divers" is not a choice of "legal_form"' }]);
});

test("the short need's questions must exist", () => {
  const problems = problemsAfter((c) => c.replace('flow.yaml', 'not_eligible_fields: [contact_name, email, phone]', 'not_eligible_fields: [contact_name, mail]'));
  expect(problems).toEqual([{ where: 'flow.yaml: settings.not_eligible_fields[1]', code: 'settings.unknown_not_eligible_field', message: 'unknown field "mail"' }]);
});

test('a command keeps its words and examples apart: the old flat form is refused with its path', () => {
  const problems = problemsAfter((c) =>
    c.write('commands.yaml', c.read('commands.yaml').replace(/why:\n  words:\n(?: {4}.*\n){2}(?: {2}examples:\n(?: {4}.*\n){2})?/, 'why:\n  fr: [pourquoi]\n  en: [why]\n')),
  );
  expect(problems).toEqual([
    { where: 'commands.yaml: why.words', code: 'schema.required', message: 'missing (required)' },
    { where: 'commands.yaml: why', code: 'schema.unknown_key', message: 'Unrecognized keys: "fr", "en"' },
  ]);
});

test('examples are optional', () => {
  const problems = problemsAfter((c) => {
    const withExamples = /(why:\n  words:\n(?: {4}.*\n){2}) {2}examples:\n(?: {4}.*\n){2}/;
    expect(c.read('commands.yaml')).toMatch(withExamples);
    c.write('commands.yaml', c.read('commands.yaml').replace(withExamples, '$1'));
  });
  expect(problems).toEqual([]);
});
