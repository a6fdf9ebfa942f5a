import fs from 'node:fs';
import path from 'node:path';

/**
 * The one test file `npm run test:mutation` runs: it loads every in-process test that reaches
 * src/domain, src/needs and src/answers into a single Jest module registry, so that the French
 * recognizers (seconds to load and warm) load once per mutant instead of once per test file.
 * Stryker picks the tests that cover each mutant by name.
 */
const TEST = path.join(__dirname, '..', '..');
const files = [
  ...['answers', 'domain', 'needs'].flatMap((dir) =>
    fs
      .readdirSync(path.join(TEST, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => path.join(TEST, dir, f)),
  ),
  path.join(TEST, 'conversations.test.ts'),
];
// Each file in its own block, so that its beforeAll (the recognizers' warm-up) runs only when one
// of its tests does.
for (const file of files)
  describe(path.relative(TEST, file), () => {
    require(file);
  });
