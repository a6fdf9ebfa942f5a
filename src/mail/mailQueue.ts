import type { Locale } from '../answers/types';

/**
 * The mail queue: the one way anything in the bot sends an email (the copy of a need, how to
 * prepare a mission, an evaluation invitation). A mail is a durable outbox task (kind `mail`,
 * src/stores/outbox.ts): `enqueue` renders the template of dialogs/mail/ at once and writes the
 * finished message (subject, text, HTML, Message-ID, date) before it resolves; a worker delivers
 * it in the background (SMTP, or an `.eml` file under DATA_DIR/outbox/ without SMTP_URL), with
 * retries and back-off. A retry sends the very same message, so a receiver sees one mail.
 *
 * Callers never talk to SMTP, and never format mail text in code: wording is in dialogs/mail/.
 */

/**
 * Placeholder values of a template (`{{name}}`). Every value is a user value: it is HTML-escaped
 * in the HTML body. A list (string[]) becomes lines starting with "- " in the text body and a
 * `<ul>` in the HTML body. An undefined value renders empty.
 */
export type MailVars = Readonly<Record<string, string | number | readonly string[] | undefined>>;

export interface MailRequest {
  /**
   * The mail's stable identity: enqueuing an id twice sends one mail (the first one's content).
   * Name it after what it is about, e.g. `need-recorded:PBL-2026-00042:v2`,
   * `evaluation-invite:PBL-2026-00042:hot`. It fixes the Message-ID.
   */
  id: string;
  /** One address. */
  to: string;
  lang: Locale;
  /** A template of dialogs/mail/: its file name without `.yaml` (e.g. `need-recorded`). */
  template: string;
  vars: MailVars;
  /**
   * Whose data the mail carries: the conversation id. Erasing that conversation deletes the mail
   * (waiting or written as .eml), see src/privacy/eraseConversation.ts. Not the mail's subject
   * line, which is the template's.
   */
  subject?: string;
  /** Not sent before this time (epoch ms): scheduled mails. Default: as soon as possible. */
  notBefore?: number;
  /**
   * The need (its reference) the mail is about: the mail is dropped, not sent, if that need is no
   * longer in the journal when it is due (erased, or removed because its turn could not be saved).
   */
  need?: string;
}

export interface QueuedMail {
  id: string;
  /** False when a mail with this id was already queued (or sent): nothing new was written. */
  created: boolean;
}

export interface MailQueue {
  /**
   * Renders and queues the mail; durable when it resolves. Rejects with MailRequestError for an
   * unknown template or an address that is not one (a bug of the caller, not a delivery failure).
   */
  enqueue(mail: MailRequest): Promise<QueuedMail>;
}

/** A mail that cannot be queued as asked (unknown template, bad address, empty id). */
export class MailRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailRequestError';
  }
}

/** The outbox kind of mails. */
export const MAIL_KIND = 'mail';
