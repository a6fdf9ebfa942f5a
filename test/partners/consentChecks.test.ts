import { ISSUE_CODES } from '../../src/flow/issueCodes';
import { validateFlowFiles } from '../../src/flow/loadFromFiles';
import type { CodedFlowIssue } from '../../src/flow/model';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

const shipped = readJourneyDir(DIALOGS_DIR, CARDS_DIR);

function edited(...edits: [file: string, from: string, to: string][]): Record<string, string> {
  const files: Record<string, string> = { ...shipped };
  for (const [file, from, to] of edits) {
    if (!files[file]?.includes(from)) throw new Error(`${file} does not contain:\n${from}`);
    files[file] = files[file].replace(from, to);
  }
  return files;
}

function issuesOf(files: Record<string, string>): CodedFlowIssue[] {
  const { flow, issues } = validateFlowFiles(files);
  expect(flow).toBeUndefined();
  for (const i of issues) expect(Object.keys(i.params).sort()).toEqual([...ISSUE_CODES[i.code]].sort());
  return issues;
}

const PARTNERS = 'dialogs/partners.yaml';
const CONTACT = 'dialogs/steps/05-contact.yaml';
const NAME_FR = 'nous travaillons avec Collectif Freelances Solidaires';

/** flow:check on partners and their consent questions (dialogs/partners.yaml, role partner_consent, the derived `recommended`). */
describe('partners in the journey checks', () => {
  it('the shipped journey has the freelance partner, its consent step, and `recommended`', () => {
    const { flow, issues } = validateFlowFiles(shipped);
    expect(issues).toEqual([]);
    expect(flow!.partners).toEqual([{ id: 'freelance', name: { fr: 'Collectif Freelances Solidaires', en: 'Collectif Freelances Solidaires' }, programmes: ['Mission freelance'] }]);
    expect(flow!.derived.recommended).toEqual({ kind: 'recommendation' });
    expect(flow!.stepById.get('partner_consent_freelance')).toMatchObject({ kind: 'yesno', role: 'partner_consent', partner: 'freelance' });
  });

  it('without partners.yaml nothing is shared, and a consent step naming a partner is refused', () => {
    const { [PARTNERS]: _gone, ...rest } = shipped;
    expect(issuesOf(rest)).toEqual([
      expect.objectContaining({ file: CONTACT, code: 'step.unknown_partner', params: { partner: 'freelance', partners: '' } }),
    ]);
  });

  it('the question must name the partner in each language', () => {
    const [issue] = issuesOf(edited([CONTACT, NAME_FR, 'nous travaillons avec un collectif']));
    expect(issue).toMatchObject({ file: CONTACT, code: 'step.partner_not_named', params: { lang: 'fr', name: 'Collectif Freelances Solidaires' } });
    expect(issue.path).toMatch(/^steps\[\d+\]\.ask\.fr$/);
  });

  it('a partner routed from a programme that does not exist, or from one another partner has', () => {
    const unknown = issuesOf(edited([PARTNERS, 'programmes: [Mission freelance]', 'programmes: [Mission Freelance]']));
    expect(unknown).toEqual([expect.objectContaining({ file: PARTNERS, path: 'partners[0].programmes[0]', code: 'partner.unknown_programme' })]);
    const twice = issuesOf(
      edited([
        PARTNERS,
        '    programmes: [Mission freelance]\n',
        '    programmes: [Mission freelance]\n  - id: other\n    name: { fr: "Autre", en: "Other" }\n    programmes: [Mission freelance]\n',
      ]),
    );
    expect(twice).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'partner.programme_twice', params: { value: 'Mission freelance', partner: 'freelance' } }),
        expect.objectContaining({ code: 'partner.no_consent_step', params: { partner: 'other' } }),
      ]),
    );
  });

  it('a consent step without its partner; a partner on a step that is not a partner consent', () => {
    expect(issuesOf(edited([CONTACT, '    partner: freelance\n', '']))).toEqual([
      expect.objectContaining({ code: 'step.partner_missing' }),
      expect.objectContaining({ code: 'partner.no_consent_step', params: { partner: 'freelance' } }),
    ]);
    expect(issuesOf(edited([CONTACT, '    role: partner_consent\n', '']))).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'step.partner_without_role' })]),
    );
  });

  it('`recommended` is compared with programmes that exist, and rules cannot read it', () => {
    const typo = issuesOf(edited([CONTACT, 'when: { field: recommended, equals: Mission freelance }', 'when: { field: recommended, equals: Freelance }']));
    expect(typo).toEqual([expect.objectContaining({ file: CONTACT, code: 'condition.unknown_programme', params: expect.objectContaining({ value: 'Freelance', field: 'recommended' }) })]);
    const circular = issuesOf(edited(['dialogs/rules.yaml', 'when: { field: years_active, gte: 1 }', 'when: { field: recommended, equals: Probono Factory }']));
    expect(circular).toEqual([expect.objectContaining({ file: 'dialogs/rules.yaml', code: 'derived.read_by_rules', params: { name: 'recommended' } })]);
  });

  it('the texts of Motifs are required once a partner exists', () => {
    const lines = shipped['dialogs/texts.yaml'].split('\n').filter((l) => !l.startsWith('partner.not_shared:'));
    expect(issuesOf({ ...shipped, 'dialogs/texts.yaml': lines.join('\n') })).toEqual([
      expect.objectContaining({ file: 'dialogs/texts.yaml', code: 'text.missing', params: { key: 'partner.not_shared' } }),
    ]);
  });
});
