import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/paths';
import { codeCacheFile, readCodeCache, writeCodeCache } from '../src/v8CodeCache';

/**
 * The code cache Node 20 starts with (src/v8CodeCache.ts), in real Node processes: the hook
 * replaces how Node compiles every CommonJS module, so each run loads a small set of modules that
 * lean on what Node gives a module (require and its resolve, __dirname, `this`, cycles, JSON, an
 * ES module, import(), an error's line, a syntax error) and reports what it saw.
 */
const run = promisify(execFile);
const HOOK = path.join(PROJECT_ROOT, 'dist', 'src', 'v8CodeCache.js');

const FILES: Record<string, string> = {
  'main.js': `
const cache = process.argv[3] === 'none' ? undefined : require(process.argv[2]).installCodeCache(process.argv[3]);
const app = require('./app.js');
const report = app.report();
const stats = cache && cache.done();
app.later().then((later) => console.log(JSON.stringify({ stats, report, later })));
`,
  'app.js': `const topThis = this;
const b = require('./b.js');
const data = require('./data.json');
let thrown;
try { require('./throws.js'); } catch (err) { thrown = { message: err.message, line: Number(/throws\\.js:(\\d+)/.exec(err.stack)[1]) }; }
let syntax;
try { require('./broken.js'); } catch (err) { syntax = err.name; }
exports.report = () => ({
  value: b.value,
  json: data.n,
  dirname: __dirname,
  filename: __filename,
  thisIsExports: topThis === exports,
  resolved: require.resolve('./b.js'),
  lookupPaths: require.resolve.paths('some-package')[0],
  main: require.main.filename,
  cycle: require('./cycleA.js').done,
  esm: require('./esm.mjs').answer,
  thrown,
  syntax,
  inCache: Object.keys(require.cache).filter((k) => k.startsWith(__dirname)).map((k) => path.basename(k)).sort(),
});
const path = require('node:path');
exports.later = require('./later.js');
`,
  'b.js': 'exports.value = 41;\n',
  // Node's own way (see MAY_IMPORT): from a cache, Node 20 would fail this import().
  'later.js': "module.exports = () => import('./esm.mjs').then((m) => m.answer + 1);\n",
  'data.json': '{ "n": 7 }\n',
  'throws.js': '// line 1\n// line 2\nthrow new Error("boom");\n',
  'broken.js': 'module.exports = {;\n',
  'cycleA.js': "exports.done = false;\nconst b = require('./cycleB.js');\nexports.done = b.sawA === false;\n",
  'cycleB.js': "exports.sawA = require('./cycleA.js').done;\n",
  'esm.mjs': 'export const answer = 6 * 7;\n',
};
/** Modules the hook compiles: the driver was compiled before it was on; JSON, .mjs, import() and the syntax error are Node's. */
const COMPILED = 5;

