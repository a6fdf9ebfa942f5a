import { publishJourney, seedJourney } from '../../src/journey/publishing';
import { JourneyRegistry } from '../../src/journey/registry';
import { captureLogs } from '../support/logCapture';
import { manualClock } from '../stores/tempDir';
import { counting, repositoryFiles, SqliteWorld, withReplaced } from './journeyWorld';

const files = repositoryFiles();
const reworded = withReplaced(files, 'dialogs/calendar.yaml', 'next_cohort_start: "2027-03-01"', 'next_cohort_start: "2027-04-01"');

describe('JourneyRegistry', () => {
  let world: SqliteWorld;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    world = new SqliteWorld();
    clock = manualClock('2026-11-23T09:00:00.000Z');
    await seedJourney(world.open(), files);
  });
  afterEach(() => world.remove());

  test('a publish on another instance is served here once the refresh delay has passed, not before', async () => {
    const here = new JourneyRegistry({ store: world.open(), now: clock.now, refreshMs: 5_000 });
    expect(await here.liveVersion()).toBe(1);

    const published = await publishJourney(world.open(), reworded, 'camille@example.org', 'Promotion décalée');
    expect(published).toMatchObject({ ok: true, version: { number: 2 } });

    clock.advance(4_999);
    expect(await here.liveVersion()).toBe(1);
    clock.advance(1);
    expect(await here.liveVersion()).toBe(2);
    const { version, flow } = await here.current();
    expect(version).toBe(2);
    expect(flow.calendar.booster.next_cohort_start).toBe('2027-04-01');
    expect(flow.dir).toBe('version 2');
  });

  test('callers at once share one read of the store; within the delay, none', async () => {
    const { store, calls } = counting(world.open());
    const registry = new JourneyRegistry({ store, now: clock.now, refreshMs: 5_000 });
    expect(await Promise.all(Array.from({ length: 20 }, () => registry.liveVersion()))).toEqual(Array(20).fill(1));
    expect(calls.liveVersion).toBe(1);
    clock.advance(3_000);
    await registry.liveVersion();
    expect(calls.liveVersion).toBe(1);
    clock.advance(2_000);
    await registry.liveVersion();
    expect(calls.liveVersion).toBe(2);
  });

  test('while the store cannot be read, the last live version known is kept (and said in the log)', async () => {
    const logs = captureLogs();
    const registry = new JourneyRegistry({ store: world.open(), now: clock.now, refreshMs: 1_000, log: logs.log });
    expect(await registry.liveVersion()).toBe(1);
    world.closeConnections();
    clock.advance(1_000);
    expect(await registry.liveVersion()).toBe(1);
    expect(logs.lines().some((e) => e.level === 40 && /keeping the last one known/.test(String(e.msg)))).toBe(true);
    // With nothing known yet, the failure is the caller's to handle.
    const unread = new JourneyRegistry({ store: world.open(), now: clock.now });
    world.closeConnections();
    await expect(unread.liveVersion()).rejects.toThrow(/not open/);
    const fresh = new SqliteWorld();
    try {
      await expect(new JourneyRegistry({ store: fresh.open() }).liveVersion()).rejects.toThrow(/no version yet/);
    } finally {
      fresh.remove();
    }
  });

  test('flows are parsed once per version and kept up to maxFlows, least recently used out', async () => {
    const publisher = world.open();
    await publishJourney(publisher, reworded, 'a', '');
    await publishJourney(publisher, files, 'b', '');
    const { store, calls } = counting(world.open());
    const registry = new JourneyRegistry({ store, now: clock.now, maxFlows: 2 });

    const first = await registry.flow(1);
    expect(await registry.flow(1)).toBe(first);
    await registry.flow(2);
    await registry.flow(1); // 1 is now the most recently used
    await registry.flow(3); // … so 2 goes
    expect(calls.version).toBe(3);
    expect(await registry.flow(1)).toBe(first);
    expect(calls.version).toBe(3);
    await registry.flow(2);
    expect(calls.version).toBe(4);
  });

  test('an unknown version is refused, and not kept', async () => {
    const { store, calls } = counting(world.open());
    const registry = new JourneyRegistry({ store });
    await expect(registry.flow(7)).rejects.toThrow('The journey store has no version 7');
    await expect(registry.flow(7)).rejects.toThrow();
    expect(calls.version).toBe(2);
  });

  test('noteLive: the instance that published serves its version at once', async () => {
    const store = world.open();
    const registry = new JourneyRegistry({ store, now: clock.now, refreshMs: 60_000 });
    expect(await registry.liveVersion()).toBe(1);
    const result = await publishJourney(store, reworded, 'a', '', { registry });
    expect(result.ok).toBe(true);
    expect(await registry.liveVersion()).toBe(2);
  });
});
