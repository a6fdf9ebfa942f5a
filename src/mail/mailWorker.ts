import type { Logger } from '../log';
import type { NeedsJournal } from '../stores/needsJournal';
import type { Outbox } from '../stores/outbox';
import { OutboxWorker, TaskFailedForGood, type TaskHandler, type TaskPolicy } from '../stores/outboxWorker';
import { MAIL_KIND } from './mailQueue';
import type { MailPayload } from './outboxMailQueue';
import { SmtpFailure, type MailTransport } from './transport';

/**
 * Retried through an SMTP outage of about two to four days: 30 s, doubling up to an hour, 100
 * attempts (the back-off's jitter takes up to half of each wait). Then given up, shown by
 * `npm run mail:outbox`, its message kept. A recipient refused for good is given up at once.
 */
export const MAIL_POLICY: TaskPolicy = { maxAttempts: 100, backoffBaseMs: 30_000, backoffCapMs: 60 * 60_000 };

export interface MailHandlerDeps {
  transport: MailTransport;
  /** To drop a mail about a need that is gone (MailRequest.need). */
  journal: Pick<NeedsJournal, 'get'>;
}

export function mailHandler(deps: MailHandlerDeps): TaskHandler<MailPayload> {
  return async (mail, { task }) => {
    if (mail.need && !(await deps.journal.get(mail.need))) return { dropped: 'the need is no longer in the journal' };
    try {
      return await deps.transport.deliver(task.id, task.subject, mail);
    } catch (err) {
      if (err instanceof SmtpFailure && err.permanent) throw new TaskFailedForGood(err.message);
      throw err;
    }
  };
}

export interface MailWorkerOptions extends MailHandlerDeps {
  outbox: Outbox;
  logger: Logger;
  now?: () => number;
  random?: () => number;
  policy?: TaskPolicy;
}

/** The worker that delivers the `mail` tasks of the outbox. */
export function mailWorker(o: MailWorkerOptions): OutboxWorker<MailPayload> {
  return new OutboxWorker<MailPayload>({
    outbox: o.outbox,
    kind: MAIL_KIND,
    handler: mailHandler(o),
    policy: o.policy ?? MAIL_POLICY,
    logger: o.logger,
    now: o.now,
    random: o.random,
  });
}
