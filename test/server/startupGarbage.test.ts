import { collectStartupGarbage } from '../../src/server/startupGarbage';

/** The collection run before /readyz says ready (src/server/startupGarbage.ts) frees what nothing holds. */
test('start-up garbage is collected at once, without --expose-gc', () => {
  expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  let garbage: number[][] | undefined = Array.from({ length: 200 }, () => Array.from({ length: 25_000 }, (_, i) => i + 0.5));
  const held = process.memoryUsage().heapUsed;
  expect(garbage.length).toBe(200);
  garbage = undefined;
  expect(collectStartupGarbage()).toBe(true);
  // 200 arrays of 25,000 doubles: 40 MB, all unreachable once dropped.
  expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(30e6);
  // The flag was set only to get the collector: the process's own global has none afterwards.
  expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
});
