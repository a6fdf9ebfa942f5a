import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadFlow } from '../../src/flow/load';
import { FlowError } from '../../src/flow/model';
import { CARDS_DIR, DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths';
import { JourneyCopy } from '../support/journeyCopy';

/** What staff get wrong, and the message that must tell them where. */
function problemsAfter(edit: (copy: JourneyCopy) => void): string[] {
  const copy = new JourneyCopy();
  try {
    edit(copy);
    loadFlow(copy.dialogs, copy.cards);
    return [];
  } catch (err) {
    if (!(err instanceof FlowError)) throw err;
    return err.issues.map((i) => `${path.basename(i.file)}: ${i.path}: ${i.message}`);
  } finally {
    copy.remove();
  }
}

describe('flow checks', () => {
  test('the shipped journey is valid', () => {
    const flow = loadFlow(DIALOGS_DIR, CARDS_DIR);
    expect(flow.steps.map((s) => s.id)).toContain('consent');
    expect(flow.steps.length).toBeGreaterThan(15);
  });

  test('a text missing in English names the file and path', () => {
    const problems = problemsAfter((c) =>
      c.replace('steps/05-contact.yaml', '      en: "Which email address can we write to?"\n', ''),
    );
    expect(problems).toEqual([expect.stringMatching(/^05-contact\.yaml: steps\[1\]\.ask\.en: /)]);
  });

  test('a goto to an unknown step', () => {
    const problems = problemsAfter((c) => c.replace('steps/01-welcome.yaml', 'goto: consent_refused', 'goto: consent_refusd'));
    expect(problems).toEqual([expect.stringContaining('01-welcome.yaml: steps[0].next[0].goto: unknown target "consent_refusd"')]);
  });

  test('a rule on an unknown field', () => {
    const problems = problemsAfter((c) => c.replace('rules.yaml', '{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }'));
    expect(problems).toEqual([expect.stringMatching(/^rules\.yaml: eligibility\.criteria\[1\]\.when: unknown field "years_activ"/)]);
  });

  test('a choice renamed in a question but still used by a rule', () => {
    const problems = problemsAfter((c) => c.replace('steps/03-eligibility.yaml', '      - value: Fragile\n', '      - value: Tendue\n'));
    expect(problems).toEqual([expect.stringContaining('rules.yaml: eligibility.criteria[2].when: "Fragile" is not a choice of "financial_situation"')]);
  });

  test('a loop with no exit and an unreachable step', () => {
    const problems = problemsAfter((c) => {
      // tried → nature → tried: once answered, the walk could never leave.
      c.replace('steps/04-needs.yaml', '  - id: nature\n    kind: choice\n', '  - id: nature\n    kind: choice\n    next: tried\n');
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('loop with no exit: tried → nature → tried'),
        expect.stringContaining('step "deadline" can never be reached'),
      ]),
    );
  });

  test('an Airtable field that does not exist, and a YAML syntax error', () => {
    expect(problemsAfter((c) => c.replace('steps/02-structure.yaml', 'airtable: Structures.Nom', 'airtable: Structures.Name'))).toEqual([
      expect.stringContaining('02-structure.yaml: steps[0].airtable: "Structures.Name" is not a field of the Airtable base'),
    ]);
    expect(problemsAfter((c) => c.write('texts.yaml', `${c.read('texts.yaml')}\nbroken: { fr: "x"\n`))).toEqual([
      expect.stringMatching(/^texts\.yaml: : /),
    ]);
  });

  test('a text the bot needs removed from texts.yaml', () => {
    const problems = problemsAfter((c) => c.write('texts.yaml', c.read('texts.yaml').replace(/^thanks: .*$/m, '')));
    expect(problems).toEqual(['texts.yaml: thanks: missing text (needed by the bot)']);
  });

  describe('command line and server start', () => {
    const node = process.execPath;
    const dist = (f: string) => path.join(PROJECT_ROOT, 'dist', f);

    test('npm run flow:check passes on the shipped journey', () => {
      const out = execFileSync(node, [dist('scripts/flow-check.js')], { encoding: 'utf8' });
      expect(out).toMatch(/^OK: \d+ questions in 6 sections/);
    });

    test('flow:check and the server refuse an invalid journey with the file and path', () => {
      const copy = new JourneyCopy();
      try {
        copy.replace('rules.yaml', '{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }');
        const check = spawnSync(node, [dist('scripts/flow-check.js'), copy.dialogs, copy.cards], { encoding: 'utf8' });
        expect(check.status).toBe(1);
        expect(check.stderr).toContain('rules.yaml: eligibility.criteria[1].when: unknown field "years_activ"');

        const server = spawnSync(node, [dist('src/index.js')], {
          encoding: 'utf8',
          timeout: 30_000,
          env: { ...process.env, PORT: '0', DIALOGS_DIR: copy.dialogs, CARDS_DIR: copy.cards, DATA_DIR: path.join(copy.root, 'data') },
        });
        expect(server.status).toBe(1);
        expect(server.stderr).toContain('rules.yaml: eligibility.criteria[1].when: unknown field "years_activ"');
      } finally {
        copy.remove();
      }
    });
  });
});
