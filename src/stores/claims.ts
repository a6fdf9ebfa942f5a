/**
 * Named claims shared by every process that uses the same store: while one process holds a
 * claim, no other process (and no other caller in the same process) gets it.
 *
 * What they order:
 * - the sync of one need (`needClaim(reference)`): two syncers (the server and `needs:sync`,
 *   or two instances) never send the same need at once, and the erasure of a need waits for a
 *   sync in flight (and holds the sync off while it deletes);
 * - one outbox task (src/stores/outbox.ts): a task is delivered by one worker at a time.
 *
 * A claim is a lease owned by this process: it is renewed in the background while held, so it
 * cannot lapse under a live holder however long the holder's work takes (a batch retrying
 * through an outage); it lapses `leaseMs` after the process dies (no renewal any more). A
 * holder whose claim could not be renewed in time is told through `signal` and must stop
 * writing what the claim protects.
 */
export interface Claim {
  readonly name: string;
  /** Aborted when the claim is lost (not renewed before it lapsed, or taken over) or released. */
  readonly signal: AbortSignal;
  /** Gives the claim back; idempotent; a claim that lapsed already is not an error. */
  release(): Promise<void>;
}

export interface Claims {
  /** Takes `name` for this process; undefined when anyone (this process included) holds it. */
  acquire(name: string): Promise<Claim | undefined>;
  /** Renews every held claim now (the background renewal calls it; tests call it to play a live holder). */
  renewAll(): Promise<void>;
  /** Stops renewing and gives back every claim held (at shutdown: others may take them at once). */
  close(): Promise<void>;
}

/** The claim that orders the writes of one need to the staff base (sync and erasure). */
export const needClaim = (reference: string): string => `need:${reference}`;
