import path from 'node:path';
import type { Env } from '../config/env';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { mailFilesDir } from '../mail/mailFiles';
import type { MailQueue } from '../mail/mailQueue';
import { mailWorker } from '../mail/mailWorker';
import { needCopyMail, type SavedNeed } from '../mail/needCopy';
import { OutboxMailQueue, type MailPayload } from '../mail/outboxMailQueue';
import { createMailTransport, type MailTransport } from '../mail/transport';
import { webhookWorker } from '../partners/webhookDelivery';
import { PartnerWebhooks, type WebhookPayload } from '../partners/webhooks';
import type { Stores } from '../stores/createStores';
import type { OutboxWorker } from '../stores/outboxWorker';

/** What follows a need, run by the server: the association's copy by mail, partners' webhooks. */
export interface AfterNeed {
  /** The one mail queue (src/mail/mailQueue.ts), for whatever else sends mail. */
  mail: MailQueue;
  mailWorker: OutboxWorker<MailPayload>;
  webhooks: PartnerWebhooks;
  webhookWorker: OutboxWorker<WebhookPayload>;
  /** The bot's hook: a need was saved in the journal, the user is not told yet. Queues its mail and webhooks. */
  onNeedSaved(saved: SavedNeed): Promise<void>;
  /** The turn that recorded a need is saved: deliver when due. */
  poke(): void;
  stop(): Promise<void>;
}

export interface AfterNeedOptions {
  env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'PUBLIC_URL' | 'DATA_DIR' | 'NODE_ENV'>;
  stores: Pick<Stores, 'kind' | 'outbox' | 'journal' | 'partnerKeys'>;
  /** The live journey (mail templates). */
  flow: () => Flow;
  log: Logger;
  /** A need's mail and webhooks leave this long after it is saved at the earliest (see needCopy.ts). Default 5 s. */
  deliveryDelayMs?: number;
  /** Bounds of one SMTP attempt / one webhook post. */
  smtpTimeoutMs?: number;
  webhookTimeoutMs?: number;
  /** Longest wait between two passes of a worker (they also wake when a task falls due). Default 60 s. */
  intervalMs?: number;
}

export function startAfterNeed(o: AfterNeedOptions): AfterNeed {
  const { env, stores, log } = o;
  const delayMs = o.deliveryDelayMs ?? 5_000;
  const transport: MailTransport = createMailTransport({ smtpUrl: env.SMTP_URL, filesDir: mailFilesDir(env.DATA_DIR), timeoutMs: o.smtpTimeoutMs });
  if (transport.kind === 'file') {
    const where = path.join(env.DATA_DIR, 'outbox');
    if (stores.kind === 'azure' || env.NODE_ENV === 'production') {
      log.warn({ folder: where }, 'no SMTP_URL: mails are written as .eml files on this instance\'s own disk (each instance its own, lost with the container): set SMTP_URL');
    } else log.info({ folder: where }, 'no SMTP_URL: mails are written as .eml files (npm run mail:outbox lists them)');
  }
  const mails = mailWorker({ outbox: stores.outbox, transport, journal: stores.journal, logger: log.child({ component: 'mail' }) });
  const posts = webhookWorker({ outbox: stores.outbox, keys: stores.partnerKeys, journal: stores.journal, timeoutMs: o.webhookTimeoutMs, logger: log.child({ component: 'webhooks' }) });
  const mail = new OutboxMailQueue({ outbox: stores.outbox, templates: o.flow, from: env.MAIL_FROM, onQueued: () => mails.poke() });
  const webhooks = new PartnerWebhooks({ outbox: stores.outbox, keys: stores.partnerKeys, journal: stores.journal, delayMs, onQueued: () => posts.poke() });
  mails.start(o.intervalMs ?? 60_000);
  posts.start(o.intervalMs ?? 60_000);
  return {
    mail,
    mailWorker: mails,
    webhooks,
    webhookWorker: posts,
    async onNeedSaved(saved) {
      const copy = needCopyMail(saved, { publicUrl: env.PUBLIC_URL, delayMs });
      if (copy) await mail.enqueue(copy);
      await webhooks.needSaved(saved.entry);
    },
    poke: () => {
      mails.poke();
      posts.poke();
    },
    async stop() {
      await Promise.all([mails.stop(), posts.stop()]);
      transport.close();
    },
  };
}
