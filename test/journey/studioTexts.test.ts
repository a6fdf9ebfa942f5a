import fs from 'node:fs';
import { type IssueCode, ISSUE_CODES } from '../../src/flow/issueCodes';
import { validateFlowFiles } from '../../src/flow/loadFromFiles';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import { issueText, loadStudioTexts, STUDIO_TEXTS_FILE } from '../../src/journey/studioTexts';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

/** studio/texts.yaml words every issue code in French and English, with exactly that code's params. */
describe('studio/texts.yaml', () => {
  const texts = loadStudioTexts();
  const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

  test('starts with a header comment saying what it holds', () => {
    expect(fs.readFileSync(STUDIO_TEXTS_FILE, 'utf8')).toMatch(/^# The studio's own interface texts/);
  });

  test.each(Object.keys(ISSUE_CODES) as IssueCode[])('issue.%s: fr and en, inserting only its params', (code) => {
    const text = texts[`issue.${code}`];
    expect(text).toBeDefined();
    const params = new Set(ISSUE_CODES[code]);
    for (const lang of ['fr', 'en'] as const) {
      for (const name of placeholders(text[lang])) expect(params).toContain(name);
    }
    // Both languages say the same things.
    expect(placeholders(text.fr)).toEqual(placeholders(text.en));
  });

  test('has no wording for a code that does not exist', () => {
    const codes = new Set(Object.keys(ISSUE_CODES).map((c) => `issue.${c}`));
    expect(Object.keys(texts).filter((k) => k.startsWith('issue.') && !codes.has(k))).toEqual([]);
  });

  test('issueText words a real issue in plain French, its params inserted', () => {
    const files = readJourneyDir(DIALOGS_DIR, CARDS_DIR);
    const broken = { ...files, 'dialogs/rules.yaml': files['dialogs/rules.yaml'].replace('{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }') };
    const [issue] = validateFlowFiles(broken).issues;
    expect(issueText(issue, texts, 'fr')).toMatch(/^Champ inconnu « years_activ » dans cette condition\. Champs possibles : .*years_active/);
    expect(issueText(issue, texts, 'en')).toMatch(/^Unknown field "years_activ" in this condition/);
    expect(issueText({ ...issue, code: 'not.a.code' as IssueCode }, texts, 'fr')).toBe(issue.message);
  });
});
