import { MAIL_KIND, MailRequestError } from '../../src/mail/mailQueue';
import { messageIdOf } from '../../src/mail/outboxMailQueue';
import { makeRecord } from '../airtable/helpers';
import { FROM, MailWorld } from './mailWorld';
import { SmtpStandIn } from './smtpStandIn';

/** Mails through a real SMTP server on loopback: outages, refusals, restarts; one message per mail id. */
describe('mail delivery over SMTP', () => {
  let world: MailWorld;
  let smtp: SmtpStandIn;

  beforeEach(async () => {
    world = new MailWorld();
    smtp = new SmtpStandIn();
    await smtp.start();
  });
  afterEach(async () => {
    await smtp.stop();
    await world.cleanup();
  });

  const mail = (id: string, lang: 'fr' | 'en' = 'fr') => ({
    id,
    to: `${id}@example.org`,
    lang,
    template: 'callback-requested',
    vars: { reference: id, contact_name: 'Camille', summary: ['Nom : Les Jardins'], callback_phone: '06 12 34 56 78' },
    subject: `conversation-${id}`,
  });

  it('an SMTP outage, then a busy server, then a restart: every mail arrives once, with the Message-ID of its id', async () => {
    let p = world.open(smtp.url);
    for (const id of ['m-1', 'm-2', 'm-3']) expect(await p.queue.enqueue(mail(id))).toEqual({ id, created: true });
    // A retried request queues nothing new.
    expect(await p.queue.enqueue(mail('m-1'))).toEqual({ id: 'm-1', created: false });

    await smtp.stop();
    expect(await p.worker.runDue()).toMatchObject({ failed: 3, done: 0 });
    const down = await p.outbox.get(MAIL_KIND, 'm-1');
    expect(down).toMatchObject({ status: 'pending', attempts: 1 });
    expect(down!.lastError).toMatch(/^SMTP E[A-Z]+/);
    // Not tried again before its back-off.
    expect(await p.worker.runDue()).toMatchObject({ failed: 0, done: 0 });

    smtp.mode = 'busy';
    await smtp.start();
    world.now = down!.nextAttemptAt;
    expect(await p.worker.runDue()).toMatchObject({ failed: 3, done: 0 });
    expect(smtp.dataCommands).toBe(3);
    expect(smtp.received).toHaveLength(0);
    expect((await p.outbox.get(MAIL_KIND, 'm-2'))!.lastError).toMatch(/421/);

    // The process stops; another starts on the same store; the relay is back.
    await world.close(p);
    p = world.open(smtp.url);
    smtp.mode = 'accept';
    world.now += 24 * 3_600_000;
    expect(await p.worker.runDue()).toMatchObject({ done: 3, failed: 0 });
    world.now += 30 * 86_400_000;
    expect(await p.worker.runDue()).toMatchObject({ done: 0, failed: 0 });
    expect(await p.queue.enqueue(mail('m-2'))).toMatchObject({ created: false });
    expect(await p.worker.runDue()).toMatchObject({ done: 0 });

    expect(smtp.received).toHaveLength(3);
    const ids = smtp.received.map((r) => r.mail.messageId).sort();
    expect(ids).toEqual(['m-1', 'm-2', 'm-3'].map((id) => messageIdOf(id, FROM)).sort());
    expect(new Set(smtp.received.map((r) => r.to[0]))).toEqual(new Set(['m-1@example.org', 'm-2@example.org', 'm-3@example.org']));
    // The Date is when the mail was queued: the same message whatever attempt delivered it.
    expect(smtp.received.every((r) => r.mail.date?.toISOString() === new Date(Date.UTC(2026, 10, 23, 9)).toISOString())).toBe(true);
    const task = await p.outbox.get(MAIL_KIND, 'm-3');
    expect(task).toMatchObject({ status: 'done', attempts: 2, result: { transport: 'smtp', messageId: messageIdOf('m-3', FROM) } });
    expect(task!.payload).toBeUndefined();
  });

  it('a recipient refused for good is given up at once, the message kept, no address in what is logged or kept', async () => {
    const p = world.open(smtp.url);
    await p.queue.enqueue(mail('m-9'));
    smtp.mode = 'refuse-recipient';
    expect(await p.worker.runDue()).toMatchObject({ gaveUp: 1 });
    const task = await p.outbox.get(MAIL_KIND, 'm-9');
    expect(task).toMatchObject({ status: 'gave_up', attempts: 1, payload: { to: 'm-9@example.org' } });
    expect(task!.lastError).toMatch(/550/);
    expect(task!.lastError).not.toContain('@example.org');
    expect(JSON.stringify(world.log.lines())).not.toContain('m-9@example.org');
  });

  it('wrong credentials in SMTP_URL are a failure retried later, not a refusal for good', async () => {
    const p = world.open(smtp.url.replace(encodeURIComponent(smtp.password), 'wrong'));
    await p.queue.enqueue(mail('m-4'));
    expect(await p.worker.runDue()).toMatchObject({ failed: 1, gaveUp: 0 });
    expect((await p.outbox.get(MAIL_KIND, 'm-4'))!.lastError).toMatch(/EAUTH/);
  });

  it('a mail about a need that is gone (erased, or dropped with its failed turn) is not sent', async () => {
    const p = world.open(smtp.url);
    await p.journal.save('PBL-2026-00007', 'conv-7', makeRecord('PBL-2026-00007'));
    await p.journal.save('PBL-2026-00008', 'conv-8', makeRecord('PBL-2026-00008'));
    await p.queue.enqueue({ ...mail('m-7'), need: 'PBL-2026-00007' });
    await p.queue.enqueue({ ...mail('m-8'), need: 'PBL-2026-00008' });
    await p.journal.erase('PBL-2026-00007');
    expect(await p.worker.runDue()).toMatchObject({ done: 2 });
    expect(smtp.received.map((r) => r.to[0])).toEqual(['m-8@example.org']);
    expect(await p.outbox.get(MAIL_KIND, 'm-7')).toMatchObject({ status: 'done', result: { dropped: 'the need is no longer in the journal' } });
  });

  it('refuses, before queuing anything, a mail with an unknown template or not one address', async () => {
    const p = world.open(smtp.url);
    await expect(p.queue.enqueue({ ...mail('m-5'), template: 'nope' })).rejects.toThrow(MailRequestError);
    await expect(p.queue.enqueue({ ...mail('m-6'), to: 'a@example.org, b@example.org' })).rejects.toThrow(MailRequestError);
    await expect(p.queue.enqueue({ ...mail('m-6'), to: 'a@example.org\r\nBcc: b@example.org' })).rejects.toThrow(/one email address/);
    expect(await p.outbox.list({ kind: MAIL_KIND })).toEqual([]);
  });

  it('a scheduled mail waits for its date', async () => {
    const p = world.open(smtp.url);
    await p.queue.enqueue({ ...mail('m-10'), notBefore: world.now + 86_400_000 });
    expect(await p.worker.runDue()).toMatchObject({ done: 0 });
    world.now += 86_400_000;
    expect(await p.worker.runDue()).toMatchObject({ done: 1 });
    expect(smtp.received).toHaveLength(1);
  });
});
