import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { BlobInsightsStore } from '../../../src/stores/azure/blobInsightsStore';
import { listDeltas } from '../../../src/stores/azure/blobInsightsLayout';
import { Container } from '../../../src/stores/azure/container';
import { useAzurite } from './azureWorld';

const run = promisify(execFile);

/**
 * Two real processes record insights into one Azure Storage container (Azurite on loopback) at
 * the same time, each flushing every 10 ms and compacting every 50 ms: not one increment lost,
 * none counted twice.
 */
describe('insights counters from two processes on one Azure Storage', () => {
  const { azurite, freshName } = useAzurite();

  test('every journey of both processes is counted exactly once', async () => {
    const name = freshName('insights');
    const journeys = 40;
    const child = path.join(__dirname, 'insightsChild.js');
    const outputs = await Promise.all([0, 1].map(() => run(process.execPath, [child, azurite.connectionString, name, String(journeys)])));
    const writers = outputs.map((o) => /done (\S+)/.exec(o.stdout)![1]);

    const store = new BlobInsightsStore(new Container(azurite.connectionString, name));
    await store.compact();
    const { cells, versions } = await store.read();
    const sum = (node: string, metric: string) => cells.filter((c) => c.node === node && c.metric === metric).reduce((s, c) => s + c.n, 0);
    const all = 2 * journeys;
    expect(sum('', 'started')).toBe(all);
    expect([sum('consent', 'reached'), sum('consent', 'answered'), sum('consent', 'frontier')]).toEqual([all, all, 0]);
    expect([sum('name', 'reached'), sum('name', 'answered'), sum('name', 'frontier')]).toEqual([all, all / 2, all / 2]);
    expect([sum('legal_form', 'reached'), sum('legal_form', 'frontier')]).toEqual([all / 2, all / 2]);
    expect(cells.every((c) => c.n > 0)).toBe(true);
    expect(versions.map((v) => v.version)).toEqual([1]);
    // Merged: only each writer's last delta is left, as the mark of what it stored.
    const marks = await listDeltas(new Container(azurite.connectionString, name).client);
    expect(marks.map((d) => d.writer).sort()).toEqual([...writers].sort());
    // Each process wrote at least one batch per three turns of its 100.
    for (const mark of marks) expect(mark.seq).toBeGreaterThanOrEqual(33);
  }, 180_000);
});
