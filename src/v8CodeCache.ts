import crypto from 'node:crypto';
import fs from 'node:fs';
import nodeModule from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * A code cache for CommonJS modules on Node versions without `module.enableCompileCache` (Node 20):
 * parsing and compiling the ~1,500 modules the bot loads was a third of its start-up, and V8 can
 * reuse what it compiled at an earlier start (`vm.Script` with `cachedData`). One file holds the
 * compiled code of every module loaded before the bot was ready, each entry under the SHA-256 of
 * its source: V8 itself only checks a source's length. Anything odd (a foreign or damaged file, a
 * cache V8 rejects, an ES module, a syntax error) falls back to Node's own compilation.
 * Only node: built-ins here: it is installed before anything else is loaded.
 */

/** Node's own compile cache (Node 22.1+), where there is one: then ours is not used. */
export const nodeCompileCache = (nodeModule as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;

const MAGIC = 'PBCC1';
const MAY_IMPORT = /\bimport\s*\(/;

interface Entry {
  hash: string;
  start: number;
  length: number;
}

interface Compiled {
  filename: string;
  hash: string;
  script: vm.Script;
}

export interface CodeCacheStats {
  /** Modules compiled while the cache was on. */
  modules: number;
  /** Of those, how many V8 took from the cache. */
  fromCache: number;
  /** Whether a new cache file is being written (some module was not in the cache). */
  writing: boolean;
}

type CompileFn = (this: nodeModule, content: string, filename: string, format?: string) => unknown;
type ModuleInternals = typeof nodeModule & {
  prototype: { _compile: CompileFn };
  wrap(source: string): string;
  _resolveFilename(request: string, parent: nodeModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: nodeModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
};

/** One-shot digest (`crypto.hash`: Node 20.12+ and 21.7+, the `engines` range). */
const hashOf = (source: string): string => crypto.hash('sha256', source, 'base64');

/**
 * The cache file for this Node, architecture, set of V8 flags and program (V8 rejects code
 * compiled under other flags, and two checkouts load other files: each gets its own file instead
 * of rewriting one back and forth).
 */
export function codeCacheFile(directory: string, execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '', program = process.argv[1] ?? ''): string {
  const flags = crypto.createHash('sha256').update(JSON.stringify([execArgv, nodeOptions, program])).digest('hex').slice(0, 12);
  return path.join(directory, `probono-v8-${process.version}-${process.arch}-${flags}.bin`);
}

/** Reads a cache file; undefined when there is none, or it is not ours, not private, or damaged. */
export function readCodeCache(file: string): { entries: Map<string, Entry>; data: Buffer } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    // Compiled code runs as ours: only a file this user owns and no one else may write.
    if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    const bytes = fs.readFileSync(fd);
    if (bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
    const indexLength = bytes.readUInt32LE(MAGIC.length);
    const indexStart = MAGIC.length + 4;
    const index = JSON.parse(bytes.subarray(indexStart, indexStart + indexLength).toString('utf8')) as unknown;
    const data = bytes.subarray(indexStart + indexLength);
    if (!Array.isArray(index)) return undefined;
    const entries = new Map<string, Entry>();
    for (const row of index) {
      if (!Array.isArray(row) || row.length !== 4) return undefined;
      const [filename, hash, start, length] = row as unknown[];
      if (typeof filename !== 'string' || typeof hash !== 'string' || !Number.isInteger(start) || !Number.isInteger(length)) return undefined;
      if ((start as number) < 0 || (length as number) <= 0 || (start as number) + (length as number) > data.length) return undefined;
      entries.set(filename, { hash, start: start as number, length: length as number });
    }
    return { entries, data };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a cache file whole (a temporary file renamed over it: a reader never sees half of one). */
export function writeCodeCache(file: string, rows: { filename: string; hash: string; data: Buffer }[]): void {
  const index: [string, string, number, number][] = [];
  let offset = 0;
  for (const row of rows) {
    index.push([row.filename, row.hash, offset, row.data.length]);
    offset += row.data.length;
  }
  const indexBytes = Buffer.from(JSON.stringify(index), 'utf8');
  const header = Buffer.alloc(MAGIC.length + 4);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(indexBytes.length, MAGIC.length);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([header, indexBytes, ...rows.map((r) => r.data)]), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    throw err;
  }
}

/** The `require` Node gives a module (as its own makeRequireFunction builds it). */
function requireFor(Module: ModuleInternals, mod: nodeModule): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => Module._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => Module._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions as NodeJS.Require['extensions'];
  require.cache = Module._cache as NodeJS.Require['cache'];
  return require;
}

/**
 * Compiles every CommonJS module loaded from now on through the cache in `file`, until the
 * returned `done` is called (once the bot is ready): it stops using the cache, lets go of it and,
 * when some module was not in it, writes a new one in the background (a few modules at a time,
 * so that a first user is not held up). `done` reports what the cache did.
 */
export function installCodeCache(file: string): { done(): CodeCacheStats } {
  const Module = nodeModule as ModuleInternals;
  const nodeCompile = Module.prototype._compile;
  let cache = readCodeCache(file);
  const compiled: Compiled[] = [];
  let fromCache = 0;
  let stats: CodeCacheStats | undefined;

  Module.prototype._compile = function compileThroughCache(this: nodeModule, content: string, filename: string, format?: string) {
    // ES modules (require of an .mjs, a "type": "module" package) go Node's own way. So does any
    // source that may call import(): Node 20 loses a script's import() callback when V8 takes its
    // code from a cache (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). Mostly a JSDoc `import('…')`
    // type in a small module: a few dozen of the ~1,500 the bot loads.
    if (format === 'module' || filename.endsWith('.mjs') || filename.endsWith('.mts') || MAY_IMPORT.test(content)) return nodeCompile.call(this, content, filename, format);
    const hash = hashOf(content);
    const entry = cache?.entries.get(filename);
    const cachedData = entry && entry.hash === hash ? cache!.data.subarray(entry.start, entry.start + entry.length) : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      // A syntax error (or ES module syntax in a .js file): Node reports it, or loads it, as usual.
      return nodeCompile.call(this, content, filename, format);
    }
    if (cachedData && !script.cachedDataRejected) fromCache++;
    compiled.push({ filename, hash, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(Module, this), this, filename, path.dirname(filename));
  };

  return {
    done() {
      if (stats) return stats;
      Module.prototype._compile = nodeCompile;
      cache = undefined;
      stats = { modules: compiled.length, fromCache, writing: fromCache < compiled.length };
      if (stats.writing) writeInBackground(file, compiled);
      else compiled.length = 0;
      return stats;
    },
  };
}

/** Produces each module's code (with what it compiled since) a slice at a time, then writes them. */
function writeInBackground(file: string, compiled: Compiled[], slice = 64): void {
  const rows: { filename: string; hash: string; data: Buffer }[] = [];
  let next = 0;
  const step = () => {
    try {
      for (const end = Math.min(next + slice, compiled.length); next < end; next++) {
        const { filename, hash, script } = compiled[next];
        const data = script.createCachedData();
        if (data.length > 0) rows.push({ filename, hash, data });
      }
      if (next < compiled.length) {
        setImmediate(step);
        return;
      }
      compiled.length = 0;
      writeCodeCache(file, rows);
    } catch {
      // A cache that cannot be written (read-only or full disk) only costs the speed-up next time.
      compiled.length = 0;
    }
  };
  setImmediate(step);
}
