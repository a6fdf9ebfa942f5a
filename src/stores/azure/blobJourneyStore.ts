import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { BlockBlobClient } from '@azure/storage-blob';
import type { JourneyFiles } from '../../flow/files';
import {
  type DraftWrite,
  type JourneyDraft,
  type JourneyStore,
  type JourneyVersion,
  type JourneyVersionInfo,
  LiveVersionChangedError,
  type NewVersion,
  StaleDraftError,
} from '../journeyStore';
import { backoff, isConflict, isNotFound, statusOf } from './blobErrors';
import { downloadText, uploadText } from './blobText';
import type { Container } from './container';

/**
 * JourneyStore on Azure Blob Storage, shared by every instance. Layout of the container:
 * - `index.json`: `{ live, versions: [{ number, author, createdAt, comment, basedOn, blob }] }`.
 *   A publish is ONE write of it, conditional on the eTag read (If-Match; If-None-Match: * for
 *   the first): the new version and the live pointer change together or not at all, and two
 *   instances publishing at once get distinct numbers.
 * - `files/<uuid>.json`: a version's files, written before the index names it and never
 *   changed. A publish that loses (or a process that dies before writing the index) leaves an
 *   unnamed blob behind, which nothing reads.
 * - `draft.json`: `{ revision, draft }` (draft null once discarded), conditional writes too.
 */

