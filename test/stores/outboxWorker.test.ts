import { BackgroundLoop } from '../../src/stores/backgroundLoop';
import { ClaimingOutbox } from '../../src/stores/claimingOutbox';
import type { LeasedClaims } from '../../src/stores/leasedClaims';
import { OutboxWorker, TaskDeferred, type TaskHandler, type TaskPolicy } from '../../src/stores/outboxWorker';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { sqliteClaims } from '../../src/stores/sqlite/sqliteClaims';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import { captureLogger } from '../airtable/helpers';
import { makeTempDir } from './tempDir';

/** The generic worker over a real SQLite outbox; the clock is moved by hand unless said otherwise. */
describe('OutboxWorker', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const dbs: Database[] = [];
  const claims: LeasedClaims[] = [];
  let now: number;
  const clock = () => now;
  const log = captureLogger();
  const POLICY: TaskPolicy = { maxAttempts: 3, backoffBaseMs: 1000, backoffCapMs: 3000 };

  /** An outbox as one process holds it. */
  const outbox = (time: () => number = clock) => {
    const db = openDatabase(temp.dir);
    dbs.push(db);
    const c = sqliteClaims(db, { now: time, leaseMs: 365 * 86_400_000 });
    claims.push(c);
    return new ClaimingOutbox(new SqliteTaskRecords(db), c, time);
  };
  const worker = <P>(box: ClaimingOutbox, handler: TaskHandler<P>, time: () => number = clock) =>
    new OutboxWorker<P>({ outbox: box, kind: 'mail', handler, policy: POLICY, logger: log.logger, now: time, random: () => 0.5 });

  beforeEach(() => {
    temp = makeTempDir();
    now = Date.UTC(2026, 2, 1);
  });
  afterEach(async () => {
    await Promise.all(claims.splice(0).map((c) => c.close()));
    dbs.splice(0).forEach(closeDatabase);
    temp.cleanup();
  });

  it('hands each due task to the handler once per pass, and records its result', async () => {
    const box = outbox();
    await box.enqueue('mail', 'm-1', { to: 'a' });
    await box.enqueue('mail', 'm-2', { to: 'b' });
    await box.enqueue('webhook', 'w-1', {});
    const seen: unknown[] = [];
    const w = worker<{ to: string }>(box, async (payload) => {
      seen.push(payload);
      return { sentTo: payload.to };
    });
    expect(await w.runDue()).toEqual({ done: 2, failed: 0, gaveUp: 0, deferred: 0, aborted: false });
    expect(seen).toEqual([{ to: 'a' }, { to: 'b' }]);
    expect(await box.get('mail', 'm-2')).toMatchObject({ status: 'done', result: { sentTo: 'b' } });
    expect(await box.get('webhook', 'w-1')).toMatchObject({ status: 'pending' });
    expect(await w.runDue()).toMatchObject({ done: 0 });
  });

  it('retries a failure after a doubling back-off (with jitter, capped), and gives up after the policy\'s attempts', async () => {
    const box = outbox();
    await box.enqueue('mail', 'm-1', {});
    const w = worker(box, async () => {
      throw new Error('SMTP 451');
    });
    const waits: number[] = [];
    for (let i = 0; i < 2; i++) {
      expect(await w.runDue()).toMatchObject({ failed: 1 });
      const task = await box.get('mail', 'm-1');
      waits.push(task!.nextAttemptAt - now);
      // Not due before then.
      now = task!.nextAttemptAt - 1;
      expect(await w.runDue()).toMatchObject({ failed: 0, done: 0 });
      now += 1;
    }
    // random() = 0.5: three quarters of 1 s, then of 2 s.
    expect(waits).toEqual([750, 1500]);
    expect(w.retryAt(10) - now).toBe(2250);
    expect(await w.runDue()).toMatchObject({ gaveUp: 1 });
    expect(await box.get('mail', 'm-1')).toMatchObject({ status: 'gave_up', attempts: 3, lastError: 'SMTP 451' });
    expect(log.lines().some((l) => l.msg === 'outbox task given up' && l.id === 'm-1')).toBe(true);
  });

  it('a deferred task is tried again later without counting an attempt; progress saved by checkpoint is kept', async () => {
    const box = outbox();
    await box.enqueue('mail', 'm-1', { step: 0 });
    let busy = true;
    const w = worker<{ step: number }>(box, async (payload, { checkpoint }) => {
      await checkpoint({ step: payload.step + 1 });
      if (busy) throw new TaskDeferred(5000, 'held by another worker');
      return { step: payload.step };
    });
    expect(await w.runDue()).toMatchObject({ deferred: 1 });
    expect(await box.get('mail', 'm-1')).toMatchObject({ attempts: 0, payload: { step: 1 }, nextAttemptAt: now + 5000 });
    busy = false;
    now += 5000;
    expect(await w.runDue()).toMatchObject({ done: 1 });
    expect(await box.get('mail', 'm-1')).toMatchObject({ status: 'done', result: { step: 1 } });
  });

  it('runOne: an operator runs a task now, due or not; busy while another process works on it', async () => {
    const box = outbox();
    const other = outbox();
    await box.enqueue('mail', 'm-1', {}, { notBefore: now + 3_600_000 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = worker(other, () => gate);
    const running = slow.runOne('m-1');
    const w = worker(box, async () => undefined);
    await until(async () => (await w.runOne('m-1')) === 'busy');
    release();
    expect(await running).toBe('done');
    expect(await w.runOne('m-1')).toBeUndefined();
  });

  it('stop(): the handler is told through its signal, and the task is left due, not failed', async () => {
    const box = outbox(Date.now);
    await box.enqueue('mail', 'm-1', {});
    let started!: () => void;
    const inHandler = new Promise<void>((r) => (started = r));
    const w = worker(
      box,
      (_payload, { signal }) =>
        new Promise((_resolve, reject) => {
          started();
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      Date.now,
    );
    w.start(3_600_000);
    await inHandler;
    await w.stop();
    expect(await box.get('mail', 'm-1')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await worker(box, async () => undefined, Date.now).runDue()).toMatchObject({ done: 1 });
  });

  it('in the background, wakes up when the next task is due rather than at its interval', async () => {
    const box = outbox(Date.now);
    await box.enqueue('mail', 'm-1', {});
    let tries = 0;
    const w = new OutboxWorker({
      outbox: box,
      kind: 'mail',
      handler: async () => {
        if (++tries === 1) throw new Error('first try fails');
      },
      policy: { maxAttempts: 5, backoffBaseMs: 20, backoffCapMs: 20 },
      logger: log.logger,
    });
    // An interval of an hour: only the task's own retry time can bring the second try.
    w.start(3_600_000);
    try {
      await until(async () => (await box.get('mail', 'm-1'))?.status === 'done');
      expect(tries).toBe(2);
    } finally {
      await w.stop();
    }
  });
});

describe('BackgroundLoop', () => {
  it('a poke during a pass brings the next pass right after it, not an interval later', async () => {
    const { logger } = captureLogger();
    const loop = new BackgroundLoop('test', logger);
    let passes = 0;
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    loop.start(async () => {
      passes++;
      if (passes === 1) await gate;
    }, 3_600_000);
    await until(() => passes === 1);
    loop.poke();
    release();
    await until(() => passes === 2);
    gate = Promise.resolve();
    await loop.stop();
    expect(passes).toBe(2);
  });
});

/** Real time: for background work to get somewhere. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
