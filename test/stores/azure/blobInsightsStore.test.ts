import { BlobServiceClient } from '@azure/storage-blob';
import type { TurnFacts } from '../../../src/insights/advance';
import { InsightsRecorder } from '../../../src/insights/recorder';
import { compactInsights } from '../../../src/stores/azure/blobInsightsCompaction';
import { BlobInsightsStore } from '../../../src/stores/azure/blobInsightsStore';
import { DELTAS, listDeltas, SNAPSHOTS } from '../../../src/stores/azure/blobInsightsLayout';
import { Container } from '../../../src/stores/azure/container';
import type { InsightsCell } from '../../../src/stores/insightsStore';
import { sharedFlow } from '../../support/channelHarness';
import { insightsStoreContract } from '../insightsStoreContract';
import { useAzurite } from './azureWorld';

/** BlobInsightsStore against Azurite (the Azure Blob Storage emulator) on loopback. */
const { azurite, freshName } = useAzurite();
let containerName = '';
const container = () => new Container(azurite.connectionString, containerName);
const drop = () => BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName).deleteIfExists();

// Compaction after every write: every read and write of the contract races with merges.
insightsStoreContract('BlobInsightsStore', {
  setup: async () => {
    containerName = freshName('insights');
  },
  open: () => new BlobInsightsStore(container(), { compactEveryMs: 0 }),
  teardown: async () => {
    await drop();
  },
});

const cell = (over: Partial<InsightsCell>): InsightsCell => ({ version: 1, day: '2026-11-23', channel: 'Teams', lang: 'fr', node: 'name', metric: 'reached', detail: '', n: 1, ...over });
const blobNames = async (prefix: string) => {
  const names: string[] = [];
  for await (const b of container().client.listBlobsFlat({ prefix })) names.push(b.name);
  return names.sort();
};

describe('BlobInsightsStore: compaction', () => {
  beforeEach(() => {
    containerName = freshName('insights');
  });
  afterEach(() => drop());

  test('merges the deltas into monthly snapshots, keeps each writer’s last delta as its mark, and reads the same before and after', async () => {
    const store = new BlobInsightsStore(container(), { compactEveryMs: 3_600_000 });
    // The first write compacts (nothing to merge yet); the next ones wait for the hour.
    for (let seq = 1; seq <= 4; seq++) await store.add({ writer: 'wa', seq, versions: [], cells: [cell({}), cell({ day: seq % 2 ? '2026-11-30' : '2026-12-01', node: 'consent' })] });
    await store.add({ writer: 'wb', seq: 1, versions: [], cells: [cell({ n: 10 })] });
    const before = await store.read();
    expect((await blobNames(DELTAS)).length).toBe(5);

    await store.compact();
    expect(await blobNames(SNAPSHOTS)).toEqual(['snapshots/2026-11', 'snapshots/2026-12']);
    expect(await blobNames(DELTAS)).toEqual(['deltas/wa/0000000004', 'deltas/wb/0000000001']);
    const after = await store.read();
    const sums = (r: typeof before) => Object.fromEntries(r.cells.map((c) => [`${c.day} ${c.node}`, c.n]));
    expect(sums(after)).toEqual(sums(before));
    expect(sums(after)).toEqual({ '2026-11-23 name': 14, '2026-11-30 consent': 2, '2026-12-01 consent': 2 });
    expect(await store.committedThrough('wa')).toBe(4);

    // A write retried after a compaction merged and deleted it (its answer was lost) is not counted twice.
    await store.add({ writer: 'wa', seq: 2, versions: [], cells: [cell({}), cell({ day: '2026-12-01', node: 'consent' })] });
    expect(sums(await store.read())).toEqual(sums(before));
    await store.compact();
    expect(sums(await store.read())).toEqual(sums(before));
    expect(await blobNames(DELTAS)).toEqual(['deltas/wa/0000000004', 'deltas/wb/0000000001']);
  });

  test('two instances compacting while two write: every increment counted once', async () => {
    const stores = [0, 1].map(() => new BlobInsightsStore(container(), { compactEveryMs: 0 }));
    await Promise.all(
      stores.map(async (store, i) => {
        for (let seq = 1; seq <= 12; seq++) {
          await store.add({ writer: `w${i}`, seq, versions: [], cells: [cell({}), cell({ node: 'consent', day: seq % 3 ? '2026-11-30' : '2026-12-01', n: 3 })] });
          if (seq % 4 === 0) await stores[1 - i].compact();
        }
      }),
    );
    await stores[0].compact();
    const cells = (await stores[1].read()).cells;
    expect(cells.filter((c) => c.node === 'name').reduce((s, c) => s + c.n, 0)).toBe(24);
    expect(cells.filter((c) => c.node === 'consent').reduce((s, c) => s + c.n, 0)).toBe(72);
    expect((await listDeltas(container().client)).map((d) => `${d.writer}/${d.seq}`).sort()).toEqual(['w0/12', 'w1/12']);
  });

  test('four instances writing and compacting at once: nothing lost, nothing twice', async () => {
    const stores = [0, 1, 2, 3].map(() => new BlobInsightsStore(container(), { compactEveryMs: 0 }));
    await Promise.all(
      stores.map(async (store, i) => {
        for (let seq = 1; seq <= 8; seq++) await store.add({ writer: `w${i}`, seq, versions: [], cells: [cell({ n: i + 1 })] });
      }),
    );
    await stores[0].compact();
    expect((await stores[1].read()).cells).toEqual([cell({ n: 8 * (1 + 2 + 3 + 4) })]);
  });

  test('a compaction that read a snapshot another one has since rewritten (with deltas it never listed) starts again from the new one', async () => {
    // A clock that never moves: no compaction but the ones the test asks for.
    const store = new BlobInsightsStore(container(), { compactEveryMs: 3_600_000, now: () => new Date(0) });
    await store.add({ writer: 'wa', seq: 1, versions: [], cells: [cell({})] });
    let raced = false;
    await compactInsights(container().client, new Date(), {
      beforeWrite: async () => {
        if (raced) return;
        raced = true;
        // Meanwhile: two new deltas of another writer, merged by another instance, which deletes the first.
        await store.add({ writer: 'wb', seq: 1, versions: [], cells: [cell({ n: 10 })] });
        await store.add({ writer: 'wb', seq: 2, versions: [], cells: [cell({ n: 100 })] });
        await store.compact();
        expect(await blobNames(DELTAS)).toEqual(['deltas/wa/0000000001', 'deltas/wb/0000000002']);
      },
    });
    expect(raced).toBe(true);
    expect((await store.read()).cells).toEqual([cell({ n: 111 })]);
  });
});

