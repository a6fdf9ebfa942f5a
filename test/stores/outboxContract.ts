import { taskClaim } from '../../src/stores/claimingOutbox';
import { type Outbox, OutboxConflictError } from '../../src/stores/outbox';

/** How the contract reaches one store's outbox. */
export interface OutboxHarness {
  setup(): Promise<void>;
  /** The outbox of another process on the same store (its own claims), on the shared clock. */
  open(): Outbox;
  /** Makes the lease of a claim lapse now (its holder stopped renewing it). */
  lapse(name: string): Promise<void>;
  teardown(): Promise<void>;
}

/**
 * The Outbox contract (src/stores/outbox.ts), run against SQLite and Azure Blob Storage. Time
 * is the harness's clock, moved by `advance`.
 */
export function outboxContract(name: string, harness: OutboxHarness, clock: { now(): number; advance(ms: number): void }): void {
  describe(`${name}: the Outbox contract`, () => {
    beforeEach(() => harness.setup());
    afterEach(() => harness.teardown());
    const ids = (tasks: { task: { id: string } }[]) => tasks.map((c) => c.task.id);

    it('enqueue is idempotent on (kind, id) and durable for every process', async () => {
      const a = harness.open();
      const first = await a.enqueue('mail', 'm-1', { to: 'camille@example.org' }, { subject: 'conv-1' });
      expect(first.created).toBe(true);
      expect(first.task).toMatchObject({ kind: 'mail', id: 'm-1', status: 'pending', attempts: 0, payload: { to: 'camille@example.org' }, subject: 'conv-1', nextAttemptAt: clock.now() });
      const again = await harness.open().enqueue('mail', 'm-1', { to: 'someone else' });
      expect(again.created).toBe(false);
      expect(again.task.payload).toEqual({ to: 'camille@example.org' });
      expect((await a.enqueue('webhook', 'm-1', {})).created).toBe(true);
      expect(await harness.open().get('mail', 'm-1')).toEqual(first.task);
      await expect(a.enqueue('', 'x', {})).rejects.toThrow(RangeError);
    });

    it('claimDue: due tasks of the kind, oldest due first, each to one process until it is ended or released', async () => {
      const a = harness.open();
      const b = harness.open();
      await a.enqueue('mail', 'm-2', {});
      clock.advance(10);
      await a.enqueue('mail', 'm-1', {}, { notBefore: clock.now() - 1000 });
      await a.enqueue('mail', 'later', {}, { notBefore: clock.now() + 60_000 });
      await a.enqueue('webhook', 'w-1', {});
      const mine = await a.claimDue('mail', 10);
      expect(ids(mine)).toEqual(['m-1', 'm-2']);
      expect(await b.claimDue('mail', 10)).toEqual([]);
      await a.release(mine[0]);
      expect(ids(await b.claimDue('mail', 10))).toEqual(['m-1']);
      clock.advance(60_000);
      expect(ids(await b.claimDue('mail', 1))).toEqual(['later']);
      expect(ids(await b.claimDue('webhook', 10))).toEqual(['w-1']);
    });

    it('complete: the task is over for good, its payload dropped and its result kept; enqueuing it again sends nothing', async () => {
      const a = harness.open();
      await a.enqueue('mail', 'm-1', { body: 'Bonjour Camille' });
      const [claimed] = await a.claimDue('mail', 1);
      await a.complete(claimed, { messageId: '<m-1@bot>' });
      const done = await harness.open().get('mail', 'm-1');
      expect(done).toMatchObject({ status: 'done', result: { messageId: '<m-1@bot>' } });
      expect(done).not.toHaveProperty('payload');
      expect(claimed.claim.signal.aborted).toBe(true);
      expect((await a.enqueue('mail', 'm-1', { body: 'Bonjour Camille' })).created).toBe(false);
      clock.advance(24 * 3_600_000);
      expect(await a.claimDue('mail', 10)).toEqual([]);
      expect(await a.claimOne('mail', 'm-1')).toBeUndefined();
    });

    it('fail: attempt counted, error kept, not due before retryAt; giveUp ends it with its payload kept for staff', async () => {
      const a = harness.open();
      const b = harness.open();
      await a.enqueue('mail', 'm-1', { n: 1 });
      const [first] = await a.claimDue('mail', 1);
      await a.fail(first, 'SMTP 451 try later', { retryAt: clock.now() + 5000 });
      expect(await b.get('mail', 'm-1')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMTP 451 try later', nextAttemptAt: clock.now() + 5000 });
      expect(await b.claimDue('mail', 1)).toEqual([]);
      clock.advance(5000);
      const [second] = await b.claimDue('mail', 1);
      expect(second.task.attempts).toBe(1);
      await b.fail(second, 'x'.repeat(5000), { giveUp: true });
      const over = await a.get('mail', 'm-1');
      expect(over).toMatchObject({ status: 'gave_up', attempts: 2, payload: { n: 1 } });
      expect(over!.lastError!.length).toBe(2000);
      clock.advance(3_600_000);
      expect(await a.claimDue('mail', 10)).toEqual([]);
    });

    it('checkpoint: the next attempt resumes from the saved payload; defer retries later without counting an attempt', async () => {
      const a = harness.open();
      const b = harness.open();
      await a.enqueue('erase', 'e-1', { step: 0 });
      const [first] = await a.claimDue<{ step: number }>('erase', 1);
      await a.checkpoint(first, { step: 1 });
      await a.fail(first, 'timeout', { retryAt: clock.now() });
      const [second] = await b.claimDue<{ step: number }>('erase', 1);
      expect(second.task).toMatchObject({ payload: { step: 1 }, attempts: 1 });
      await b.defer(second, clock.now() + 5000, 'busy: a sync holds the need');
      expect(await a.get('erase', 'e-1')).toMatchObject({ attempts: 1, lastError: 'busy: a sync holds the need', nextAttemptAt: clock.now() + 5000, payload: { step: 1 } });
      expect(await a.claimDue('erase', 1)).toEqual([]);
    });

    it('claimOne: a pending task now, due or not; busy while another process holds it', async () => {
      const a = harness.open();
      const b = harness.open();
      await a.enqueue('erase', 'e-1', {}, { notBefore: clock.now() + 3_600_000 });
      const claimed = await a.claimOne('erase', 'e-1');
      expect(claimed).toMatchObject({ task: { id: 'e-1' } });
      expect(await b.claimOne('erase', 'e-1')).toBe('busy');
      expect(await b.claimOne('erase', 'unknown')).toBeUndefined();
    });

    it('a holder whose claim lapsed cannot overwrite what the next holder wrote', async () => {
      const a = harness.open();
      const b = harness.open();
      await a.enqueue('mail', 'm-1', {});
      const [slow] = await a.claimDue('mail', 1);
      await harness.lapse(taskClaim('mail', 'm-1'));
      const [fast] = await b.claimDue('mail', 1);
      await b.complete(fast, { by: 'b' });
      await expect(a.fail(slow, 'late failure', { retryAt: clock.now() })).rejects.toBeInstanceOf(OutboxConflictError);
      expect(await a.get('mail', 'm-1')).toMatchObject({ status: 'done', result: { by: 'b' } });
    });

    it('list and erase by kind, status and subject; purgeFinished removes old finished tasks only', async () => {
      const a = harness.open();
      await a.enqueue('mail', 'm-1', {}, { subject: 'conv-1' });
      clock.advance(1);
      await a.enqueue('webhook', 'w-1', {}, { subject: 'conv-1' });
      clock.advance(1);
      await a.enqueue('mail', 'm-2', {}, { subject: 'conv-2' });
      clock.advance(1);
      await a.enqueue('erase', 'e-1', {});
      expect((await a.list()).map((t) => t.id)).toEqual(['m-1', 'w-1', 'm-2', 'e-1']);
      expect((await a.list({ kind: 'mail' })).map((t) => t.id)).toEqual(['m-1', 'm-2']);
      expect((await a.list({ subject: 'conv-1' })).map((t) => t.id)).toEqual(['m-1', 'w-1']);

      expect(await a.erase({ subject: 'conv-1' })).toBe(2);
      expect((await harness.open().list()).map((t) => t.id)).toEqual(['m-2', 'e-1']);
      expect(() => a.erase({})).toThrow(RangeError);

      const [m2] = await a.claimDue('mail', 1);
      await a.complete(m2);
      clock.advance(10 * 86_400_000);
      expect(await a.purgeFinished(clock.now() - 86_400_000)).toBe(1);
      expect((await a.list()).map((t) => [t.id, t.status])).toEqual([['e-1', 'pending']]);
    });
  });
}