let dir: string;
let cacheFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-test-'));
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
  cacheFile = codeCacheFile(path.join(dir, 'cache'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Report {
  stats: { modules: number; fromCache: number; writing: boolean };
  report: Record<string, unknown>;
  later: number;
}

async function load(cache = cacheFile): Promise<Report> {
  const { stdout } = await run(process.execPath, [path.join(dir, 'main.js'), HOOK, cache], { cwd: dir });
  return JSON.parse(stdout) as Report;
}

/** What Node itself gives these modules, without the hook (the fixture doing what it is meant to). */
let nodeReport: Record<string, unknown>;
const expectedReport = (value = 41) => ({ ...nodeReport, value });

beforeEach(async () => {
  const { stats, report, later } = await load('none');
  expect({ stats, later }).toEqual({ later: 43 });
  expect(report).toEqual({
    value: 41,
    json: 7,
    dirname: dir,
    filename: path.join(dir, 'app.js'),
    thisIsExports: true,
    resolved: path.join(dir, 'b.js'),
    lookupPaths: path.join(dir, 'node_modules'),
    main: path.join(dir, 'main.js'),
    cycle: true,
    esm: 42,
    thrown: { message: 'boom', line: 3 },
    syntax: 'SyntaxError',
    // Modules that failed to load are not kept.
    inCache: ['app.js', 'b.js', 'cycleA.js', 'cycleB.js', 'data.json', 'esm.mjs', 'later.js', 'main.js'],
  });
  nodeReport = report;
});

test('modules loaded through the cache behave as Node loads them, and the second run takes every one from the cache', async () => {
  const first = await load();
  expect(first).toEqual({ stats: { modules: COMPILED, fromCache: 0, writing: true }, report: expectedReport(), later: 43 });
  // Written whole, private to this user.
  expect(fs.statSync(cacheFile).mode & 0o777).toBe(0o600);
  expect(fs.statSync(path.dirname(cacheFile)).mode & 0o777).toBe(0o700);
  expect([...readCodeCache(cacheFile)!.entries.keys()].sort()).toEqual(['app.js', 'b.js', 'cycleA.js', 'cycleB.js', 'throws.js'].map((f) => path.join(dir, f)));
  expect(fs.readdirSync(path.dirname(cacheFile))).toEqual([path.basename(cacheFile)]);

  const second = await load();
  expect(second).toEqual({ stats: { modules: COMPILED, fromCache: COMPILED, writing: false }, report: expectedReport(), later: 43 });
});

test('a module changed since (same length: V8 alone would take the old code) is compiled anew', async () => {
  await load();
  fs.writeFileSync(path.join(dir, 'b.js'), FILES['b.js'].replace('41', '58'));
  const changed = await load();
  expect(changed).toEqual({ stats: { modules: COMPILED, fromCache: COMPILED - 1, writing: true }, report: expectedReport(58), later: 43 });
  // Rewritten with the new code: the next run takes all of it from the cache.
  expect((await load()).stats).toEqual({ modules: COMPILED, fromCache: COMPILED, writing: false });
});

test('a cache file others may write, or a damaged one, is not used, and is replaced', async () => {
  await load();
  fs.chmodSync(cacheFile, 0o666);
  expect(readCodeCache(cacheFile)).toBeUndefined();
  expect(await load()).toEqual({ stats: { modules: COMPILED, fromCache: 0, writing: true }, report: expectedReport(), later: 43 });
  expect(fs.statSync(cacheFile).mode & 0o777).toBe(0o600);

  const bytes = fs.readFileSync(cacheFile);
  for (const damaged of [bytes.subarray(0, bytes.length - 10), Buffer.from('not a cache'), Buffer.concat([bytes.subarray(0, 9), Buffer.from('{'), bytes.subarray(10)])]) {
    fs.writeFileSync(cacheFile, damaged, { mode: 0o600 });
    expect(readCodeCache(cacheFile)).toBeUndefined();
    expect(await load()).toEqual({ stats: { modules: COMPILED, fromCache: 0, writing: true }, report: expectedReport(), later: 43 });
  }
});

test('code V8 rejects (another Node, other flags) is compiled anew, not run', async () => {
  await load();
  const entries = readCodeCache(cacheFile)!.entries;
  // The same index over bytes that are not V8's code: each module is compiled as if uncached.
  writeCodeCache(cacheFile, [...entries].map(([filename, e]) => ({ filename, hash: e.hash, data: Buffer.alloc(e.length, 7) })));
  expect(await load()).toEqual({ stats: { modules: COMPILED, fromCache: 0, writing: true }, report: expectedReport(), later: 43 });
});

test('each Node, architecture, set of V8 flags and program has its own cache file', () => {
  const base = codeCacheFile('/c', ['--max-old-space-size=256'], '', '/a/dist/src/index.js');
  expect(path.dirname(base)).toBe('/c');
  expect(path.basename(base)).toMatch(new RegExp(`^probono-v8-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{12}\\.bin$`));
  expect(codeCacheFile('/c', ['--max-old-space-size=256'], '', '/a/dist/src/index.js')).toBe(base);
  expect(codeCacheFile('/c', ['--max-old-space-size=512'], '', '/a/dist/src/index.js')).not.toBe(base);
  expect(codeCacheFile('/c', ['--max-old-space-size=256'], '--cpu-prof', '/a/dist/src/index.js')).not.toBe(base);
  expect(codeCacheFile('/c', ['--max-old-space-size=256'], '', '/b/dist/src/index.js')).not.toBe(base);
});
