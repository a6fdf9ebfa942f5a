import { Webhook } from 'standardwebhooks';
import type { Logger } from '../log';
import type { NeedsJournal } from '../stores/needsJournal';
import type { Outbox } from '../stores/outbox';
import { OutboxWorker, type TaskHandler, type TaskPolicy } from '../stores/outboxWorker';
import type { PartnerKeys } from '../stores/partnerKeys';
import { WEBHOOK_KIND, type WebhookPayload } from './webhooks';

/**
 * Retried for more than a day before it is given up: 10 s, doubling up to 4 hours, 23 attempts
 * (about 25 to 50 hours in all with the back-off's jitter). Given-up webhooks are listed by
 * `npm run needs:status`; the partner can still read the need through the API.
 */
export const WEBHOOK_POLICY: TaskPolicy = { maxAttempts: 23, backoffBaseMs: 10_000, backoffCapMs: 4 * 60 * 60_000 };

export interface WebhookDeliveryDeps {
  keys: Pick<PartnerKeys, 'get'>;
  journal: Pick<NeedsJournal, 'get'>;
  /** One attempt's bound. Default 15 s. */
  timeoutMs?: number;
  /** The signature's timestamp (Standard Webhooks receivers refuse one more than 5 minutes off). Default: now. */
  now?: () => number;
}

/**
 * Posts one webhook, signed as Standard Webhooks says (webhook-id, webhook-timestamp,
 * webhook-signature over id.timestamp.body with the key's whsec_ secret), signed afresh at each
 * attempt with the same id and body. Any 2xx is delivered; anything else, a redirect or no answer
 * in time is a failed attempt. A need erased meanwhile, or a key revoked, drops the webhook.
 */
export function webhookHandler(deps: WebhookDeliveryDeps): TaskHandler<WebhookPayload> {
  return async (p, { signal }) => {
    if (!(await deps.journal.get(p.reference))) return { dropped: 'the need is no longer in the journal' };
    const key = await deps.keys.get(p.keyId);
    if (!key || key.revokedAt || !key.webhookUrl || !key.webhookSecret) return { dropped: 'the key was revoked or has no webhook any more' };
    const timestamp = new Date((deps.now ?? Date.now)());
    const signature = new Webhook(key.webhookSecret).sign(p.webhookId, timestamp, p.body);
    const timeoutMs = deps.timeoutMs ?? 15_000;
    let res: Response;
    try {
      res = await fetch(key.webhookUrl, {
        method: 'POST',
        body: p.body,
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'probono-qualification-bot-webhooks/1',
          'webhook-id': p.webhookId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (err) {
      const name = (err as Error)?.name;
      throw new Error(name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `could not reach the partner: ${(err as Error)?.message ?? String(err)}`);
    }
    // Never read past a little: a partner's answer is not ours to keep.
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { status: res.status };
    throw new Error(`the partner answered ${res.status}`);
  };
}

export interface WebhookWorkerOptions extends WebhookDeliveryDeps {
  outbox: Outbox;
  logger: Logger;
  policy?: TaskPolicy;
  /** The outbox's clock, for the back-off. */
  clock?: () => number;
  random?: () => number;
}

export function webhookWorker(o: WebhookWorkerOptions): OutboxWorker<WebhookPayload> {
  return new OutboxWorker<WebhookPayload>({
    outbox: o.outbox,
    kind: WEBHOOK_KIND,
    handler: webhookHandler(o),
    policy: o.policy ?? WEBHOOK_POLICY,
    logger: o.logger,
    now: o.clock,
    random: o.random,
  });
}
