import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { BotProcess, freePort } from '../support/botProcess';

/**
 * The image holds only what the Dockerfile's last stage copies: the built server (dist/), the
 * dependencies, and the files it names from the project. With exactly those files the server
 * must start as a local trial does (`-e NODE_ENV=development`), its studio included (which reads
 * studio/texts.yaml at start).
 */
test('the files the Dockerfile copies into the image are enough to start the server and its studio', async () => {
  const dockerfile = fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const copied = [...lastStage.matchAll(/^COPY (?!--)(\S+) (\S+)$/gm)].map((m) => [m[1], m[2]] as const);
  expect(copied.map(([from]) => from)).toEqual(expect.arrayContaining(['dialogs', 'cards', 'public']));

  const image = fs.mkdtempSync(path.join(os.tmpdir(), 'image-files-'));
  try {
    for (const [from, to] of copied) {
      // `COPY package.json ./`: into that folder; `COPY cards cards`: as that path.
      const target = to.endsWith('/') || to === '.' ? path.join(image, to, path.basename(from)) : path.join(image, to);
      fs.cpSync(path.join(PROJECT_ROOT, from), target, { recursive: true });
    }
    // What the other stages give: the build (dist/) and the production dependencies.
    fs.cpSync(path.join(PROJECT_ROOT, 'dist'), path.join(image, 'dist'), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(PROJECT_ROOT, 'node_modules')), path.join(image, 'node_modules'));
    const data = path.join(image, 'data');
    fs.mkdirSync(data);

    const server = new BotProcess(await freePort(), data);
    server.start({ NODE_ENV: 'development', LOCAL_EMULATOR: '' }, path.relative(PROJECT_ROOT, path.join(image, 'dist', 'src', 'index.js')));
    try {
      await server.waitFor('/healthz', 200, 60_000);
      await server.waitFor('/studio/login', 401, 10_000);
      expect(server.output).toMatch(/Studio sign-in link \(works once\): http:\/\/127\.0\.0\.1:\d+\/studio\/login\?token=/);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(image, { recursive: true, force: true });
  }
}, 90_000);
