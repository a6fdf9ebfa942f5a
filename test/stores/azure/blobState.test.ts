import { BlobServiceClient } from '@azure/storage-blob';
import { BlobState } from '../../../src/stores/azure/blobState';
import { Container } from '../../../src/stores/azure/container';
import { isETagConflict } from '../../../src/stores/etag';
import { useAzurite } from './azureWorld';

/** Bot state on Azure Blob Storage (botbuilder-azure-blobs), against Azurite: botbuilder's Storage eTag semantics. */
describe('BlobState', () => {
  const { azurite, freshName } = useAzurite();
  let containerName: string;
  const open = () => new BlobState(azurite.connectionString, new Container(azurite.connectionString, containerName));
  const service = () => BlobServiceClient.fromConnectionString(azurite.connectionString);

  beforeEach(() => {
    containerName = freshName('state');
  });
  afterEach(async () => {
    await service().getContainerClient(containerName).deleteIfExists();
  });

  test('creates its container on first use, then round-trips items with a fresh eTag per write', async () => {
    const storage = open();
    expect(await storage.read(['conv'])).toEqual({});
    expect(await service().getContainerClient(containerName).exists()).toBe(true);

    await storage.write({ conv: { step: 'legal_form', answers: { name: 'Épicerie « Les Zèbres » 🦓' } } });
    const first = (await storage.read(['conv'])).conv;
    expect(first).toMatchObject({ step: 'legal_form', answers: { name: 'Épicerie « Les Zèbres » 🦓' } });
    expect(typeof first.eTag).toBe('string');

    await storage.write({ conv: { ...first, step: 'rna' } });
    const second = (await open().read(['conv'])).conv;
    expect(second.step).toBe('rna');
    expect(second.eTag).not.toBe(first.eTag);
  });

  test('a write with a stale eTag is rejected and changes nothing', async () => {
    const storage = open();
    await storage.write({ conv: { step: 'a' } });
    const read = (await storage.read(['conv'])).conv;
    await storage.write({ conv: { ...read, step: 'b' } });

    const stale = storage.write({ conv: { ...read, step: 'c' } });
    await expect(stale).rejects.toThrow(/eTag conflict/);
    // The bot's retry (src/stores/etag.ts) recognises it.
    expect(isETagConflict(await stale.catch((err: unknown) => err))).toBe(true);
    expect((await storage.read(['conv'])).conv.step).toBe('b');
  });

  test("an eTag of '*', or none, overwrites", async () => {
    const storage = open();
    await storage.write({ conv: { step: 'a' } });
    await storage.write({ conv: { step: 'b', eTag: '*' } });
    expect((await storage.read(['conv'])).conv.step).toBe('b');
    await storage.write({ conv: { step: 'c' } });
    expect((await storage.read(['conv'])).conv.step).toBe('c');
  });

  test('two turns of one conversation on two instances, each writing with the eTag it read: the second is a conflict, not a lost update', async () => {
    const a = open();
    const b = open();
    await a.write({ conv: { answers: ['bonjour'] } });
    const seenA = (await a.read(['conv'])).conv;
    const seenB = (await b.read(['conv'])).conv;
    await a.write({ conv: { ...seenA, answers: [...seenA.answers, 'oui'] } });
    await expect(b.write({ conv: { ...seenB, answers: [...seenB.answers, 'non'] } })).rejects.toThrow(/eTag conflict/);

    // Re-read and write again, as a retrying turn does: both answers are kept.
    const fresh = (await b.read(['conv'])).conv;
    await b.write({ conv: { ...fresh, answers: [...fresh.answers, 'non'] } });
    expect((await a.read(['conv'])).conv.answers).toEqual(['bonjour', 'oui', 'non']);
  });

  test('delete removes items; deleting a missing one is fine', async () => {
    const storage = open();
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'missing']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  test('deleteOlderThan removes only items not written since the cutoff', async () => {
    const storage = open();
    await storage.write({ old: { v: 1 } });
    // Blob listings give whole seconds: leave more than a second on each side of the cutoff.
    await new Promise((r) => setTimeout(r, 2100));
    const cutoff = new Date();
    await storage.write({ fresh: { v: 2 } });
    expect(await storage.deleteOlderThan(cutoff)).toBe(1);
    expect(Object.keys(await storage.read(['old', 'fresh']))).toEqual(['fresh']);
  });
});
