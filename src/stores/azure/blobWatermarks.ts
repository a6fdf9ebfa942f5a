import type { WatermarkStore } from '../conversationReferences';
import { downloadText, uploadText } from './blobText';
import type { Container } from './container';

const PREFIX = 'watermarks/';

/**
 * WatermarkStore in Azure Blob Storage (`watermarks/<name>`, the value as text), shared by every
 * instance. Last write wins: an instance may set an older mark than another's, which only
 * widens the next window (the status watcher tells each change once whatever the window).
 */
export class BlobWatermarks implements WatermarkStore {
  constructor(private readonly container: Container) {}

  async get(name: string): Promise<string | undefined> {
    await this.container.ensure();
    return (await downloadText(this.blob(name)))?.text;
  }

  async set(name: string, value: string): Promise<void> {
    await this.container.ensure();
    await uploadText(this.blob(name), value, { blobHTTPHeaders: { blobContentType: 'text/plain; charset=utf-8' } });
  }

  private blob(name: string) {
    return this.container.client.getBlockBlobClient(PREFIX + encodeURIComponent(name));
  }
}
