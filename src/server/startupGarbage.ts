import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One full garbage collection once start-up is done, before /readyz says ready. Loading the
 * modules and the journey leaves tens of megabytes of garbage, and V8 collected it during the
 * first user's first turn (50-160 ms of CPU on that turn in `npm run bench`, 30-50 ms after).
 * V8 exposes its collector to new contexts only with --expose-gc: the flag is set for the time it
 * takes to get the function, so that nothing else of the process changes. Never throws: false
 * when the collector could not be reached.
 */
export function collectStartupGarbage(): boolean {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) {
    exposed();
    return true;
  }
  v8.setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as () => void)();
    return true;
  } catch {
    // A Node whose V8 no longer exposes it so: the first turns collect it, as they did before.
    return false;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