describe('recorders on two instances sharing the store', () => {
  const flow = sharedFlow();
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute));
  const facts = (over: Partial<TurnFacts>): TurnFacts => ({ flow, version: 1, channel: 'Teams', lang: 'fr', now: at(0), phase: 'asking', answers: {}, events: [], ...over });
  beforeEach(() => {
    containerName = freshName('insights');
  });
  afterEach(() => drop());

  const recorder = (hopWaitMs: number) => new InsightsRecorder(new BlobInsightsStore(container(), { compactEveryMs: 0 }), { timeZone: 'Europe/Paris', flushIntervalMs: 3_600_000, hopWaitMs });

  test('a turn on the other instance waits for the first one to store the previous change, then counts on it', async () => {
    const [a, b] = [recorder(60_000), recorder(60_000)];
    const t1 = await a.prepare(undefined, facts({}));
    t1.commit();
    const onB = b.prepare(t1.track, facts({ now: at(1), answers: { consent: { v: true } } }));
    await a.flush();
    const t2 = await onB;
    t2.commit();
    await b.close();
    await a.close();
    expect(t2.track).toMatchObject({ status: 'open' });
    const { cells } = await new BlobInsightsStore(container()).read();
    expect(Object.fromEntries(cells.map((c) => [`${c.node}.${c.metric}`, c.n]))).toEqual({ '.started': 1, 'consent.reached': 1, 'consent.answered': 1, 'name.reached': 1, 'name.frontier': 1 });
  });

  test('when the first instance never stores it, the journey stops being counted; what comes later stays a valid count', async () => {
    const [a, b] = [recorder(0), recorder(200)];
    const t1 = await a.prepare(undefined, facts({}));
    t1.commit();
    const t2 = await b.prepare(t1.track, facts({ now: at(1), answers: { consent: { v: true } } }));
    t2.commit();
    expect(t2.track).toMatchObject({ status: 'lost' });
    await b.close();
    // The first instance was only slow: its change arrives afterwards, and is a journey stopped at the consent.
    await a.close();
    const { cells } = await new BlobInsightsStore(container()).read();
    expect(Object.fromEntries(cells.map((c) => [`${c.node}.${c.metric}`, c.n]))).toEqual({ '.started': 1, 'consent.reached': 1, 'consent.frontier': 1 });
  });
});
