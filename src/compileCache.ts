import nodeModule from 'node:module';

/**
 * Node 22.1+ keeps the code it compiled for our modules and node_modules on disk and reuses it at
 * the next start (module loading is most of the start-up before the recognizers' warm-up).
 * Imported first by index.ts, before anything heavy is required. Node 20 has no such cache: no-op.
 */
const enableCompileCache = (nodeModule as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;
try {
  enableCompileCache?.();
} catch {
  // A cache that cannot be written (read-only temp folder) only costs the speed-up.
}
