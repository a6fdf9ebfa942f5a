import { ApiError, api } from '../api/client';
import type { Draft, DraftAnswer, JourneyAnswer, JsonPath, Op, VersionInfo } from '../api/contract';
import { getAt, isPrefix, pathKey, setAt } from './paths';

/** What the status line (a live region) says about saving. */
export type SaveStatus =
  | { state: 'loading' }
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'reloaded' }
  | { state: 'rejected'; detail: string }
  | { state: 'offline' };

export interface DraftSnapshot {
  live?: VersionInfo;
  draft?: Draft;
  status: SaveStatus;
  /** Bumped on every change, for React's useSyncExternalStore. */
  version: number;
}

interface Pending {
  file: string;
  path: JsonPath;
  value: unknown;
  seq: number;
}

/** Typing waits this long after the last key before the draft is saved. */
export const TYPING_DELAY_MS = 400;
/** While the server cannot be reached, the edits kept are sent again this often. */
const RETRY_MS = 5000;

/**
 * The shared draft as this page sees it, and the one queue of edits sent to the server (one
 * PATCH at a time, carrying the last revision it answered). A typed value shows at once (an
 * overlay over the server's parsed files) and is saved after a pause; structural edits (add,
 * remove, reorder) are sent at once and show when the server answers. A stale revision (another
 * staff member saved meanwhile) reloads the draft and replays the edits once on the new one.
 */
export class DraftStore {
  private snapshot: DraftSnapshot = { status: { state: 'loading' }, version: 0 };
  private readonly listeners = new Set<() => void>();
  private overlays = new Map<string, Pending>();
  private queue: Op[] = [];
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private waiters: (() => void)[] = [];

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): DraftSnapshot => this.snapshot;

  private update(patch: Partial<DraftSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch, version: this.snapshot.version + 1 };
    this.listeners.forEach((listener) => listener());
  }

  async load(): Promise<void> {
    const answer = await api.get<JourneyAnswer>('journey');
    this.update({ live: answer.live, draft: answer.draft, status: this.snapshot.status.state === 'loading' ? { state: 'idle' } : this.snapshot.status });
  }

  /** The value at `path` in a file of the draft, with the edits not yet saved applied. */
  valueAt(file: string, path: JsonPath): unknown {
    let value = getAt(this.snapshot.draft?.parsed[file], path);
    for (const pending of [...this.overlays.values()].sort((a, b) => a.seq - b.seq)) {
      if (pending.file !== file) continue;
      if (isPrefix(pending.path, path)) value = getAt(pending.value, path.slice(pending.path.length));
      else if (isPrefix(path, pending.path)) value = setAt(value, pending.path.slice(path.length), pending.value);
    }
    return value;
  }

  /** A file's text, or the text the YAML view sent and the server has not answered yet. */
  fileText(file: string): string | undefined {
    const queued = [...this.queue].reverse().find((op) => op.op === 'replaceFile' && op.file === file);
    return queued && 'text' in queued ? queued.text : this.snapshot.draft?.files[file];
  }

  /** Sets a value; typed text waits for a pause (`delayMs`), a click is saved at once. */
  set(file: string, path: JsonPath, value: unknown, delayMs = 0): void {
    const seq = ++this.seq;
    this.overlays.set(pathKey(file, path), { file, path, value, seq });
    // A newer value for the same place replaces the queued one (only the last typed text is sent).
    this.queue = this.queue.filter((op) => !(op.op === 'set' && op.file === file && pathKey(op.file, op.path) === pathKey(file, path)));
    this.queue.push({ op: 'set', file, path, value });
    this.update({ status: { state: 'pending' } });
    this.schedule(delayMs);
  }

  /** The YAML view: a whole file, saved after a pause. */
  replaceFile(file: string, text: string, delayMs = TYPING_DELAY_MS): void {
    this.queue = this.queue.filter((op) => !(op.op === 'replaceFile' && op.file === file));
    this.queue.push({ op: 'replaceFile', file, text });
    this.update({ status: { state: 'pending' } });
    this.schedule(delayMs);
  }

  /** Structural edits (insert, delete, move, files): sent now, with whatever typing is queued before them. */
  apply(ops: Op[]): Promise<void> {
    this.queue.push(...ops);
    this.schedule(0);
    return this.settled();
  }

  /** Resolves once everything queued so far is saved (or refused). */
  settled(): Promise<void> {
    if (!this.queue.length && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Adopts an answer of another write that changed the draft (a scenario saved). */
  adopt(answer: DraftAnswer): void {
    const draft = this.snapshot.draft;
    if (!draft) return;
    this.update({ draft: merged(draft, answer), status: { state: 'saved' } });
  }

  get revision(): number {
    return this.snapshot.draft?.revision ?? 0;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  /** Saves now what is queued (the "save" of a form that is left, and the publish page). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) {
      await this.inFlight;
      return this.flush();
    }
    if (!this.queue.length) return this.release();
    const ops = this.queue;
    const upTo = this.seq;
    this.queue = [];
    const sending = this.send(ops, upTo);
    this.inFlight = sending.then(() => undefined);
    const reached = await sending;
    this.inFlight = undefined;
    // Unreachable: the edits are back in the queue, sent again later (or with the next change).
    if (!reached) return this.schedule(RETRY_MS);
    if (this.queue.length) return this.flush();
    this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }

  /** One PATCH (and its replay after a stale revision); false when the server could not be reached. */
  private async send(ops: Op[], upTo: number, replayed = false): Promise<boolean> {
    this.update({ status: { state: 'saving' } });
    try {
      const answer = await api.patch<DraftAnswer>('draft', { revision: this.revision, ops });
      this.dropOverlays(upTo);
      this.update({ draft: merged(this.snapshot.draft!, answer), status: { state: replayed ? 'reloaded' : 'saved' } });
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) return this.keepForLater(ops);
      if (err.status === 409 && !replayed) {
        const reloaded = await this.load().then(() => true, () => false);
        return reloaded ? this.send(ops, upTo, true) : this.keepForLater(ops);
      }
      // Refused (an edit that cannot apply, a session gone): those edits are dropped.
      this.dropOverlays(upTo);
      await this.load().catch(() => undefined);
      this.update({ status: { state: 'rejected', detail: describe(err) } });
      return true;
    }
  }

  private keepForLater(ops: Op[]): false {
    this.queue = [...ops, ...this.queue];
    this.update({ status: { state: 'offline' } });
    return false;
  }

  private dropOverlays(upTo: number): void {
    for (const [key, pending] of this.overlays) if (pending.seq <= upTo) this.overlays.delete(key);
  }
}

function merged(draft: Draft, answer: DraftAnswer): Draft {
  const files = { ...draft.files, ...answer.files };
  const parsed = { ...draft.parsed, ...answer.parsed };
  // A file the answer lists with no text was deleted.
  for (const [file, text] of Object.entries(answer.files)) {
    if (text === null || text === undefined) {
      delete files[file];
      delete parsed[file];
    }
  }
  return { ...draft, revision: answer.revision, files, parsed, issues: answer.issues, graph: answer.graph };
}

function describe(err: ApiError): string {
  const error = (err.body as { error?: unknown; message?: unknown } | null)?.error;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  if (typeof error === 'string') return error;
  return err.message;
}
