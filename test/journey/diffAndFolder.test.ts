import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { applyDraftEdits } from '../../src/journey/draft';
import { diffJourneys } from '../../src/journey/diff';
import { readJourneyFolder, writeJourneyFolder } from '../../src/journey/folder';
import { repositoryFiles } from './journeyWorld';

const files = repositoryFiles();

describe('diffJourneys: a readable diff between two versions', () => {
  const after = applyDraftEdits(files, [
    { op: 'set', file: 'dialogs/steps/02-structure.yaml', path: ['steps', 0, 'ask', 'fr'], value: 'Comment s’appelle votre structure ?' },
    { op: 'insert', file: 'dialogs/steps/03-eligibility.yaml', path: ['steps', 1, 'choices'], value: { value: 'Inconnue', label: { fr: 'Je ne sais pas', en: 'I do not know' } } },
    { op: 'delete', file: 'dialogs/rules.yaml', path: ['eligibility', 'criteria', 4] },
    { op: 'set', file: 'dialogs/rules.yaml', path: ['programmes', 1, 'name', 'fr'], value: 'Booster' },
    { op: 'set', file: 'dialogs/calendar.yaml', path: ['factory', 'registrations_close'], value: '09-15' },
    { op: 'set', file: 'dialogs/texts.yaml', path: ['nouveau.texte'], value: { fr: 'Bonjour', en: 'Hello' } },
    { op: 'remove', file: 'dialogs/scenarios/rappel-demande.yaml' },
  ]);

  test('one unified diff per changed file, showing the changed lines', () => {
    const diff = diffJourneys(files, after, { before: 'v1', after: 'draft' });
    expect(diff.files.map((f) => [f.file, f.status])).toEqual([
      ['dialogs/calendar.yaml', 'changed'],
      ['dialogs/rules.yaml', 'changed'],
      ['dialogs/scenarios/rappel-demande.yaml', 'removed'],
      ['dialogs/steps/02-structure.yaml', 'changed'],
      ['dialogs/steps/03-eligibility.yaml', 'changed'],
      ['dialogs/texts.yaml', 'changed'],
    ]);
    const structure = diff.files.find((f) => f.file === 'dialogs/steps/02-structure.yaml')!.patch;
    expect(structure).toContain('--- v1/dialogs/steps/02-structure.yaml');
    expect(structure).toContain('+++ draft/dialogs/steps/02-structure.yaml');
    const askLine = files['dialogs/steps/02-structure.yaml'].split('\n').find((l) => l.includes(JSON.stringify(parse(files['dialogs/steps/02-structure.yaml']).steps[0].ask.fr)))!;
    expect(structure).toContain(`-${askLine}`);
    expect(structure).toContain('+      fr: "Comment s’appelle votre structure ?"');
    expect(structure.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2);
  });

  test('a short summary in words: what was added, removed or changed, by id, with its French wording', () => {
    const { summary } = diffJourneys(files, after);
    expect(summary).toEqual(
      expect.arrayContaining([
        { kind: 'question', change: 'changed', id: 'name', fr: 'Comment s’appelle votre structure ?', fields: ['ask'] },
        { kind: 'choice', change: 'added', id: 'financial_situation Inconnue', fr: 'Je ne sais pas' },
        { kind: 'criterion', change: 'removed', id: 'covered_territory', fr: expect.stringContaining("Nous n'avons pas encore d'équipe") },
        { kind: 'programme', change: 'changed', id: 'Probono Booster', fr: 'Booster', fields: ['name'] },
        { kind: 'calendar', change: 'changed', id: 'factory.registrations_close', fields: ['value'] },
        { kind: 'text', change: 'added', id: 'nouveau.texte', fr: 'Bonjour' },
        { kind: 'scenario', change: 'removed', id: 'dialogs/scenarios/rappel-demande.yaml', fr: expect.stringContaining('parler à quelqu') },
      ]),
    );
    expect(summary).toHaveLength(7);
    // The same files: nothing to say.
    expect(diffJourneys(files, files)).toEqual({ files: [], summary: [] });
  });

  test('a file that does not parse is still diffed, and left out of the summary', () => {
    const broken = { ...files, 'dialogs/texts.yaml': `${files['dialogs/texts.yaml']}\nbroken: [` };
    const diff = diffJourneys(files, broken);
    expect(diff.files.map((f) => f.file)).toEqual(['dialogs/texts.yaml']);
    expect(diff.summary).toEqual([]);
  });
});

describe('a version as a folder, and back', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-folder-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('written byte for byte and read back the same; stale journey files go, other files stay', () => {
    fs.mkdirSync(path.join(dir, 'dialogs', 'steps'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dialogs', 'steps', '99-old.yaml'), 'old: true\n');
    fs.writeFileSync(path.join(dir, 'dialogs', 'README.txt'), 'kept');
    writeJourneyFolder(files, dir);
    expect(readJourneyFolder(dir)).toEqual(files);
    expect(fs.readFileSync(path.join(dir, 'dialogs', 'rules.yaml'), 'utf8')).toBe(files['dialogs/rules.yaml']);
    expect(fs.existsSync(path.join(dir, 'dialogs', 'steps', '99-old.yaml'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'dialogs', 'README.txt'), 'utf8')).toBe('kept');
  });

  test('refuses a path outside dialogs/ and cards/, writing nothing', () => {
    expect(() => writeJourneyFolder({ ...files, 'dialogs/../../escape.yaml': 'x' }, dir)).toThrow(/Not journey file paths/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
