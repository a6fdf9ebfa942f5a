import { BlobServiceClient } from '@azure/storage-blob';
import { BlobRateBudget } from '../../../src/stores/azure/blobRateBudget';
import { Container } from '../../../src/stores/azure/container';
import { rateBudgetContract } from '../rateBudgetContract';
import { useAzurite } from './azureWorld';

const { azurite, freshName } = useAzurite();
let containerName: string;
rateBudgetContract('Azure Blob Storage', {
  setup: async () => {
    containerName = freshName('budget');
  },
  open: () => new BlobRateBudget(new Container(azurite.connectionString, containerName)),
  teardown: async () => {
    await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName).deleteIfExists();
  },
});
