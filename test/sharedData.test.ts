import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths';

/** test/fixtures/shared-data is a copy of the project's shared test data; it must not drift. */
const shared = path.join(PROJECT_ROOT, '..', 'shared', 'data');
const copy = path.join(__dirname, 'fixtures', 'shared-data');
const files = fs.readdirSync(copy).filter((f) => f.endsWith('.tsv'));

test('the copy holds the shared test data files', () => {
  expect(files).toEqual(expect.arrayContaining(['french-answers.tsv', 'recommendation-cases.tsv']));
});

const present = fs.existsSync(shared);
(present ? test.each(files) : test.skip.each(files))('%s is identical to ../shared/data', (file) => {
  expect(fs.readFileSync(path.join(copy, file), 'utf8')).toBe(fs.readFileSync(path.join(shared, file), 'utf8'));
});
