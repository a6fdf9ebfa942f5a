import path from 'node:path';
import { mailFilesDir } from '../../src/mail/mailFiles';
import { mailWorker, MAIL_POLICY } from '../../src/mail/mailWorker';
import { OutboxMailQueue } from '../../src/mail/outboxMailQueue';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { ClaimingOutbox } from '../../src/stores/claimingOutbox';
import type { LeasedClaims } from '../../src/stores/leasedClaims';
import type { OutboxWorker } from '../../src/stores/outboxWorker';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { sqliteClaims } from '../../src/stores/sqlite/sqliteClaims';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import type { MailPayload } from '../../src/mail/outboxMailQueue';
import { captureLogger, projectFlow } from '../airtable/helpers';
import { makeTempDir } from '../stores/tempDir';

export const FROM = 'Probono Lab <bonjour@probono-lab.example>';

/** What one bot process holds of the mail: its store connection, queue, transport and worker. */
export interface MailProcess {
  db: Database;
  claims: LeasedClaims;
  outbox: ClaimingOutbox;
  journal: SqliteNeedsJournal;
  queue: OutboxMailQueue;
  transport: MailTransport;
  worker: OutboxWorker<MailPayload>;
}

/**
 * The mail pipeline over a real SQLite store in a temporary DATA_DIR, on a clock the test moves:
 * `open` is a process starting on that store (a restart opens another one after `close`).
 */
export class MailWorld {
  readonly temp = makeTempDir();
  readonly dataDir = path.join(this.temp.dir, 'data');
  now = Date.UTC(2026, 10, 23, 9);
  readonly log = captureLogger();
  private readonly opened: MailProcess[] = [];

  open(smtpUrl?: string): MailProcess {
    const clock = () => this.now;
    const db = openDatabase(this.dataDir);
    const claims = sqliteClaims(db, { now: clock, leaseMs: 365 * 86_400_000 });
    const outbox = new ClaimingOutbox(new SqliteTaskRecords(db), claims, clock);
    const journal = new SqliteNeedsJournal(db, () => new Date(this.now));
    const transport = createMailTransport({ smtpUrl, filesDir: mailFilesDir(this.dataDir), timeoutMs: 5_000 });
    const worker = mailWorker({ outbox, transport, journal, logger: this.log.logger, now: clock, random: () => 0.5, policy: MAIL_POLICY });
    const queue = new OutboxMailQueue({ outbox, templates: projectFlow, from: FROM, now: clock });
    const process = { db, claims, outbox, journal, queue, transport, worker };
    this.opened.push(process);
    return process;
  }

  async close(process: MailProcess): Promise<void> {
    await process.worker.stop();
    process.transport.close();
    await process.claims.close();
    closeDatabase(process.db);
    this.opened.splice(this.opened.indexOf(process), 1);
  }

  async cleanup(): Promise<void> {
    for (const p of [...this.opened]) await this.close(p);
    this.temp.cleanup();
  }
}
