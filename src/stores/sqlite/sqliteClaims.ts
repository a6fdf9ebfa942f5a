import { randomUUID } from 'node:crypto';
import { LeasedClaims, type LeasedClaimsOptions } from '../leasedClaims';
import type { Database } from './database';

export interface SqliteClaimsOptions extends LeasedClaimsOptions {
  /** Lease length. Default 60 s. */
  leaseMs?: number;
}

/**
 * Claims in the SQLite file (table `claims`), shared by every process that opens it: the server
 * and `needs:sync` or `needs:erase` beside it. One statement takes a free or lapsed name, so two
 * processes never both get it.
 */
export function sqliteClaims(db: Database, options: SqliteClaimsOptions = {}): LeasedClaims {
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  const now = options.now ?? Date.now;
  const take = db.prepare<[string, string, number, number]>(
    `INSERT INTO claims (name, owner, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
     WHERE claims.expires_at <= ?`,
  );
  const extend = db.prepare<[number, string, string]>('UPDATE claims SET expires_at = ? WHERE name = ? AND owner = ?');
  const drop = db.prepare<[string, string]>('DELETE FROM claims WHERE name = ? AND owner = ?');
  return new LeasedClaims(
    {
      leaseMs,
      tryAcquire: async (name) => {
        const t = now();
        return take.run(name, owner, t + leaseMs, t).changes > 0;
      },
      renew: async (name) => extend.run(now() + leaseMs, name, owner).changes > 0,
      release: async (name) => {
        drop.run(name, owner);
      },
    },
    options,
  );
}
