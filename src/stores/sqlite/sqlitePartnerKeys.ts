import type { PartnerKeyRecord, PartnerKeys } from '../partnerKeys';
import type { Database } from './database';

/** Schema step for MIGRATIONS in database.ts: partners' API keys (src/stores/partnerKeys.ts). */
export const PARTNER_KEYS_MIGRATION = `
  CREATE TABLE partner_keys (
    id             TEXT PRIMARY KEY,
    partner_id     TEXT NOT NULL,
    key_hash       TEXT NOT NULL,  -- SHA-256 of the key, hex: the key itself is never stored
    scopes         TEXT NOT NULL,  -- JSON array
    webhook_url    TEXT,
    webhook_secret TEXT,
    created_at     TEXT NOT NULL,  -- ISO 8601 UTC
    revoked_at     TEXT
  );
`;

interface Row {
  id: string;
  partner_id: string;
  key_hash: string;
  scopes: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  created_at: string;
  revoked_at: string | null;
}

const COLUMNS = 'id, partner_id, key_hash, scopes, webhook_url, webhook_secret, created_at, revoked_at';

export class SqlitePartnerKeys implements PartnerKeys {
  constructor(private readonly db: Database) {}

  async add(key: PartnerKeyRecord): Promise<void> {
    // INSERT OR IGNORE: a taken id is told in the same words as on Azure, not as a driver error.
    const r = this.db
      .prepare(`INSERT OR IGNORE INTO partner_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(key.id, key.partnerId, key.keyHash, JSON.stringify(key.scopes), key.webhookUrl ?? null, key.webhookSecret ?? null, key.createdAt, key.revokedAt ?? null);
    if (r.changes === 0) throw new Error(`A partner key ${key.id} already exists`);
  }

  async get(id: string): Promise<PartnerKeyRecord | undefined> {
    const row = this.db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM partner_keys WHERE id = ?`).get(id);
    return row && toRecord(row);
  }

  async list(): Promise<PartnerKeyRecord[]> {
    return this.db.prepare<[], Row>(`SELECT ${COLUMNS} FROM partner_keys ORDER BY created_at, id`).all().map(toRecord);
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const r = this.db.prepare('UPDATE partner_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at.toISOString(), id);
    return r.changes > 0;
  }
}

function toRecord(row: Row): PartnerKeyRecord {
  return {
    id: row.id,
    partnerId: row.partner_id,
    keyHash: row.key_hash,
    scopes: JSON.parse(row.scopes) as string[],
    ...(row.webhook_url !== null ? { webhookUrl: row.webhook_url } : {}),
    ...(row.webhook_secret !== null ? { webhookSecret: row.webhook_secret } : {}),
    createdAt: row.created_at,
    ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
  };
}
