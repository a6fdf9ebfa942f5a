import { type ConversationReferenceData, type ConversationReferences, storableReference } from '../conversationReferences';
import { downloadText, uploadText } from './blobText';
import type { Container } from './container';

const PREFIX = 'references/';

export interface BlobConversationReferencesOptions {
  /** How long this instance trusts that a reference it wrote is still the stored one. Default 5 min. */
  cacheMs?: number;
  /** Conversations remembered for that (oldest forgotten first). Default 10 000. */
  cacheSize?: number;
}

/**
 * ConversationReferences in Azure Blob Storage: one JSON blob per conversation
 * (`references/<conversation id>`), shared by every instance. The bot saves the reference on
 * every turn: an instance that wrote the same reference a moment ago writes nothing (a short
 * memory, so that an erasure by another instance is not hidden for long).
 */
export class BlobConversationReferences implements ConversationReferences {
  private readonly written = new Map<string, { json: string; at: number }>();
  private readonly cacheMs: number;
  private readonly cacheSize: number;

  constructor(
    private readonly container: Container,
    options: BlobConversationReferencesOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 5 * 60_000;
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  async save(conversationId: string, ref: ConversationReferenceData): Promise<void> {
    if (!conversationId) throw new RangeError('a conversation reference needs a conversation id');
    const json = JSON.stringify(storableReference(ref));
    const last = this.written.get(conversationId);
    if (last && last.json === json && Date.now() - last.at < this.cacheMs) return;
    await this.container.ensure();
    await uploadText(this.blob(conversationId), json, { blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' } });
    this.written.delete(conversationId);
    this.written.set(conversationId, { json, at: Date.now() });
    if (this.written.size > this.cacheSize) this.written.delete(this.written.keys().next().value!);
  }

  async get(conversationId: string): Promise<ConversationReferenceData | undefined> {
    await this.container.ensure();
    const stored = await downloadText(this.blob(conversationId));
    return stored && (JSON.parse(stored.text) as ConversationReferenceData);
  }

  async erase(conversationId: string): Promise<void> {
    this.written.delete(conversationId);
    await this.container.ensure();
    await this.blob(conversationId).deleteIfExists();
  }

  private blob(conversationId: string) {
    return this.container.client.getBlockBlobClient(PREFIX + encodeURIComponent(conversationId));
  }
}
