import { createHash } from 'node:crypto';
import type { NeedsJournal, JournalEntry } from '../stores/needsJournal';
import type { Outbox } from '../stores/outbox';
import type { PartnerKeyRecord, PartnerKeys } from '../stores/partnerKeys';
import { needRecordedEventSchema, needStatusChangedEventSchema } from './apiSchemas';
import { partnerNeedOf, sharedPartnerOf } from './needView';

/** The outbox kind of partners' webhooks. */
export const WEBHOOK_KIND = 'partner.webhook';

export type WebhookEvent = 'need.recorded' | 'need.status_changed';

/** What a webhook task carries: the body is fixed once, so every retry posts the same bytes (signed afresh). */
export interface WebhookPayload {
  keyId: string;
  partnerId: string;
  /** The `webhook-id` header: the same for every retry of this event, so the partner drops duplicates. */
  webhookId: string;
  event: WebhookEvent;
  reference: string;
  body: string;
}

/** One id per (partner, need, version or status, event), whichever key and however many retries. */
export function webhookId(partnerId: string, reference: string, version: string, event: WebhookEvent): string {
  return `msg_${createHash('sha256').update(JSON.stringify([partnerId, reference, version, event])).digest('hex').slice(0, 32)}`;
}

export interface PartnerWebhooksOptions {
  outbox: Outbox;
  keys: Pick<PartnerKeys, 'list'>;
  journal: Pick<NeedsJournal, 'get'>;
  /**
   * Not posted before this delay after the need is saved: a turn that cannot save its state
   * removes its new need meanwhile, and the webhook is then dropped (it checks the journal).
   */
  delayMs: number;
  now?: () => number;
  /** Told after new webhooks were queued (to deliver them sooner). */
  onQueued?: () => void;
}

/**
 * Queues the webhooks of a need shared with a partner (consent given): `need.recorded` each time
 * it is saved (each version), `need.status_changed` for each status staff set, to each key of
 * that partner with a webhook URL and the scope needs:read (contact details with needs:contact).
 * Queued in the durable outbox, delivered by webhookDelivery.ts.
 */
export class PartnerWebhooks {
  constructor(private readonly o: PartnerWebhooksOptions) {}

  async needSaved(entry: JournalEntry): Promise<number> {
    const partnerId = sharedPartnerOf(entry);
    if (!partnerId) return 0;
    const at = this.now();
    return this.queue(partnerId, entry, 'need.recorded', String(entry.version), this.o.delayMs, (key) => {
      const data = partnerNeedOf(entry, { contact: key.scopes.includes('needs:contact') });
      return data && JSON.stringify(needRecordedEventSchema.parse({ type: 'need.recorded', timestamp: new Date(at).toISOString(), data }));
    });
  }

  /** From the status watcher: any status read (told once per status value; `Nouveau` is the bot's own). */
  async statusSeen(reference: string, status: string): Promise<number> {
    if (status === 'Nouveau') return 0;
    const entry = await this.o.journal.get(reference);
    const partnerId = entry && sharedPartnerOf(entry);
    if (!entry || !partnerId) return 0;
    const at = new Date(this.now()).toISOString();
    const body = JSON.stringify(needStatusChangedEventSchema.parse({ type: 'need.status_changed', timestamp: at, data: { reference, status } }));
    return this.queue(partnerId, entry, 'need.status_changed', `status:${status}`, 0, () => body);
  }

  private async queue(
    partnerId: string,
    entry: JournalEntry,
    event: WebhookEvent,
    version: string,
    delayMs: number,
    bodyFor: (key: PartnerKeyRecord) => string | undefined,
  ): Promise<number> {
    const keys = (await this.o.keys.list()).filter((k) => k.partnerId === partnerId && !k.revokedAt && k.webhookUrl && k.scopes.includes('needs:read'));
    const id = webhookId(partnerId, entry.reference, version, event);
    let created = 0;
    for (const key of keys) {
      const body = bodyFor(key);
      if (!body) continue;
      const payload: WebhookPayload = { keyId: key.id, partnerId, webhookId: id, event, reference: entry.reference, body };
      const queued = await this.o.outbox.enqueue(WEBHOOK_KIND, `${key.id}:${id}`, payload, { subject: entry.conversationId, notBefore: this.now() + delayMs });
      if (queued.created) created++;
    }
    if (created) this.o.onQueued?.();
    return created;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}
