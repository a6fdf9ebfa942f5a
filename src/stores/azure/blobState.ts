import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { statusOf } from './blobErrors';
import type { Container } from './container';

/**
 * Bot state (ConversationState) in Azure Blob Storage: botbuilder-azure-blobs' `BlobsStorage`,
 * one JSON blob per key. It honours eTags as botbuilder's `Storage` says (checked against
 * Azurite in test/stores/azure/blobState.test.ts): a write with a stale eTag fails with an
 * "eTag conflict" error, '*' or no eTag overwrites; one stricter case: an eTag given for a key
 * not stored (any more) is a conflict too.
 *
 * Wrapped for one reason: `BlobsStorage` creates its container on first use and keeps a
 * failed creation forever (every later turn would fail until a restart); here a failure is
 * retried at the next call.
 */
export class BlobState implements Storage {
  private inner?: Promise<BlobsStorage>;

  constructor(
    private readonly connectionString: string,
    private readonly container: Container,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    return (await this.storage()).read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    return (await this.storage()).write(changes);
  }

  async delete(keys: string[]): Promise<void> {
    return (await this.storage()).delete(keys);
  }

  /** Removes items not written since `cutoff`; returns how many. For retention purges. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    await this.container.ensure();
    let deleted = 0;
    for await (const item of this.container.client.listBlobsFlat()) {
      // Listings give whole seconds: keep anything that may have been written at or after the cutoff.
      if (item.properties.lastModified.getTime() + 1000 > cutoff.getTime()) continue;
      // Conditional: an item written since the listing is kept.
      const etag = item.properties.etag;
      try {
        const { succeeded } = await this.container.client
          .getBlobClient(item.name)
          .deleteIfExists({ conditions: { ifMatch: etag.startsWith('"') ? etag : `"${etag}"` } });
        if (succeeded) deleted++;
      } catch (err) {
        if (statusOf(err) !== 412) throw err;
      }
    }
    return deleted;
  }

  /** Ready to use: the container exists, and BlobsStorage's own one-time creation check has passed. */
  ready(): Promise<void> {
    return this.storage().then(() => undefined);
  }

  private storage(): Promise<BlobsStorage> {
    this.inner ??= (async () => {
      await this.container.ensure();
      const storage = new BlobsStorage(this.connectionString, this.container.name);
      await storage.read([]);
      return storage;
    })().catch((err: unknown) => {
      this.inner = undefined;
      throw err;
    });
    return this.inner;
  }
}
