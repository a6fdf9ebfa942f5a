import { text } from 'node:stream/consumers';
import type { BlobClient, BlockBlobClient } from '@azure/storage-blob';
import { isNotFound } from './blobErrors';

/** The blob's content as UTF-8 text, with its eTag; undefined when there is no such blob. */
export async function downloadText(blob: BlobClient): Promise<{ text: string; etag: string } | undefined> {
  try {
    const res = await blob.download();
    return { text: await text(res.readableStreamBody as NodeJS.ReadableStream), etag: res.etag! };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Writes UTF-8 text (the length given to Azure is in bytes, not characters). */
export function uploadText(
  blob: BlockBlobClient,
  content: string,
  options: Parameters<BlockBlobClient['upload']>[2] = {},
): ReturnType<BlockBlobClient['upload']> {
  return blob.upload(content, Buffer.byteLength(content), options);
}

/** URI-encoded, cut (on a character boundary) so that the encoded form fits in `max` characters. */
export function encodeBounded(value: string, max: number): string {
  let out = '';
  for (const char of value) {
    let encoded: string;
    try {
      encoded = encodeURIComponent(char);
    } catch {
      encoded = '%EF%BF%BD'; // a lone surrogate: U+FFFD
    }
    if (out.length + encoded.length > max) break;
    out += encoded;
  }
  return out;
}
