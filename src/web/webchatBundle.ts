import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { PROJECT_ROOT } from '../paths';

/**
 * Where the Web Chat bundle is: the npm package in development, else `vendor/` (the production
 * image copies only this file: the package itself weighs about 490 MB).
 */
export const WEBCHAT_BUNDLE_PLACES = [
  path.join(PROJECT_ROOT, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js'),
  path.join(PROJECT_ROOT, 'vendor', 'webchat.js'),
];

export interface StaticAsset {
  body: Buffer;
  /** Compressed once, on first demand, off the event loop. */
  gzip?: Promise<Buffer>;
  etag: string;
}

export function findWebchatBundle(places: readonly string[] = WEBCHAT_BUNDLE_PLACES): string | undefined {
  return places.find((p) => fs.existsSync(p));
}

const cache = new Map<string, StaticAsset>();

/** A file read once per process (the bundle is about 3.9 MB), with its ETag. */
export function readAsset(file: string): StaticAsset {
  let asset = cache.get(file);
  if (!asset) {
    const body = fs.readFileSync(file);
    asset = { body, etag: etagOf(body) };
    cache.set(file, asset);
  }
  return asset;
}

export function gzipOf(asset: StaticAsset): Promise<Buffer> {
  asset.gzip ??= promisify(zlib.gzip)(asset.body);
  return asset.gzip;
}

export const etagOf = (body: Buffer | string): string => `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
