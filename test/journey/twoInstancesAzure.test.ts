import { BlobServiceClient } from '@azure/storage-blob';
import { JourneyDrafts } from '../../src/journey/draft';
import { seedJourney } from '../../src/journey/publishing';
import { JourneyRegistry } from '../../src/journey/registry';
import { BlobJourneyStore } from '../../src/stores/azure/blobJourneyStore';
import { Container } from '../../src/stores/azure/container';
import { StaleDraftError } from '../../src/stores/journeyStore';
import { useAzurite } from '../stores/azure/azureWorld';
import { manualClock } from '../stores/tempDir';
import { repositoryFiles } from './journeyWorld';

/**
 * Two instances (each its own store object, hence its own cache) on one Azure Storage
 * container (Azurite on loopback): a publish in the studio of one is served by the other
 * within its refresh delay, and their draft writes never overwrite each other.
 */
const { azurite, freshName } = useAzurite();
let containerName: string;
const instance = (now: () => Date) => {
  const store = new BlobJourneyStore(new Container(azurite.connectionString, containerName), now);
  const registry = new JourneyRegistry({ store, now, refreshMs: 5_000 });
  return { store, registry, drafts: new JourneyDrafts(store, registry) };
};

beforeEach(() => {
  containerName = freshName('journey');
});
afterEach(async () => {
  await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName).deleteIfExists();
});

test('a publish on one instance is served by the other within the refresh delay', async () => {
  const clock = manualClock('2026-11-23T09:00:00.000Z');
  const a = instance(clock.now);
  const b = instance(clock.now);
  const files = repositoryFiles();
  const [seededA, seededB] = await Promise.all([seedJourney(a.store, files), seedJourney(b.store, files)]);
  expect([seededA, seededB]).toEqual([1, 1]);
  expect(await b.registry.liveVersion()).toBe(1);

  const draft = await a.drafts.edit([{ op: 'set', file: 'dialogs/calendar.yaml', path: ['booster', 'next_cohort_start'], value: '2027-04-01' }], 0, 'camille@example.org');
  const published = await a.drafts.publish(draft.revision, 'camille@example.org', 'Promotion décalée');
  expect(published).toMatchObject({ ok: true, version: { number: 2 } });
  expect(await a.registry.liveVersion()).toBe(2);

  expect(await b.registry.liveVersion()).toBe(1);
  clock.advance(5_000);
  const { version, flow } = await b.registry.current();
  expect(version).toBe(2);
  expect(flow.calendar.booster.next_cohort_start).toBe('2027-04-01');
  expect((await b.store.versions()).map((v) => [v.number, v.author])).toEqual([
    [1, 'repository'],
    [2, 'camille@example.org'],
  ]);
});

test('two instances editing the draft at once: one write wins, the other is told to reload', async () => {
  const clock = manualClock();
  const a = instance(clock.now);
  const b = instance(clock.now);
  await seedJourney(a.store, repositoryFiles());
  const edit = (value: string) => [{ op: 'set' as const, file: 'dialogs/calendar.yaml', path: ['booster', 'next_cohort_start'], value }];
  const outcomes = await Promise.allSettled([a.drafts.edit(edit('2027-04-01'), 0, 'a'), b.drafts.edit(edit('2027-05-01'), 0, 'b')]);
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(StaleDraftError);
  const winner = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ files: Record<string, string> }>).value;
  expect((await b.drafts.view()).files['dialogs/calendar.yaml']).toBe(winner.files['dialogs/calendar.yaml']);
});
