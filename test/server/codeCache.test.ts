import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BotProcess, freePort } from '../support/botProcess';
import { CaptureChannel } from '../support/channelHarness';
import { talk } from '../support/talk';
import { nodeCompileCache } from '../../src/v8CodeCache';

/**
 * The built server started twice on one code cache (NODE_COMPILE_CACHE): the first start
 * compiles its modules and writes the cache after it is ready; the second takes them from it and
 * holds a conversation as usual. Node 22.1+ keeps its own cache instead (nothing of ours to see).
 */
const onNode20 = nodeCompileCache ? describe.skip : describe;

interface Logged {
  codeCache: { modules: number; fromCache: number; writing: boolean };
}

function codeCacheLine(output: string): Logged['codeCache'] {
  const line = output.split('\n').find((l) => l.includes('"codeCache"'));
  if (!line) throw new Error(`no code cache line in:\n${output}`);
  return (JSON.parse(line) as Logged).codeCache;
}

onNode20('the server on its code cache (Node 20)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-code-cache-'));
  const cacheDir = path.join(dataDir, 'code-cache');
  const channel = new CaptureChannel();
  let bot: BotProcess;
  const say = talk(() => bot.url, channel, 'code-cache-conv');

  beforeAll(async () => {
    await channel.start();
    bot = new BotProcess(await freePort(), dataDir);
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a first start writes the cache once ready; the next takes every module from it and talks as before', async () => {
    bot.start({ NODE_COMPILE_CACHE: cacheDir });
    await bot.waitFor('/readyz', 200);
    await bot.waitForOutput('"codeCache"');
    const first = codeCacheLine(bot.output);
    expect(first).toEqual({ modules: first.modules, fromCache: 0, writing: true });
    expect(first.modules).toBeGreaterThan(1000);
    // Written in the background after ready: the file appears whole (renamed into place).
    const end = Date.now() + 60_000;
    while (!fs.existsSync(cacheDir) || !fs.readdirSync(cacheDir).some((f) => f.endsWith('.bin'))) {
      if (Date.now() > end) throw new Error(`no cache written in ${cacheDir}:\n${bot.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(fs.readdirSync(cacheDir).filter((f) => !f.endsWith('.bin'))).toEqual([]);
    await bot.stop();

    bot.start({ NODE_COMPILE_CACHE: cacheDir });
    await bot.waitFor('/readyz', 200);
    await bot.waitForOutput('"codeCache"');
    expect(codeCacheLine(bot.output)).toEqual({ modules: first.modules, fromCache: first.modules, writing: false });
    await say('bonjour', 'Acceptez-vous');
    await say('oui', 'nom');
  }, 180_000);

  test('NODE_DISABLE_COMPILE_CACHE=1: no cache is used or written', async () => {
    await bot.stop();
    bot.start({ NODE_COMPILE_CACHE: path.join(dataDir, 'unused'), NODE_DISABLE_COMPILE_CACHE: '1' });
    await bot.waitFor('/readyz', 200);
    await bot.waitForOutput('journey loaded: ready');
    expect(bot.output).not.toContain('"codeCache"');
    expect(fs.existsSync(path.join(dataDir, 'unused'))).toBe(false);
  }, 120_000);
});
