import { blobClaims } from './blobClaims';
import { BlobConversationReferences } from './blobConversationReferences';
import { BlobJourneyStore } from './blobJourneyStore';
import { BlobInsightsStore } from './blobInsightsStore';
import { BlobNeedsJournal } from './blobNeedsJournal';
import { BlobPartnerKeys } from './blobPartnerKeys';
import { BlobRateBudget } from './blobRateBudget';
import { BlobState } from './blobState';
import { BlobStatusNotifications } from './blobStatusNotifications';
import { BlobTaskRecords } from './blobTaskRecords';
import { BlobWatermarks } from './blobWatermarks';
import { Container, containerNames } from './container';
import { ClaimingOutbox } from '../claimingOutbox';
import type { Stores, StoreOptions } from '../createStores';

/** Every store in Azure Blob Storage (see createStores), loaded only when it is configured. */
export function createAzureStores(connectionString: string, prefix: string, options: StoreOptions): Stores {
  const names = containerNames(prefix);
  const container = (name: string) => new Container(connectionString, name);
  const storage = new BlobState(connectionString, container(names.state));
  const needs = container(names.needs);
  const status = container(names.status);
  const journal = new BlobNeedsJournal(needs);
  const claims = blobClaims(needs);
  // Containers are created now if missing; a failure here is retried at first use.
  const ready = Promise.all([storage.ready(), needs.ensure(), status.ensure()]).then(() => undefined);
  ready.then(
    () => options.log?.info({ containers: Object.values(names) }, 'Azure Storage ready: bot state, needs journal and review loop'),
    (err: unknown) => options.log?.error({ err }, 'Azure Storage not reachable yet; retried at first use'),
  );
  return {
    kind: 'azure',
    storage,
    journal,
    references: new BlobConversationReferences(status),
    notifications: new BlobStatusNotifications(status),
    watermarks: new BlobWatermarks(status),
    // Created at first use; the prefix was checked by containerNames above.
    journey: new BlobJourneyStore(container(`${prefix}-journey`)),
    claims,
    outbox: new ClaimingOutbox(new BlobTaskRecords(needs), claims),
    rateBudget: new BlobRateBudget(needs),
    insights: new BlobInsightsStore(container(names.insights), { log: options.log }),
    partnerKeys: new BlobPartnerKeys(needs),
    ready,
    close: async () => {
      await claims.close();
      await journal.close();
    },
  };
}
