import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/paths';

/**
 * The Dockerfile's build stage builds the studio page from the files it copies, and its last
 * stage takes the result: played here without an engine, with exactly those files (and the
 * installed packages, which `npm ci` gives the stage).
 */
test("the image's build stage has what the studio page's build needs, and the image keeps dist/studio", () => {
  const dockerfile = fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/\nFROM /);
  const build = stages.find((s) => / AS build\b/.test(s.split('\n')[0]))!;
  const last = stages[stages.length - 1];
  const studioRun = build.split('\n').find((l) => /^RUN .*scripts\/build-studio\.js/.test(l));
  expect(studioRun).toBe('RUN node scripts/build-studio.js');
  expect(last).toMatch(/^COPY --from=build \/app\/dist dist$/m);

  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'image-build-'));
  try {
    for (const m of build.matchAll(/^COPY (?!--)(.+)$/gm)) {
      const parts = m[1].trim().split(/\s+/);
      const to = parts.pop()!;
      for (const from of parts) {
        const target = to.endsWith('/') || to === '.' ? path.join(stage, to, path.basename(from)) : path.join(stage, to);
        fs.cpSync(path.join(PROJECT_ROOT, from), target, { recursive: true });
      }
    }
    fs.symlinkSync(fs.realpathSync(path.join(PROJECT_ROOT, 'node_modules')), path.join(stage, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build-studio.js'], { cwd: stage, stdio: 'pipe' });

    const page = path.join(stage, 'dist', 'studio');
    const html = fs.readFileSync(path.join(page, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/studio\/assets\/([^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) expect(fs.existsSync(path.join(page, 'assets', asset))).toBe(true);
    // No inline script: the server's CSP is script-src 'self'.
    expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script type="module" src="\/studio\/assets\/[^"]+\.js">$/)]);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}, 120_000);
