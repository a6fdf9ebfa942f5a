import { BlobServiceClient } from '@azure/storage-blob';
import { blobClaims } from '../../../src/stores/azure/blobClaims';
import { Container } from '../../../src/stores/azure/container';
import type { LeasedClaims } from '../../../src/stores/leasedClaims';
import { claimsContract } from '../claimsContract';
import { useAzurite } from './azureWorld';

/** Claims as blob leases, against Azurite: each `open` is another instance. */
const { azurite, freshName } = useAzurite();
let containerName: string;
let opened: LeasedClaims[] = [];

const open = (options: { renew?: boolean; leaseSeconds?: number } = {}) => {
  const claims = blobClaims(new Container(azurite.connectionString, containerName), {
    leaseSeconds: options.leaseSeconds ?? 60,
    renewEveryMs: options.renew === false ? 0 : undefined,
  });
  opened.push(claims);
  return claims;
};
const container = () => BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName);
const setup = async () => {
  containerName = freshName('claims');
};
const teardown = async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
  await container().deleteIfExists();
};

claimsContract('Azure Blob Storage', {
  setup,
  open,
  // What a lease running out looks like to everyone else: Azure breaks it.
  lapse: async (name) => {
    await container().getBlockBlobClient(`claims/${encodeURIComponent(name)}`).getBlobLeaseClient().breakLease(0);
  },
  teardown,
});

describe('Azure claims in real time (15 s leases)', () => {
  beforeEach(setup);
  afterEach(teardown);

  test('a renewed claim outlives its lease; the claim of an instance that stopped renewing lapses for the others', async () => {
    const live = open({ leaseSeconds: 15 });
    const stopped = open({ leaseSeconds: 15, renew: false });
    const other = open({ leaseSeconds: 15 });
    const kept = await live.acquire('need:live');
    expect(await stopped.acquire('need:stopped')).toBeDefined();
    const since = Date.now();
    // Wait for Azure to let the stopped instance's lease go (15 s): by then the live one is past its first lease too.
    let taken;
    while (!(taken = await other.acquire('need:stopped'))) {
      expect(await other.acquire('need:live')).toBeUndefined();
      if (Date.now() - since > 45_000) throw new Error('the lease of the stopped instance never lapsed');
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(Date.now() - since).toBeGreaterThanOrEqual(14_000);
    expect(await other.acquire('need:live')).toBeUndefined();
    expect(kept!.signal.aborted).toBe(false);
    await taken.release();
  }, 60_000);
});