const INDEX = 'index.json';
const DRAFT = 'draft.json';
const FILES = 'files/';
/** Lost races tolerated before giving up (each one means another write went through). */
const MAX_ATTEMPTS = 50;
const JSON_TYPE = { blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' } };

interface IndexEntry extends JourneyVersionInfo {
  blob: string;
}
interface Index {
  live?: number;
  versions: IndexEntry[];
}
interface DraftBlob {
  revision: number;
  draft: Omit<JourneyDraft, 'revision'> | null;
}

export class BlobJourneyStore implements JourneyStore {
  /** The last index read and its eTag: polling the live version costs a 304 while nothing changes. */
  private cached?: { index: Index; etag: string };
  /** The last version read (versions never change): the studio reads the live one often. */
  private lastVersion?: JourneyVersion;

  constructor(
    private readonly container: Container,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async seed(files: JourneyFiles, author: string, comment: string): Promise<number> {
    const existing = await this.readIndex();
    if (existing) return existing.index.live ?? 0;
    const blob = await this.writeFiles(files);
    const entry: IndexEntry = { number: 1, author, createdAt: this.now().toISOString(), comment, blob };
    try {
      await this.writeIndex({ live: 1, versions: [entry] }, undefined);
      return 1;
    } catch (err) {
      if (!isConflict(err)) throw err;
      // Another instance seeded first: its version 1 stands.
      await this.blob(blob).deleteIfExists();
      return (await this.readIndex())?.index.live ?? 0;
    }
  }

  async liveVersion(): Promise<number | undefined> {
    return (await this.readIndex())?.index.live;
  }

  async versions(): Promise<JourneyVersionInfo[]> {
    return ((await this.readIndex())?.index.versions ?? []).map(({ blob: _blob, ...rest }) => rest);
  }

  async version(number: number): Promise<JourneyVersion | undefined> {
    if (this.lastVersion?.number === number) return this.lastVersion;
    let entry = this.cached?.index.versions.find((v) => v.number === number);
    entry ??= (await this.readIndex())?.index.versions.find((v) => v.number === number);
    if (!entry) return undefined;
    const body = await downloadText(this.blob(entry.blob));
    if (!body) throw new Error(`The files of journey version ${number} are missing from the storage (${entry.blob})`);
    const { blob: _blob, ...rest } = entry;
    this.lastVersion = { ...rest, files: JSON.parse(body.text) as JourneyFiles };
    return this.lastVersion;
  }

  async publish(version: NewVersion, expectedLive?: number): Promise<JourneyVersionInfo> {
    const checkLive = (index: Index | undefined) => {
      if (expectedLive !== undefined && index?.live !== expectedLive) throw new LiveVersionChangedError(expectedLive, index?.live);
    };
    checkLive((await this.readIndex())?.index);
    const blob = await this.writeFiles(version.files);
    try {
      for (let attempt = 0; ; attempt++) {
        const current = await this.readIndex();
        checkLive(current?.index);
        const versions = current?.index.versions ?? [];
        const entry: IndexEntry = {
          number: (versions[versions.length - 1]?.number ?? 0) + 1,
          author: version.author,
          createdAt: this.now().toISOString(),
          comment: version.comment,
          ...(version.basedOn !== undefined ? { basedOn: version.basedOn } : {}),
          blob,
        };
        try {
          await this.writeIndex({ live: entry.number, versions: [...versions, entry] }, current?.etag);
          const { blob: _blob, ...published } = entry;
          return published;
        } catch (err) {
          if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
          await backoff(attempt);
        }
      }
    } catch (err) {
      // Not published: its files blob is named by nothing.
      await this.blob(blob).deleteIfExists().catch(() => undefined);
      throw err;
    }
  }

  async draft(): Promise<JourneyDraft | undefined> {
    const state = (await this.readDraft())?.state;
    return state?.draft ? { ...state.draft, revision: state.revision } : undefined;
  }

  async saveDraft(draft: DraftWrite, expectedRevision: number): Promise<JourneyDraft> {
    return (await this.writeDraft(expectedRevision, draft))!;
  }

  async deleteDraft(expectedRevision: number): Promise<void> {
    await this.writeDraft(expectedRevision, null);
  }

  /** Replaces (or, with null, removes) the draft when it is still at `expectedRevision` (0: no draft); the revision only grows. */
  private async writeDraft(expectedRevision: number, write: DraftWrite | null): Promise<JourneyDraft | null> {
    for (let attempt = 0; ; attempt++) {
      const read = await this.readDraft();
      const state = read?.state ?? { revision: 0, draft: null };
      const current = state.draft ? state.revision : 0;
      if (current !== expectedRevision) throw new StaleDraftError(expectedRevision, current);
      if (!write && !state.draft) return null;
      const revision = state.revision + 1;
      const draft = write && { files: write.files, basedOn: write.basedOn, updatedBy: write.updatedBy, updatedAt: this.now().toISOString() };
      try {
        await uploadText(this.blob(DRAFT), JSON.stringify({ revision, draft } satisfies DraftBlob), {
          ...JSON_TYPE,
          conditions: read ? { ifMatch: read.etag } : { ifNoneMatch: '*' },
        });
        return draft && { ...draft, revision };
      } catch (err) {
        // Someone wrote in between: read again (the revision check then refuses, as it should).
        if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  private async readDraft(): Promise<{ state: DraftBlob; etag: string } | undefined> {
    await this.container.ensure();
    const body = await downloadText(this.container.client.getBlobClient(DRAFT));
    return body && { state: JSON.parse(body.text) as DraftBlob, etag: body.etag };
  }

  /** The index, read again only when its eTag changed. */
  private async readIndex(): Promise<{ index: Index; etag: string } | undefined> {
    await this.container.ensure();
    const client = this.container.client.getBlobClient(INDEX);
    try {
      const res = await client.download(0, undefined, this.cached ? { conditions: { ifNoneMatch: this.cached.etag } } : {});
      const body = await text(res.readableStreamBody as NodeJS.ReadableStream);
      this.cached = { index: JSON.parse(body) as Index, etag: res.etag! };
    } catch (err) {
      if (statusOf(err) === 304 && this.cached) return this.cached;
      if (isNotFound(err)) {
        this.cached = undefined;
        return undefined;
      }
      throw err;
    }
    return this.cached;
  }

  private async writeIndex(index: Index, etag: string | undefined): Promise<void> {
    const res = await uploadText(this.blob(INDEX), JSON.stringify(index), {
      ...JSON_TYPE,
      conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
    });
    this.cached = { index, etag: res.etag! };
  }

  private async writeFiles(files: JourneyFiles): Promise<string> {
    await this.container.ensure();
    const name = `${FILES}${randomUUID()}.json`;
    await uploadText(this.blob(name), JSON.stringify(files), JSON_TYPE);
    return name;
  }

  private blob(name: string): BlockBlobClient {
    return this.container.client.getBlockBlobClient(name);
  }
}
