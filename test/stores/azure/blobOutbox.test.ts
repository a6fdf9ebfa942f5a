import { BlobServiceClient } from '@azure/storage-blob';
import { blobClaims } from '../../../src/stores/azure/blobClaims';
import { BlobTaskRecords } from '../../../src/stores/azure/blobTaskRecords';
import { Container } from '../../../src/stores/azure/container';
import { ClaimingOutbox } from '../../../src/stores/claimingOutbox';
import type { LeasedClaims } from '../../../src/stores/leasedClaims';
import { outboxContract } from '../outboxContract';
import { useAzurite } from './azureWorld';

/** The outbox in Azure Blob Storage, against Azurite: each `open` is another instance. */
const { azurite, freshName } = useAzurite();
let containerName: string;
const claims: LeasedClaims[] = [];
let now = 0;
const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
const container = () => BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName);

outboxContract(
  'Azure Blob Storage',
  {
    setup: async () => {
      containerName = freshName('outbox');
      now = Date.UTC(2026, 2, 1, 10);
    },
    open: () => {
      const shared = new Container(azurite.connectionString, containerName);
      const c = blobClaims(shared);
      claims.push(c);
      return new ClaimingOutbox(new BlobTaskRecords(shared), c, clock.now);
    },
    lapse: async (name) => {
      await container().getBlockBlobClient(`claims/${encodeURIComponent(name)}`).getBlobLeaseClient().breakLease(0);
    },
    teardown: async () => {
      await Promise.all(claims.splice(0).map((c) => c.close()));
      await container().deleteIfExists();
    },
  },
  clock,
);
