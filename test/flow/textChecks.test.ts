import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { validateFlowFiles } from '../../src/flow/loadFromFiles';
import type { CodedFlowIssue } from '../../src/flow/model';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import { CARDS_DIR, DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths';
import { JourneyCopy } from '../support/journeyCopy';

/**
 * The wording checks of src/flow/textChecks.ts, each on a copy of dialogs/ broken as staff
 * might break it with a text editor: what is reported, with its code, params, file and path.
 */
const NB = '\u00a0';
const NNB = '\u202f';

function validate(edit: (copy: JourneyCopy) => void) {
  const copy = new JourneyCopy();
  try {
    edit(copy);
    return validateFlowFiles(readJourneyDir(copy.dialogs, copy.cards));
  } finally {
    copy.remove();
  }
}

const brief = (i: CodedFlowIssue) => ({ file: i.file, path: i.path, code: i.code, params: i.params, severity: i.severity });

describe('wording checks', () => {
  test('the shipped journey has no wording warning', () => {
    const { flow, issues, warnings } = validateFlowFiles(readJourneyDir(DIALOGS_DIR, CARDS_DIR));
    expect(issues).toEqual([]);
    expect(warnings.map((w) => `${w.file}: ${w.path}: ${w.message}`)).toEqual([]);
    expect(flow).toBeDefined();
  });

  test('a plain space before "?" in French: a warning at that text, the journey still loads', () => {
    const result = validate((c) => c.replace('texts.yaml', `Pouvez-vous répondre en quelques mots${NNB}?`, 'Pouvez-vous répondre en quelques mots ?'));
    expect(result.flow).toBeDefined();
    expect(result.warnings.map(brief)).toEqual([
      { file: 'dialogs/texts.yaml', path: 'invalid.text.fr', code: 'text.no_break_space_before', params: { mark: '?', excerpt: '…en quelques mots ?' }, severity: 'warning' },
    ]);
    expect(result.warnings[0].line).toBe(readJourneyDir(DIALOGS_DIR, CARDS_DIR)['dialogs/texts.yaml'].split('\n').findIndex((l) => l.startsWith('invalid.text:')) + 1);
  });

  test('no space at all before ":" and "!" in a question of a step', () => {
    const { warnings } = validate((c) => c.replace('steps/05-contact.yaml', `Presque fini${NNB}! Quel est votre nom`, 'Presque fini! Quel est votre nom'));
    expect(warnings.map(brief)).toEqual([
      expect.objectContaining({ file: 'dialogs/steps/05-contact.yaml', path: 'steps[0].ask.fr', code: 'text.no_break_space_before', params: { mark: '!', excerpt: 'Presque fini!' } }),
    ]);
  });

  test('guillemets without their inner no-break spaces, and "2 000", "9 h" with a plain space', () => {
    const { warnings } = validate((c) => {
      c.replace('texts.yaml', `par exemple «${NB}3${NB}»`, 'par exemple «3»');
      c.replace('texts.yaml', `moins de 2${NNB}000 caractères${NNB}?", en: "Your answer`, 'moins de 2 000 caractères ?", en: "Your answer');
      c.replace('flow.yaml', `de 9${NB}h à 18${NB}h`, 'de 9 h à 18 h');
    });
    expect(warnings.map((w) => [w.path, w.code, w.params.excerpt])).toEqual([
      ['invalid.text.too_long.fr', 'text.no_break_space_before', '…2 000 caractères ?'],
      ['invalid.text.too_long.fr', 'text.no_break_space_number', '2 000'],
      ['invalid.count.fr', 'text.no_break_space_quotes', `…par exemple «3», «${NB}deux${NB}»`],
      ['invalid.count.fr', 'text.no_break_space_quotes', '…par exemple «3»'],
      ['endings.consent_refused.text.fr', 'text.no_break_space_number', '9 h'],
      ['endings.consent_refused.text.fr', 'text.no_break_space_number', '18 h'],
    ]);
  });

  test('a URL or a time keeps its colon; an English text is not held to French typography', () => {
    const { warnings } = validate((c) => {
      c.replace('texts.yaml', 'à contact@probono-lab.org ou par téléphone', 'sur https://probono-lab.org à 18:00 ou par téléphone');
      c.replace('texts.yaml', 'Could you answer in a few words?', 'Could you answer in a few words ?');
    });
    expect(warnings).toEqual([]);
  });

  test('a typed name after "de", "l\'" or "que": a warning; a number after "de" is good French', () => {
    const { warnings } = validate((c) => {
      c.replace('steps/02-structure.yaml', `Quelle est la forme juridique de votre structure${NNB}?`, `Quelle est la forme juridique de {{name}}${NNB}?`);
      c.replace('steps/05-contact.yaml', `fr: "Quel est votre nom (prénom et nom)${NNB}?"`, `fr: "Qui suit le dossier pour l'{{name}}${NNB}?"`);
    });
    expect(warnings.map(brief)).toEqual([
      { file: 'dialogs/steps/02-structure.yaml', path: 'steps[1].ask.fr', code: 'text.value_after_article', params: { name: 'name', word: 'de' }, severity: 'warning' },
      { file: 'dialogs/steps/05-contact.yaml', path: 'steps[0].callback_ask.fr', code: 'text.value_after_article', params: { name: 'name', word: "l'" }, severity: 'warning' },
    ]);
    // The shipped "un budget annuel de {{value}}" (an amount) is not reported: see the first test.
  });

  test('a text left the same in both languages: a warning; a one-word label ("Culture") is not', () => {
    const { warnings } = validate((c) =>
      c.replace('texts.yaml', 'en: "Fine, let\'s carry on." }', `en: "Très bien, on continue." }`),
    );
    expect(warnings.map(brief)).toEqual([{ file: 'dialogs/texts.yaml', path: 'not_cancelled', code: 'text.same_in_both_languages', params: {}, severity: 'warning' }]);
  });

  test('a blank text blocks the journey (text.blank)', () => {
    const result = validate((c) => c.replace('texts.yaml', 'en: "Starting again from the beginning."', 'en: "   "'));
    expect(result.flow).toBeUndefined();
    expect(result.issues.map(brief)).toEqual([{ file: 'dialogs/texts.yaml', path: 'restarted.en', code: 'text.blank', params: { lang: 'en' }, severity: undefined }]);
  });

  test('two buttons worded alike: the global buttons, and an option beside the "Oui" of a suggestion', () => {
    const { warnings } = validate((c) => {
      c.replace('texts.yaml', 'resume_button: { fr: "Reprendre"', 'resume_button: { fr: "Recommencer"');
      c.replace('steps/04-needs.yaml', 'label: { fr: "Juridique", en: "Legal" }', 'label: { fr: "Oui", en: "Legal" }');
    });
    expect(warnings.map(brief)).toEqual([
      { file: 'dialogs/texts.yaml', path: 'restart_button.fr', code: 'text.same_button_label', params: { label: 'Recommencer', other: '"resume_button"' }, severity: 'warning' },
      { file: 'dialogs/steps/04-needs.yaml', path: 'steps[1].choices[5].label.fr', code: 'text.same_button_label', params: { label: 'Oui', other: '"yes"' }, severity: 'warning' },
    ]);
  });

  test('a malformed plural blocks the journey; a plural on an unknown number is an unknown placeholder', () => {
    const noOther = validate((c) => c.replace('steps/02-structure.yaml', 'one {J\'ai noté # salarié.} other {J\'ai noté # salariés.}}', 'one {J\'ai noté # salarié.}}'));
    expect(noOther.issues.map(brief)).toEqual([
      { file: 'dialogs/steps/02-structure.yaml', path: 'steps[5].noted.fr', code: 'text.bad_plural', params: { lang: 'fr', detail: 'the plural of "count" has no "other" form' }, severity: undefined },
    ]);
    const unknown = validate((c) => c.replace('steps/02-structure.yaml', 'J\'ai noté environ {count, plural,', 'J\'ai noté environ {cuont, plural,'));
    expect(unknown.issues.map(brief)).toEqual([
      { file: 'dialogs/steps/02-structure.yaml', path: 'steps[5].noted_approx.fr', code: 'text.unknown_placeholder', params: { lang: 'fr', name: 'cuont' }, severity: undefined },
    ]);
  });

  test('npm run flow:check prints the warnings with their place and still passes', () => {
    const copy = new JourneyCopy();
    try {
      copy.replace('texts.yaml', `Pouvez-vous répondre en quelques mots${NNB}?`, 'Pouvez-vous répondre en quelques mots ?');
      const check = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'flow-check.js'), copy.dialogs, copy.cards], { encoding: 'utf8' });
      expect(check.status).toBe(0);
      expect(check.stderr).toContain('1 warning(s) in the wording:');
      expect(check.stderr).toMatch(/texts\.yaml: invalid\.text\.fr: French puts a no-break space before "\?"/);
      expect(check.stdout).toMatch(/^OK: /);
    } finally {
      copy.remove();
    }
  });
});
