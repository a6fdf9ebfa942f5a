import { BlobServiceClient } from '@azure/storage-blob';
import { BlobPartnerKeys } from '../../src/stores/azure/blobPartnerKeys';
import { Container } from '../../src/stores/azure/container';
import { useAzurite } from '../stores/azure/azureWorld';
import { partnerKeysContract } from './partnerKeysContract';

/** The partner keys in Azure Blob Storage, against Azurite: each `open` is another instance. */
const { azurite, freshName } = useAzurite();
let containerName: string;

partnerKeysContract('Azure Blob Storage', {
  setup: async () => {
    containerName = freshName('partner-keys');
  },
  open: () => new BlobPartnerKeys(new Container(azurite.connectionString, containerName)),
  teardown: async () => {
    await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName).deleteIfExists();
  },
});
