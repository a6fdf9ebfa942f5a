import type { JourneyFiles } from '../flow/files';
import { loadFlowFromFiles } from '../flow/loadFromFiles';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import type { JourneyStore } from '../stores/journeyStore';

export interface JourneyRegistryOptions {
  store: JourneyStore;
  now?: () => Date;
  /** How long a live version number read from the store is trusted (default 5 s): a publish elsewhere is served here after at most this. */
  refreshMs?: number;
  /** Parsed flows kept in memory (default 8): the live one and those conversations in progress started on. */
  maxFlows?: number;
  log?: Logger;
}

/**
 * Which journey version is live, and the parsed flow of any version. The live number is read
 * from the store at most every `refreshMs` (several callers at once share one read), so that a
 * publish on any instance is served by every instance within that delay; while the store cannot
 * be read, the last number known is kept. Versions never change, so their flows are cached,
 * least recently used first out.
 */
export class JourneyRegistry {
  private readonly store: JourneyStore;
  private readonly now: () => Date;
  private readonly refreshMs: number;
  private readonly maxFlows: number;
  private readonly log?: Logger;
  private live?: { version: number; readAt: number };
  private reading?: Promise<number>;
  private readonly flows = new Map<number, Promise<Flow>>();

  constructor(options: JourneyRegistryOptions) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.refreshMs = options.refreshMs ?? 5_000;
    this.maxFlows = Math.max(1, options.maxFlows ?? 8);
    this.log = options.log;
  }

  /** The live version number. Throws when the store has none (not seeded) and none was known. */
  async liveVersion(): Promise<number> {
    const at = this.now().getTime();
    if (this.live && at - this.live.readAt < this.refreshMs) return this.live.version;
    this.reading ??= this.readLive(at).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  /** The live version and its flow. */
  async current(): Promise<{ version: number; flow: Flow }> {
    const version = await this.liveVersion();
    return { version, flow: await this.flow(version) };
  }

  /** The parsed flow of a version (throws for a version the store does not have). */
  flow(version: number): Promise<Flow> {
    let flow = this.flows.get(version);
    if (flow) {
      // Most recently used last: the first entry is the one to let go.
      this.flows.delete(version);
      this.flows.set(version, flow);
      return flow;
    }
    flow = this.loadVersion(version);
    this.flows.set(version, flow);
    flow.catch(() => this.flows.get(version) === flow && this.flows.delete(version));
    while (this.flows.size > this.maxFlows) this.flows.delete(this.flows.keys().next().value!);
    return flow;
  }

  /** This instance just published (or rolled back): serve the new version here at once. */
  noteLive(version: number): void {
    this.live = { version, readAt: this.now().getTime() };
  }

  private async readLive(at: number): Promise<number> {
    try {
      const version = await this.store.liveVersion();
      if (version === undefined) throw new Error('The journey store has no version yet (it is seeded at start)');
      if (this.live?.version !== version) this.log?.info({ version, previous: this.live?.version }, 'Live journey version');
      this.live = { version, readAt: at };
      return version;
    } catch (err) {
      if (!this.live) throw err;
      // Keep serving what we know; try again after the same delay.
      this.log?.warn({ err, version: this.live.version }, 'Could not read the live journey version; keeping the last one known');
      this.live = { ...this.live, readAt: at };
      return this.live.version;
    }
  }

  private async loadVersion(version: number): Promise<Flow> {
    const stored = await this.store.version(version);
    if (!stored) throw new Error(`The journey store has no version ${version}`);
    return flowOfFiles(stored.files, version);
  }
}

/** A stored version's flow (it was validated when published). */
export const flowOfFiles = (files: JourneyFiles, version: number): Flow => loadFlowFromFiles(files, { dir: `version ${version}` });
