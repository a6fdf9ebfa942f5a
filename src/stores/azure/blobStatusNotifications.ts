import { randomUUID } from 'node:crypto';
import type { NotificationRecord, StatusNotifications } from '../conversationReferences';
import { acquireClaim, releaseClaim } from './blobClaim';
import { isConflict } from './blobErrors';
import { downloadText, uploadText } from './blobText';
import type { Container } from './container';

const TOLD = 'notifications/';
const CLAIMS = 'notification-claims/';
/** Longer than a send may take (the watcher gives up on a send after 30 s by default). */
const CLAIM_SECONDS = 60;

/**
 * StatusNotifications in Azure Blob Storage, shared by every instance: one JSON blob per told
 * (reference, status) pair, written with If-None-Match: * so that the first record wins; and
 * a claim per pair (the lease of an empty blob) so that two instances polling the same base do
 * not both tell the same change.
 */
export class BlobStatusNotifications implements StatusNotifications {
  private readonly leaseId = randomUUID();

  constructor(private readonly container: Container) {}

  async wasNotified(reference: string, status: string): Promise<boolean> {
    await this.container.ensure();
    return this.container.client.getBlobClient(this.name(TOLD, reference, status)).exists();
  }

  async markNotified(reference: string, status: string, at: Date, outcome?: { skipped: string }): Promise<void> {
    const record: NotificationRecord = { reference, status, outcome: outcome ? 'skipped' : 'sent', at: at.toISOString() };
    if (outcome) record.reason = outcome.skipped;
    await this.container.ensure();
    try {
      await uploadText(this.container.client.getBlockBlobClient(this.name(TOLD, reference, status)), JSON.stringify(record), {
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
        conditions: { ifNoneMatch: '*' },
      });
    } catch (err) {
      if (!isConflict(err)) throw err; // marked already: the first record stays
    }
  }

  async get(reference: string, status: string): Promise<NotificationRecord | undefined> {
    await this.container.ensure();
    const stored = await downloadText(this.container.client.getBlobClient(this.name(TOLD, reference, status)));
    return stored && (JSON.parse(stored.text) as NotificationRecord);
  }

  async claim(reference: string, status: string): Promise<(() => Promise<void>) | undefined> {
    await this.container.ensure();
    const blob = this.container.client.getBlockBlobClient(this.name(CLAIMS, reference, status));
    if (!(await acquireClaim(blob, this.leaseId, CLAIM_SECONDS))) return undefined;
    return () => releaseClaim(blob, this.leaseId);
  }

  private name(prefix: string, reference: string, status: string): string {
    return `${prefix}${encodeURIComponent(reference)}/${encodeURIComponent(status)}`;
  }
}
