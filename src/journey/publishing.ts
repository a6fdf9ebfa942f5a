import { type JourneyFiles, sortedFiles } from '../flow/files';
import { type CodedFlowIssue, FlowError } from '../flow/model';
import type { JourneyStore, JourneyVersionInfo } from '../stores/journeyStore';
import type { JourneyRegistry } from './registry';
import { validateJourney } from './validate';

/** Who version 1 is from: the repository's dialogs/ and cards/. */
export const SEED_AUTHOR = 'repository';

export type PublishResult = { ok: true; version: JourneyVersionInfo } | { ok: false; issues: CodedFlowIssue[] };

export interface PublishOptions {
  /** Refuse (LiveVersionChangedError) unless this is still the live version: the change was made on it. */
  expectedLive?: number;
  /** The version the change started from (default: expectedLive, else the live version). */
  basedOn?: number;
  /** Told at once, so that this instance serves the new version without waiting for its refresh. */
  registry?: JourneyRegistry;
}

/**
 * Makes the repository's journey (dialogs/ + cards/) version 1 of a fresh store; nothing when
 * the store has versions. Throws a FlowError, seeding nothing, if those files are invalid.
 * Returns the live version.
 */
export async function seedJourney(store: JourneyStore, files: JourneyFiles): Promise<number> {
  const live = await store.liveVersion();
  if (live !== undefined) return live;
  const { issues } = validateJourney(files);
  if (issues.length) throw new FlowError(issues);
  return store.seed(sortedFiles(files), SEED_AUTHOR, '');
}

/**
 * Validates the files as `flow:check` does (plus scenarios and file paths) and, when nothing is
 * wrong, publishes them as the next version, live at once. Refuses with every issue otherwise.
 */
export async function publishJourney(store: JourneyStore, files: JourneyFiles, author: string, comment: string, options: PublishOptions = {}): Promise<PublishResult> {
  const { issues } = validateJourney(files);
  if (issues.length) return { ok: false, issues };
  const basedOn = options.basedOn ?? options.expectedLive ?? (await store.liveVersion());
  const version = await store.publish({ files: sortedFiles(files), author, comment, basedOn }, options.expectedLive);
  options.registry?.noteLive(version.number);
  return { ok: true, version };
}

export class UnknownVersionError extends Error {
  constructor(readonly version: number) {
    super(`There is no journey version ${version}`);
    this.name = 'UnknownVersionError';
  }
}

/**
 * Rolls back to version `number`: a new version with its files (based on it), live at once.
 * History is never rewritten, so a rollback can itself be rolled back.
 */
export async function rollbackJourney(
  store: JourneyStore,
  number: number,
  author: string,
  options: { comment?: string; registry?: JourneyRegistry } = {},
): Promise<JourneyVersionInfo> {
  const target = await store.version(number);
  if (!target) throw new UnknownVersionError(number);
  const live = await store.liveVersion();
  const version = await store.publish({ files: target.files, author, comment: options.comment ?? '', basedOn: number }, live);
  options.registry?.noteLive(version.number);
  return version;
}
