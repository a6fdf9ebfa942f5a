/**
 * Partners' API keys (src/partners/): who may read the partner API, in which scopes, and where
 * its webhooks go. The key itself is never stored, only its SHA-256 digest; the webhook secret
 * is (the bot signs with it), and neither is ever logged.
 */
export interface PartnerKeyRecord {
  /** Public id, also inside the key (`pk_<id>_<secret>`): how a request's key is found. */
  id: string;
  /** A partner of dialogs/partners.yaml. */
  partnerId: string;
  /** SHA-256 of the whole key, hex. */
  keyHash: string;
  scopes: string[];
  /** Where the partner's webhooks are posted; none: no webhooks. */
  webhookUrl?: string;
  /** `whsec_…` (Standard Webhooks): signs the webhooks of this key. */
  webhookSecret?: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Set once revoked: the key is refused and its webhooks stop. */
  revokedAt?: string;
}

export interface PartnerKeys {
  /** Stores a new key; rejects if the id exists. */
  add(key: PartnerKeyRecord): Promise<void>;
  get(id: string): Promise<PartnerKeyRecord | undefined>;
  /** Every key, revoked ones too, oldest first. */
  list(): Promise<PartnerKeyRecord[]>;
  /** Marks the key revoked (once: a second call keeps the first date); false when there is no such key. */
  revoke(id: string, at: Date): Promise<boolean>;
}
