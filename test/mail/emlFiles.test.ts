import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { mailFilesDir } from '../../src/mail/mailFiles';
import { MAIL_KIND } from '../../src/mail/mailQueue';
import { messageIdOf } from '../../src/mail/outboxMailQueue';
import { PROJECT_ROOT } from '../../src/paths';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import { MailWorld } from './mailWorld';
import { ServerWorld, typedTurns } from './serverWorld';

const run = promisify(execFile);
const script = (name: string) => path.join(PROJECT_ROOT, 'dist', 'scripts', `${name}.js`);

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 20));
}

const emlFiles = (dataDir: string) => {
  const dir = mailFilesDir(dataDir);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
};

/** Without SMTP_URL (the local default) mails are .eml files that a new user can open. */
describe('mails as .eml files', () => {
  it('a completed request leaves its copy in DATA_DIR/outbox/, listed by mail:outbox; erasing the conversation deletes it', async () => {
    const world = new ServerWorld({}, { afterNeed: { deliveryDelayMs: 0 } });
    await world.start();
    try {
      const said = await world.play('conv-eml', typedTurns('freelance-technical-delivery-with-budget.yaml'));
      const reference = /PBL-2026-\d{5}/.exec(said.at(-1)!.join('\n'))![0];
      await until(() => emlFiles(world.dataDir).length === 1);
      const [file] = emlFiles(world.dataDir);
      const mail = await simpleParser(fs.readFileSync(path.join(mailFilesDir(world.dataDir), file)));
      expect(mail.subject).toBe(`Votre demande ${reference} est bien enregistrée`);
      expect(mail.messageId).toBe(messageIdOf(`need-recorded:${reference}`, 'Probono Lab <no-reply@localhost>'));
      expect(mail.to).toMatchObject({ value: [{ address: 'paul.girard@lesamisdelaloire.fr' }] });
      expect(mail.text).toContain('NOTRE RECOMMANDATION : Mission freelance');
      // The file name says nothing about the person.
      expect(file).toMatch(/^[0-9a-f]{16}-[0-9a-f]{32}\.eml$/);

      await until(async () => {
        const db = openDatabase(world.dataDir);
        try {
          return (await new SqliteTaskRecords(db).list({ kind: MAIL_KIND, status: 'done' })).length === 1;
        } finally {
          closeDatabase(db);
        }
      });
      const env = { PATH: process.env.PATH ?? '', DATA_DIR: world.dataDir, LOG_LEVEL: 'warn' };
      const { stdout } = await run(process.execPath, [script('mail-outbox')], { env });
      expect(stdout).toContain(`No SMTP_URL: mails are written as .eml files in ${mailFilesDir(world.dataDir)}.`);
      expect(stdout).toContain('Waiting 0, failed 0, sent or written 1.');
      expect(stdout).toContain(`- need-recorded:${reference} (`);
      expect(stdout).toContain(path.join(mailFilesDir(world.dataDir), file));
      expect(stdout).not.toContain('@lesamisdelaloire.fr');

      const erased = await world.play('conv-eml', ['supprimer mes données', 'oui']);
      expect(erased[1].join('\n')).toMatch(/supprim/i);
      expect(emlFiles(world.dataDir)).toEqual([]);
      const db = openDatabase(world.dataDir);
      try {
        expect(await new SqliteTaskRecords(db).list({ kind: MAIL_KIND })).toEqual([]);
      } finally {
        closeDatabase(db);
      }
    } finally {
      await world.stop();
      await world.cleanup();
    }
  });

  it('the outbox folder is made for the first mail, and again when it was removed since', async () => {
    const world = new MailWorld();
    try {
      const p = world.open();
      expect(fs.existsSync(mailFilesDir(world.dataDir))).toBe(false);
      await p.queue.enqueue({ id: 'f-1', to: 'a@example.org', lang: 'fr', template: 'callback-requested', vars: { reference: 'X' }, subject: 'conv-1' });
      expect(await p.worker.runDue()).toMatchObject({ done: 1 });
      expect(emlFiles(world.dataDir)).toHaveLength(1);
      // Someone cleans the folder away while the bot runs: the next mail is not lost.
      fs.rmSync(mailFilesDir(world.dataDir), { recursive: true });
      await p.queue.enqueue({ id: 'f-2', to: 'b@example.org', lang: 'en', template: 'callback-requested', vars: { reference: 'Y' }, subject: 'conv-2' });
      expect(await p.worker.runDue()).toMatchObject({ done: 1 });
      const files = emlFiles(world.dataDir);
      expect(files).toHaveLength(1);
      const mail = await simpleParser(fs.readFileSync(path.join(mailFilesDir(world.dataDir), files[0])));
      expect(mail.to).toMatchObject({ value: [{ address: 'b@example.org' }] });
      // Nothing half written is left beside it.
      expect(fs.readdirSync(mailFilesDir(world.dataDir))).toEqual(files);
      await world.close(p);
    } finally {
      await world.cleanup();
    }
  });

  it('a mail delivered again (its task retried after a crash) overwrites its own file: one file per mail id', async () => {
    const world = new MailWorld();
    try {
      const p = world.open();
      await p.queue.enqueue({ id: 'x-1', to: 'a@example.org', lang: 'en', template: 'callback-requested', vars: { reference: 'X' }, subject: 'conv-1' });
      await p.queue.enqueue({ id: 'x-2', to: 'b@example.org', lang: 'fr', template: 'callback-requested', vars: { reference: 'Y' }, subject: 'conv-2' });
      expect(await p.worker.runDue()).toMatchObject({ done: 2 });
      const [task] = await p.outbox.list({ kind: MAIL_KIND, id: 'x-1' });
      const before = emlFiles(world.dataDir).sort();
      expect(before).toHaveLength(2);
      // What a second attempt does when the first one's outcome was never recorded.
      const queued = (await p.outbox.list({ kind: MAIL_KIND })).find((t) => t.id === 'x-1')!;
      expect(queued.status).toBe('done');
      const again = await p.transport.deliver('x-1', 'conv-1', {
        template: 'callback-requested',
        lang: 'en',
        from: 'Probono Lab <no-reply@localhost>',
        to: 'a@example.org',
        subject: 'S',
        text: 'T',
        html: '<p>T</p>',
        messageId: messageIdOf('x-1', 'x@localhost'),
        date: task.createdAt,
      });
      expect(again.file).toBe((task.result as { file: string }).file);
      expect(emlFiles(world.dataDir).sort()).toEqual(before);

      // data:purge removes mail files as old as the conversations it purges.
      const old = new Date(Date.now() - 100 * 86_400_000);
      fs.utimesSync(path.join(mailFilesDir(world.dataDir), before[0]), old, old);
      await world.close(p);
      const env = { PATH: process.env.PATH ?? '', DATA_DIR: world.dataDir, LOG_LEVEL: 'warn' };
      const { stdout } = await run(process.execPath, [script('data-purge'), '--older-than', '90d'], { env });
      expect(stdout).toContain('and 1 mail file(s)');
      expect(emlFiles(world.dataDir)).toEqual([before[1]]);
    } finally {
      await world.cleanup();
    }
  });
});
