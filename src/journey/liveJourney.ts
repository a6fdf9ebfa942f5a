import { isDeepStrictEqual } from 'node:util';
import { type JourneyFiles, sortedFiles } from '../flow/files';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { LiveVersionChangedError, type JourneyStore } from '../stores/journeyStore';
import { publishJourney, SEED_AUTHOR, seedJourney } from './publishing';
import { JourneyRegistry } from './registry';

/**
 * The journey as the bot runs it: a new conversation gets the live version, a conversation in
 * progress keeps the version it started on (its state records it), so a publish never breaks a
 * journey half way.
 */
export interface JourneySource {
  live(): Promise<{ version: number; flow: Flow }>;
  flow(version: number): Promise<Flow>;
  /** The live flow last seen, without waiting (texts said outside a turn: errors, the web page). */
  latest(): Flow;
}

/** One journey that never changes (tests, tools): version 1. */
export function fixedJourney(flow: Flow, version = 1): JourneySource {
  return {
    live: async () => ({ version, flow }),
    flow: async (v) => {
      if (v !== version) throw new Error(`only version ${version} is known`);
      return flow;
    },
    latest: () => flow,
  };
}

/** The journey of the configured store, through its registry (a publish elsewhere is served here within seconds). */
export class StoredJourney implements JourneySource {
  private last: Flow;

  constructor(
    readonly registry: JourneyRegistry,
    initial: Flow,
  ) {
    this.last = initial;
  }

  async live(): Promise<{ version: number; flow: Flow }> {
    const current = await this.registry.current();
    this.last = current.flow;
    return current;
  }

  flow(version: number): Promise<Flow> {
    return this.registry.flow(version);
  }

  latest(): Flow {
    return this.last;
  }
}

/**
 * Brings the store's journey in line with the repository's at start: a fresh store gets the
 * repository's dialogs/ + cards/ as version 1. When the repository's files changed since they
 * were last published and nobody published from the studio since, they are published as a new
 * version (a developer's edit is served after a restart, as before versions existed); when staff
 * published since, the studio's version stays live and the operator is told how to reconcile.
 */
export async function openJourney(store: JourneyStore, repository: Flow, log: Logger): Promise<StoredJourney> {
  const files = sortedFiles(repository.files);
  let live = await seedJourney(store, files);
  const current = await store.version(live);
  if (current && !sameFiles(current.files, files)) {
    if (current.author === SEED_AUTHOR) live = await publishRepository(store, files, live, log);
    else {
      log.warn(
        { live, author: 'studio' },
        'dialogs/ differs from the live journey, which was published from the studio: the live version stays. To serve the repository\'s files, run `npm run journey:publish -- .`; to bring the studio\'s changes into git, `npm run journey:export -- --out .`',
      );
    }
  }
  const registry = new JourneyRegistry({ store, log });
  registry.noteLive(live);
  const journey = new StoredJourney(registry, await registry.flow(live));
  return journey;
}

async function publishRepository(store: JourneyStore, files: JourneyFiles, live: number, log: Logger): Promise<number> {
  try {
    const result = await publishJourney(store, files, SEED_AUTHOR, 'dialogs/ changed in the repository', { expectedLive: live });
    if (!result.ok) throw new Error(`the repository's journey does not validate: ${result.issues.map((i) => i.message).join('; ')}`);
    log.info({ version: result.version.number }, "published the repository's changed dialogs/ as a new journey version");
    return result.version.number;
  } catch (err) {
    // Another instance starting at the same moment published it first.
    if (!(err instanceof LiveVersionChangedError)) throw err;
    return (await store.liveVersion()) ?? live;
  }
}

const sameFiles = (a: JourneyFiles, b: JourneyFiles): boolean => isDeepStrictEqual(sortedFiles(a), sortedFiles(b));

/**
 * A journey source usable before the store answered (the server listens at once): turns wait
 * for the store to be opened; a failed opening (storage unreachable at start) is tried again at
 * the next turn rather than left broken. Until then, texts said outside a turn come from the
 * repository's journey.
 */
export class OpeningJourney implements JourneySource {
  private opened?: StoredJourney;
  private opening?: Promise<StoredJourney>;

  constructor(
    private readonly open: () => Promise<StoredJourney>,
    private readonly fallback: Flow,
  ) {}

  /** Resolves once the store's journey is open (the server is ready only then). */
  ready(): Promise<StoredJourney> {
    if (this.opened) return Promise.resolve(this.opened);
    this.opening ??= this.open().then(
      (journey) => (this.opened = journey),
      (err: unknown) => {
        this.opening = undefined;
        throw err;
      },
    );
    return this.opening;
  }

  async live(): Promise<{ version: number; flow: Flow }> {
    return (await this.ready()).live();
  }

  async flow(version: number): Promise<Flow> {
    return (await this.ready()).flow(version);
  }

  latest(): Flow {
    return this.opened?.latest() ?? this.fallback;
  }
}
