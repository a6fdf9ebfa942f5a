import os from 'node:os';
import path from 'node:path';
import { type CodeCacheStats, codeCacheFile, installCodeCache, nodeCompileCache } from './v8CodeCache';

/**
 * Module loading is most of the start-up before the recognizers' warm-up; the code V8 compiled
 * for our modules and node_modules is kept on disk and reused at the next start. Node 22.1+ does
 * it itself (`module.enableCompileCache`); on Node 20 our own code cache does (src/v8CodeCache.ts).
 * Imported first by index.ts, before anything heavy is required. The directory is Node's
 * NODE_COMPILE_CACHE if set (else one in the temporary folder); NODE_DISABLE_COMPILE_CACHE=1 turns
 * either off.
 */
const directory = process.env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), 'node-compile-cache');

function start(): { done(): CodeCacheStats } | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (nodeCompileCache) {
    try {
      nodeCompileCache(directory);
    } catch {
      // A cache that cannot be written (read-only temp folder) only costs the speed-up.
    }
    return undefined;
  }
  // Our cache compiles modules itself: not when a debugger or source maps need Node's own way.
  const nodeArgs = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (/--inspect|--enable-source-maps/.test(nodeArgs)) return undefined;
  return installCodeCache(codeCacheFile(directory));
}

const codeCache = start();

/**
 * Called once the bot is ready: our code cache stops and, if it missed modules, writes itself in
 * the background. Undefined where Node keeps its own cache, or none is kept.
 */
export function startupModulesLoaded(): CodeCacheStats | undefined {
  return codeCache?.done();
}
