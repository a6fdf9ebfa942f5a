import fs from 'node:fs';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { envSchema } from '../../../src/config/env';
import { BlobNeedsJournal } from '../../../src/stores/azure/blobNeedsJournal';
import { Container } from '../../../src/stores/azure/container';
import { createStores } from '../../../src/stores/createStores';
import { DATABASE_FILE } from '../../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../../src/stores/sqlite/sqliteNeedsJournal';
import { makeTempDir } from '../tempDir';
import { useAzurite } from './azureWorld';

describe('createStores', () => {
  const { azurite, freshName } = useAzurite();
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  test('without AZURE_STORAGE_CONNECTION_STRING: everything in SQLite under DATA_DIR, as before', async () => {
    const env = envSchema.parse({ DATA_DIR: temp.dir });
    const stores = createStores(env);
    expect(stores.kind).toBe('sqlite');
    expect(stores.journal).toBeInstanceOf(SqliteNeedsJournal);
    await stores.ready;
    await stores.journal.save('PBL-2026-00001', 'conv-1', { Nom: 'Asso' });
    await stores.storage.write({ conv: { step: 'name' } });
    await stores.close();

    expect(fs.existsSync(path.join(temp.dir, DATABASE_FILE))).toBe(true);
    const again = createStores(env);
    try {
      expect((await again.journal.get('PBL-2026-00001'))?.record).toEqual({ Nom: 'Asso' });
      expect((await again.storage.read(['conv'])).conv.step).toBe('name');
    } finally {
      await again.close();
    }
  });

  test('with it: every store in Azure Blob Storage, containers created on start, DATA_DIR unused', async () => {
    const prefix = freshName('app');
    const env = envSchema.parse({ DATA_DIR: temp.dir, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER_PREFIX: prefix });
    const stores = createStores(env);
    try {
      expect(stores.kind).toBe('azure');
      await stores.ready;
      const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
      expect(await service.getContainerClient(`${prefix}-state`).exists()).toBe(true);
      expect(await service.getContainerClient(`${prefix}-needs`).exists()).toBe(true);

      const reference = await stores.journal.nextReference('PBL', 2026);
      await stores.journal.save(reference, 'conv-1', { Nom: 'Asso' });
      await stores.storage.write({ conv: { step: 'name' } });
      // Another instance (its own stores, its own DATA_DIR) sees both.
      const other = new BlobNeedsJournal(new Container(azurite.connectionString, `${prefix}-needs`));
      expect((await other.get(reference))?.record).toEqual({ Nom: 'Asso' });
      await other.close();
      const otherDir = makeTempDir();
      const otherStores = createStores({ ...env, DATA_DIR: otherDir.dir });
      try {
        expect((await otherStores.storage.read(['conv'])).conv.step).toBe('name');
        expect(await otherStores.journal.nextReference('PBL', 2026)).toBe('PBL-2026-00002');
      } finally {
        await otherStores.close();
        otherDir.cleanup();
      }
      expect(await service.getContainerClient(`${prefix}-status`).exists()).toBe(true);
      // DATA_DIR is not used at all.
      expect(fs.readdirSync(temp.dir)).toEqual([]);
    } finally {
      await stores.close();
    }
  });

  test('a bad container prefix or connection string stops the start with why', () => {
    expect(() => envSchema.parse({ AZURE_STORAGE_CONTAINER_PREFIX: 'Bad_Prefix' })).toThrow(/lowercase/);
    const env = envSchema.parse({ DATA_DIR: temp.dir, AZURE_STORAGE_CONNECTION_STRING: 'not a connection string' });
    expect(() => createStores(env)).toThrow();
  });
});
