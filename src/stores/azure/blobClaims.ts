import { randomUUID } from 'node:crypto';
import { LeasedClaims, type LeasedClaimsOptions } from '../leasedClaims';
import { acquireClaim, releaseClaim } from './blobClaim';
import { isNotFound, statusOf } from './blobErrors';
import type { Container } from './container';

const PREFIX = 'claims/';

export interface BlobClaimsOptions extends LeasedClaimsOptions {
  /** Blob lease length, 15-60 s (Azure's bounds): how long a dead instance's claims block the others. Default 60. */
  leaseSeconds?: number;
}

/**
 * Claims as blob leases (`claims/<name>` in the given container), shared by every instance on
 * the storage account. Azure times the lease, so the instances' clocks do not matter.
 */
export function blobClaims(container: Container, options: BlobClaimsOptions = {}): LeasedClaims {
  const leaseId = randomUUID();
  const seconds = Math.min(60, Math.max(15, options.leaseSeconds ?? 60));
  const blob = (name: string) => container.client.getBlockBlobClient(PREFIX + encodeURIComponent(name));
  return new LeasedClaims(
    {
      leaseMs: seconds * 1000,
      tryAcquire: async (name) => {
        await container.ensure();
        return acquireClaim(blob(name), leaseId, seconds);
      },
      renew: async (name) => {
        try {
          await blob(name).getBlobLeaseClient(leaseId).renewLease();
          return true;
        } catch (err) {
          // 409: another lease (ours lapsed and was taken); 404: the blob is gone.
          if (statusOf(err) === 409 || statusOf(err) === 412 || isNotFound(err)) return false;
          throw err;
        }
      },
      release: (name) => releaseClaim(blob(name), leaseId),
    },
    options,
  );
}
