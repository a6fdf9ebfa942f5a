import type { JourneyFiles } from '../flow/files';

/** A published version of the journey, without its files. */
export interface JourneyVersionInfo {
  /** 1, 2, 3…: version 1 is the repository's dialogs/ + cards/ on a fresh store. */
  number: number;
  /** Who published it (a staff member's email, or the operator's name for the command line). */
  author: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  comment: string;
  /** The version the change started from (the live one when the draft was begun); none for version 1. */
  basedOn?: number;
}

export interface JourneyVersion extends JourneyVersionInfo {
  files: JourneyFiles;
}

/** What a publish or a rollback writes. */
export interface NewVersion {
  files: JourneyFiles;
  author: string;
  comment: string;
  basedOn?: number;
}

/** The one draft staff share in the studio. */
export interface JourneyDraft {
  files: JourneyFiles;
  /** +1 on every write, never reused (even after a discard): a write must name the revision it read. */
  revision: number;
  /** The version the draft started from. */
  basedOn: number;
  updatedBy: string;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

export interface DraftWrite {
  files: JourneyFiles;
  basedOn: number;
  updatedBy: string;
}

/** A draft write based on a revision another write has replaced: reload, then redo the change. */
export class StaleDraftError extends Error {
  constructor(
    readonly expected: number,
    readonly current: number,
  ) {
    super(`The draft changed meanwhile (revision ${current}, this change was made on revision ${expected})`);
    this.name = 'StaleDraftError';
  }
}

/** A publish made on top of a live version that is no longer live: someone published meanwhile. */
export class LiveVersionChangedError extends Error {
  constructor(
    readonly expected: number | undefined,
    readonly current: number | undefined,
  ) {
    super(`The live version changed meanwhile (now ${current ?? 'none'}, expected ${expected ?? 'none'})`);
    this.name = 'LiveVersionChangedError';
  }
}

/**
 * Where the journey's versions live: numbered versions (never changed once written), the live
 * pointer (which version new conversations get), and one shared draft with optimistic
 * concurrency. Several instances may share it (SQLite: one file; Azure: one container).
 */
export interface JourneyStore {
  /**
   * Creates version 1 from `files` and makes it live, when the store has no version yet; does
   * nothing otherwise. Safe when several instances start at once. Returns the live version.
   */
  seed(files: JourneyFiles, author: string, comment: string): Promise<number>;
  /** The live version's number; undefined before seed. */
  liveVersion(): Promise<number | undefined>;
  /** Every version, oldest first, without files. */
  versions(): Promise<JourneyVersionInfo[]>;
  version(number: number): Promise<JourneyVersion | undefined>;
  /**
   * Adds the next version and makes it live, in one atomic step. With `expectedLive`, refuses
   * (LiveVersionChangedError, nothing written) when the live version is another one.
   */
  publish(version: NewVersion, expectedLive?: number): Promise<JourneyVersionInfo>;
  draft(): Promise<JourneyDraft | undefined>;
  /**
   * Writes the draft when it is still as read: `expectedRevision` is the revision of the draft
   * read, or 0 for "there is no draft" (none yet, or discarded). Otherwise throws
   * StaleDraftError and writes nothing. Returns the new draft (its revision is above any before).
   */
  saveDraft(draft: DraftWrite, expectedRevision: number): Promise<JourneyDraft>;
  /** Removes the draft (discarded, or published) on the same condition as saveDraft. */
  deleteDraft(expectedRevision: number): Promise<void>;
}
