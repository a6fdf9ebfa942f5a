import { createHash } from 'node:crypto';
import type { Locale } from '../answers/types';
import type { Flow } from '../flow/model';
import type { Outbox } from '../stores/outbox';
import { MAIL_KIND, type MailQueue, type MailRequest, MailRequestError, type QueuedMail } from './mailQueue';
import { renderMail } from './render';

/** What a mail task carries: the finished message, so that every attempt sends the same bytes. */
export interface MailPayload {
  template: string;
  lang: Locale;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@domain>`, fixed by the mail id. */
  messageId: string;
  /** The Date header (ISO 8601): when the mail was queued. */
  date: string;
  /** The need the mail is about (see MailRequest.need). */
  need?: string;
}

export interface OutboxMailQueueOptions {
  outbox: Outbox;
  /** The journey whose templates are used (the live one: a mail is written now, whatever version a conversation runs on). */
  templates: () => Pick<Flow, 'mail'>;
  /** MAIL_FROM. */
  from: string;
  /** Told after a new mail was queued (to deliver it sooner). */
  onQueued?: (id: string) => void;
  now?: () => number;
}

/** One address, practical syntax (the same the email question accepts), no display name. */
const ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;

export const isMailAddress = (text: string): boolean => text.length <= 254 && ADDRESS.test(text);

/** The Message-ID of a mail id: the same id always names the same message. */
export function messageIdOf(id: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${createHash('sha256').update(id).digest('hex').slice(0, 40)}@${domain}>`;
}

/** The MailQueue (src/mail/mailQueue.ts) on the durable outbox. */
export class OutboxMailQueue implements MailQueue {
  constructor(private readonly o: OutboxMailQueueOptions) {}

  async enqueue(mail: MailRequest): Promise<QueuedMail> {
    if (!mail.id) throw new MailRequestError('a mail needs an id');
    if (!isMailAddress(mail.to)) throw new MailRequestError(`mail ${mail.id}: the recipient is not one email address`);
    const template = this.o.templates().mail[mail.template];
    if (!template) throw new MailRequestError(`mail ${mail.id}: no template dialogs/mail/${mail.template}.yaml`);
    const now = (this.o.now ?? Date.now)();
    const payload: MailPayload = {
      template: mail.template,
      lang: mail.lang,
      from: this.o.from,
      to: mail.to,
      ...renderMail(template, mail.lang, mail.vars),
      messageId: messageIdOf(mail.id, this.o.from),
      date: new Date(mail.notBefore ?? now).toISOString(),
      ...(mail.need ? { need: mail.need } : {}),
    };
    const { created } = await this.o.outbox.enqueue(MAIL_KIND, mail.id, payload, { subject: mail.subject, notBefore: mail.notBefore });
    if (created) this.o.onQueued?.(mail.id);
    return { id: mail.id, created };
  }
}
