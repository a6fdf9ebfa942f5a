import { blobClaims } from '../../../src/stores/azure/blobClaims';
import { BlobRateBudget } from '../../../src/stores/azure/blobRateBudget';
import { Container } from '../../../src/stores/azure/container';
import type { LeasedClaims } from '../../../src/stores/leasedClaims';
import { drainWithTwoInstances } from '../../airtable/sharedBudget';
import { JournalInstances, useAzurite } from './azureWorld';

/** Two instances on one Azure Storage (Azurite) share 5 requests a second through an eTag-checked blob. */
const { azurite, freshName } = useAzurite();

test('two instances on one Azure Storage drain a backlog within 5 requests a second between them', async () => {
  const instances = new JournalInstances(() => azurite.connectionString, freshName('budget'));
  const claims: LeasedClaims[] = [];
  try {
    await drainWithTwoInstances(() => {
      const container = new Container(azurite.connectionString, instances.containerName);
      const c = blobClaims(container);
      claims.push(c);
      return { journal: instances.open(), claims: c, budget: new BlobRateBudget(container) };
    });
  } finally {
    await Promise.all(claims.map((c) => c.close()));
    await instances.closeAll();
    await instances.drop();
  }
}, 90_000);
