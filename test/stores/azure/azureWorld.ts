import { BlobServiceClient } from '@azure/storage-blob';
import { BlobNeedsJournal, type BlobNeedsJournalOptions } from '../../../src/stores/azure/blobNeedsJournal';
import { Container } from '../../../src/stores/azure/container';
import { Azurite } from '../../support/azurite';

/**
 * One Azurite per test file (started in beforeAll, stopped in afterAll), and fresh container
 * names per test so that tests never see each other's blobs.
 */
export function useAzurite(): { azurite: Azurite; freshName: (what: string) => string } {
  const azurite = new Azurite();
  let n = 0;
  beforeAll(() => azurite.start(), 60_000);
  afterAll(() => azurite.stop());
  return { azurite, freshName: (what) => `t${process.pid}-${++n}-${what}` };
}

/** Journals opened on one container; each is what one bot instance would hold. */
export class JournalInstances {
  private readonly opened: BlobNeedsJournal[] = [];
  constructor(
    private readonly connectionString: () => string,
    readonly containerName: string,
  ) {}

  open(options: BlobNeedsJournalOptions = {}): BlobNeedsJournal {
    const journal = new BlobNeedsJournal(new Container(this.connectionString(), this.containerName), options);
    this.opened.push(journal);
    return journal;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((j) => j.close()));
  }

  async drop(): Promise<void> {
    await BlobServiceClient.fromConnectionString(this.connectionString()).getContainerClient(this.containerName).deleteIfExists();
  }
}
