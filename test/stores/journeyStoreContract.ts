import { type JourneyStore, LiveVersionChangedError, StaleDraftError } from '../../src/stores/journeyStore';
import { manualClock } from './tempDir';

/** How the contract reaches one adapter. */
export interface JourneyStoreHarness {
  /** A fresh, empty store for the next test. */
  setup(): Promise<void>;
  /** A store on the current storage: each call is another connection (another instance). */
  open(now: () => Date): JourneyStore;
  /** Closes every store opened since setup (as a restart would). */
  closeAll(): Promise<void>;
  teardown(): Promise<void>;
}

const FILES_1 = { 'dialogs/flow.yaml': '# v1\nsettings: {}\n', 'cards/summary.json': '{"type":"AdaptiveCard"}' };
const FILES_2 = { 'dialogs/flow.yaml': '# v2 « édition » 🦓\nsettings: {}\n', 'cards/summary.json': '{}' };
const FILES_3 = { 'dialogs/flow.yaml': '# v3\n' };

/**
 * The JourneyStore contract (src/stores/journeyStore.ts), run against SQLite
 * (test/stores/sqliteJourneyStore.test.ts) and Azure Blob Storage (test/stores/azure/).
 */
export function journeyStoreContract(name: string, harness: JourneyStoreHarness): void {
  describe(`${name}: the JourneyStore contract`, () => {
    let clock: ReturnType<typeof manualClock>;
    const open = (): JourneyStore => harness.open(clock.now);

    beforeEach(async () => {
      clock = manualClock('2026-11-23T09:00:00.000Z');
      await harness.setup();
    });
    afterEach(async () => {
      await harness.closeAll();
      await harness.teardown();
    });

    describe('versions and the live pointer', () => {
      it('is empty before the seed; the seed is version 1, live, and happens once', async () => {
        const store = open();
        expect(await store.liveVersion()).toBeUndefined();
        expect(await store.versions()).toEqual([]);
        expect(await store.version(1)).toBeUndefined();

        expect(await store.seed(FILES_1, 'repository', 'dialogs/ of the repository')).toBe(1);
        clock.advance(1000);
        expect(await open().seed(FILES_2, 'someone else', 'again')).toBe(1);

        expect(await store.liveVersion()).toBe(1);
        expect(await open().version(1)).toEqual({ number: 1, author: 'repository', comment: 'dialogs/ of the repository', createdAt: '2026-11-23T09:00:00.000Z', files: FILES_1 });
        expect(await store.versions()).toHaveLength(1);
      });

      it('two instances seeding at once make one version 1', async () => {
        const [a, b] = await Promise.all([open().seed(FILES_1, 'a', 'seed'), open().seed(FILES_2, 'b', 'seed')]);
        expect([a, b]).toEqual([1, 1]);
        const versions = await open().versions();
        expect(versions.map((v) => v.number)).toEqual([1]);
        const files = (await open().version(1))!.files;
        expect([FILES_1, FILES_2]).toContainEqual(files);
      });

      it('publish adds the next version and makes it live; older versions stay as they were', async () => {
        const store = open();
        await store.seed(FILES_1, 'repository', 'seed');
        clock.advance(60_000);
        const published = await store.publish({ files: FILES_2, author: 'camille@example.org', comment: 'Nouvelle question', basedOn: 1 });
        expect(published).toEqual({ number: 2, author: 'camille@example.org', comment: 'Nouvelle question', basedOn: 1, createdAt: '2026-11-23T09:01:00.000Z' });

        const other = open();
        expect(await other.liveVersion()).toBe(2);
        expect((await other.version(2))!.files).toEqual(FILES_2);
        expect((await other.version(1))!.files).toEqual(FILES_1);
        expect((await other.versions()).map((v) => [v.number, v.author])).toEqual([
          [1, 'repository'],
          [2, 'camille@example.org'],
        ]);
      });

      it('a publish on a live version that changed meanwhile is refused and writes nothing', async () => {
        const a = open();
        const b = open();
        await a.seed(FILES_1, 'repository', 'seed');
        await b.publish({ files: FILES_2, author: 'b', comment: 'first', basedOn: 1 }, 1);

        await expect(a.publish({ files: FILES_3, author: 'a', comment: 'late', basedOn: 1 }, 1)).rejects.toEqual(new LiveVersionChangedError(1, 2));
        expect(await a.liveVersion()).toBe(2);
        expect((await a.versions()).map((v) => v.number)).toEqual([1, 2]);
      });

      it('concurrent publishes from two instances get distinct consecutive numbers; the last is live', async () => {
        await open().seed(FILES_1, 'repository', 'seed');
        const a = open();
        const b = open();
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).publish({ files: { 'dialogs/flow.yaml': `# ${i}\n` }, author: `p${i}`, comment: '' })));
        expect(results.map((r) => r.number).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7]);
        expect(await open().liveVersion()).toBe(7);
        // Each number holds the files of the publish that got it.
        for (const r of results) expect((await open().version(r.number))!.files).toEqual({ 'dialogs/flow.yaml': `# ${r.author.slice(1)}\n` });
      });

      it('of two publishes on the same live version, exactly one wins', async () => {
        await open().seed(FILES_1, 'repository', 'seed');
        const outcomes = await Promise.allSettled([open().publish({ files: FILES_2, author: 'a', comment: '' }, 1), open().publish({ files: FILES_3, author: 'b', comment: '' }, 1)]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(LiveVersionChangedError);
        expect((await open().versions()).map((v) => v.number)).toEqual([1, 2]);
      });

      it('everything survives a restart', async () => {
        const store = open();
        await store.seed(FILES_1, 'repository', 'seed');
        await store.publish({ files: FILES_2, author: 'a', comment: 'c', basedOn: 1 });
        await store.saveDraft({ files: FILES_3, basedOn: 2, updatedBy: 'a' }, 0);
        await harness.closeAll();

        const again = open();
        expect(await again.liveVersion()).toBe(2);
        expect((await again.version(2))!.files).toEqual(FILES_2);
        expect(await again.draft()).toMatchObject({ files: FILES_3, revision: 1, basedOn: 2 });
      });
    });

    describe('the shared draft', () => {
      it('is written with the revision read; a stale write is refused and changes nothing', async () => {
        const a = open();
        const b = open();
        expect(await a.draft()).toBeUndefined();
        const first = await a.saveDraft({ files: FILES_1, basedOn: 1, updatedBy: 'a@example.org' }, 0);
        expect(first).toEqual({ files: FILES_1, revision: 1, basedOn: 1, updatedBy: 'a@example.org', updatedAt: '2026-11-23T09:00:00.000Z' });

        clock.advance(5000);
        const second = await b.saveDraft({ files: FILES_2, basedOn: 1, updatedBy: 'b@example.org' }, 1);
        expect(second).toMatchObject({ revision: 2, updatedBy: 'b@example.org', updatedAt: '2026-11-23T09:00:05.000Z' });

        await expect(a.saveDraft({ files: FILES_3, basedOn: 1, updatedBy: 'a@example.org' }, 1)).rejects.toEqual(new StaleDraftError(1, 2));
        await expect(a.saveDraft({ files: FILES_3, basedOn: 1, updatedBy: 'a@example.org' }, 0)).rejects.toBeInstanceOf(StaleDraftError);
        expect(await a.draft()).toEqual(second);
      });

      it('of two writes on the same revision, exactly one wins', async () => {
        await open().saveDraft({ files: FILES_1, basedOn: 1, updatedBy: 'x' }, 0);
        const outcomes = await Promise.allSettled([open().saveDraft({ files: FILES_2, basedOn: 1, updatedBy: 'a' }, 1), open().saveDraft({ files: FILES_3, basedOn: 1, updatedBy: 'b' }, 1)]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        expect(await open().draft()).toEqual((won[0] as PromiseFulfilledResult<unknown>).value);
      });

      it('a deleted draft is gone; its revision is never handed out again', async () => {
        const store = open();
        await store.saveDraft({ files: FILES_1, basedOn: 1, updatedBy: 'a' }, 0);
        await expect(store.deleteDraft(2)).rejects.toBeInstanceOf(StaleDraftError);
        await store.deleteDraft(1);
        expect(await store.draft()).toBeUndefined();
        await store.deleteDraft(0); // nothing to delete: fine

        // Someone who still holds revision 1 cannot write over "no draft".
        await expect(store.saveDraft({ files: FILES_2, basedOn: 1, updatedBy: 'late' }, 1)).rejects.toEqual(new StaleDraftError(1, 0));
        const fresh = await open().saveDraft({ files: FILES_3, basedOn: 2, updatedBy: 'b' }, 0);
        expect(fresh.revision).toBeGreaterThan(1);
        expect(await store.draft()).toEqual(fresh);
      });
    });
  });
}
