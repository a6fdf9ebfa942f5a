import type { BlockBlobClient } from '@azure/storage-blob';
import { isConflict, isNotFound, statusOf } from './blobErrors';

/**
 * Takes the lease of an empty "claim" blob (created if missing) for `seconds` (15-60): true
 * when `leaseId` now holds it (also when it already did), false when another lease id does.
 * Leases live on claim blobs, never on the data blobs: a leased blob refuses writes without
 * the lease id, and the data must stay writable by everyone.
 */
export async function acquireClaim(blob: BlockBlobClient, leaseId: string, seconds: number): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await blob.getBlobLeaseClient(leaseId).acquireLease(seconds);
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false; // leased by someone else
      if (!isNotFound(err)) throw err;
    }
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (err) {
      if (!isConflict(err)) throw err; // created by another instance meanwhile: fine
    }
  }
  return false;
}

/** Gives the lease back; one lost or expired already is not an error (it lapsed by itself). */
export async function releaseClaim(blob: BlockBlobClient, leaseId: string): Promise<void> {
  try {
    await blob.getBlobLeaseClient(leaseId).releaseLease();
  } catch (err) {
    if (statusOf(err) !== 409 && !isNotFound(err)) throw err;
  }
}
