import type { Transporter } from 'nodemailer';
import type { MailPayload } from './outboxMailQueue';
import { mailFileName, writeMailFile } from './mailFiles';

/** How mails leave: an SMTP server (SMTP_URL), or `.eml` files under DATA_DIR/outbox/ without one. */
export interface MailTransport {
  kind: 'smtp' | 'file';
  /** Delivers one mail; resolves with what its task keeps as result (no personal data). */
  deliver(id: string, subject: string | undefined, mail: MailPayload): Promise<Record<string, unknown>>;
  close(): void;
}

export interface MailTransportOptions {
  /** smtp://user:pass@host:587 or smtps://…:465; absent: files. */
  smtpUrl?: string;
  /** Where files go when there is no SMTP server (DATA_DIR/outbox). */
  filesDir: string;
  /** Bounds of one SMTP attempt (connecting, greeting, any silence). Default 30 s each. */
  timeoutMs?: number;
}

/**
 * nodemailer is loaded with the first mail, not at start: a server starts before it sends
 * anything (about 40 ms of start-up, before /readyz, on this project's machine).
 */
function lazily(make: (nodemailer: typeof import('nodemailer')) => Transporter): { get(): Transporter; close(): void } {
  let made: Transporter | undefined;
  return {
    get: () => (made ??= make(require('nodemailer') as typeof import('nodemailer'))),
    close: () => made?.close(),
  };
}

export function createMailTransport(o: MailTransportOptions): MailTransport {
  const message = (m: MailPayload) => ({
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    date: new Date(m.date),
  });
  if (!o.smtpUrl) {
    const composer = lazily((nodemailer) => nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
    return {
      kind: 'file',
      async deliver(id, subject, mail) {
        const info = await composer.get().sendMail(message(mail));
        const name = mailFileName(id, subject);
        await writeMailFile(o.filesDir, name, info.message as Buffer);
        return { transport: 'file', file: name, messageId: mail.messageId };
      },
      close: () => composer.close(),
    };
  }
  const timeout = o.timeoutMs ?? 30_000;
  // One connection per mail (no pool): an outage costs one failed attempt, nothing stays half open.
  const smtp = lazily((nodemailer) => nodemailer.createTransport({ url: o.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }));
  return {
    kind: 'smtp',
    async deliver(_id, _subject, mail) {
      try {
        const info = await smtp.get().sendMail(message(mail));
        return { transport: 'smtp', messageId: mail.messageId, response: withoutAddresses(String(info.response ?? '')).slice(0, 200) };
      } catch (err) {
        throw new SmtpFailure(err);
      }
    },
    close: () => smtp.close(),
  };
}

/**
 * What the SMTP server said, without any address in it (logs and the outbox keep it). Permanent
 * when the server refused the recipient or the message for good (5xx): retrying the same mail
 * cannot help. A refused login (also 5xx) is not: it is fixed in SMTP_URL, then retried.
 */
export class SmtpFailure extends Error {
  readonly permanent: boolean;
  constructor(cause: unknown) {
    const e = (cause ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : 'ERROR';
    const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
    super(`SMTP ${code}${responseCode ? ` ${responseCode}` : ''}: ${withoutAddresses(String(e.message ?? cause)).slice(0, 500)}`);
    this.name = 'SmtpFailure';
    this.permanent = (code === 'EENVELOPE' || code === 'EMESSAGE') && responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  }
}

const withoutAddresses = (text: string): string => text.replace(/[^\s<>"'()[\]:;,]+@[^\s<>"'()[\]:;,]+/g, '[address]');
