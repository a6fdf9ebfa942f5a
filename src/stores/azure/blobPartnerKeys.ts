import type { PartnerKeyRecord, PartnerKeys } from '../partnerKeys';
import { isConflict, retryOnConflict } from './blobErrors';
import { downloadText, uploadText } from './blobText';
import type { Container } from './container';

const PREFIX = 'partner-keys/';

/** Partners' API keys in Azure Blob Storage: one JSON blob per key (`partner-keys/<id>`), revocations written with If-Match. */
export class BlobPartnerKeys implements PartnerKeys {
  constructor(private readonly container: Container) {}

  async add(key: PartnerKeyRecord): Promise<void> {
    await this.container.ensure();
    try {
      await uploadText(this.blob(key.id), JSON.stringify(key), { conditions: { ifNoneMatch: '*' }, blobHTTPHeaders: { blobContentType: 'application/json' } });
    } catch (err) {
      if (isConflict(err)) throw new Error(`A partner key ${key.id} already exists`);
      throw err;
    }
  }

  async get(id: string): Promise<PartnerKeyRecord | undefined> {
    await this.container.ensure();
    const stored = await downloadText(this.blob(id));
    return stored && (JSON.parse(stored.text) as PartnerKeyRecord);
  }

  async list(): Promise<PartnerKeyRecord[]> {
    await this.container.ensure();
    const out: PartnerKeyRecord[] = [];
    for await (const item of this.container.client.listBlobsFlat({ prefix: PREFIX })) {
      const key = await this.get(decodeURIComponent(item.name.slice(PREFIX.length)));
      if (key) out.push(key);
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    await this.container.ensure();
    return retryOnConflict(async () => {
      const stored = await downloadText(this.blob(id));
      if (!stored) return false;
      const key = JSON.parse(stored.text) as PartnerKeyRecord;
      if (key.revokedAt) return true;
      await uploadText(this.blob(id), JSON.stringify({ ...key, revokedAt: at.toISOString() }), { conditions: { ifMatch: stored.etag } });
      return true;
    });
  }

  private blob(id: string) {
    return this.container.client.getBlockBlobClient(`${PREFIX}${encodeURIComponent(id)}`);
  }
}
