import { BlobServiceClient } from '@azure/storage-blob';
import { BlobJourneyStore } from '../../../src/stores/azure/blobJourneyStore';
import { Container } from '../../../src/stores/azure/container';
import { envSchema } from '../../../src/config/env';
import { createStores } from '../../../src/stores/createStores';
import { journeyStoreContract } from '../journeyStoreContract';
import { makeTempDir } from '../tempDir';
import { useAzurite } from './azureWorld';

/** BlobJourneyStore against Azurite (the Azure Blob Storage emulator) on loopback. */
const { azurite, freshName } = useAzurite();
let containerName: string;
const service = () => BlobServiceClient.fromConnectionString(azurite.connectionString);

journeyStoreContract('BlobJourneyStore', {
  setup: async () => {
    containerName = freshName('journey');
  },
  open: (now) => new BlobJourneyStore(new Container(azurite.connectionString, containerName), now),
  closeAll: async () => undefined,
  teardown: async () => {
    await service().getContainerClient(containerName).deleteIfExists();
  },
});

describe('BlobJourneyStore: storage layout', () => {
  beforeEach(() => {
    containerName = freshName('journey');
  });
  afterEach(async () => {
    await service().getContainerClient(containerName).deleteIfExists();
  });

  const blobNames = async () => {
    const names: string[] = [];
    for await (const b of service().getContainerClient(containerName).listBlobsFlat()) names.push(b.name);
    return names.sort();
  };

  test('a refused publish leaves no files blob behind', async () => {
    const store = new BlobJourneyStore(new Container(azurite.connectionString, containerName));
    await store.seed({ 'dialogs/flow.yaml': '# 1\n' }, 'repository', 'seed');
    await store.publish({ files: { 'dialogs/flow.yaml': '# 2\n' }, author: 'a', comment: '' });
    const before = await blobNames();
    await expect(store.publish({ files: { 'dialogs/flow.yaml': '# 3\n' }, author: 'b', comment: '' }, 1)).rejects.toThrow(/live version changed/);
    expect(await blobNames()).toEqual(before);
    expect(before.filter((n) => n.startsWith('files/'))).toHaveLength(2);
  });

  test('createStores gives the journey store its own container', async () => {
    const temp = makeTempDir();
    const prefix = freshName('app');
    const stores = createStores(envSchema.parse({ DATA_DIR: temp.dir, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER_PREFIX: prefix }));
    try {
      await stores.journey.seed({ 'dialogs/flow.yaml': '# 1\n' }, 'repository', 'seed');
      expect(await service().getContainerClient(`${prefix}-journey`).exists()).toBe(true);
      const other = new BlobJourneyStore(new Container(azurite.connectionString, `${prefix}-journey`));
      expect(await other.liveVersion()).toBe(1);
    } finally {
      await stores.close();
      temp.cleanup();
      for (const suffix of ['state', 'needs', 'status', 'journey']) await service().getContainerClient(`${prefix}-${suffix}`).deleteIfExists();
    }
  });
});
