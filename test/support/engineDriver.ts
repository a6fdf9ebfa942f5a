import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { capabilitiesOf } from '../../src/bot/channels';
import { runTurnWithReference } from '../../src/bot/runTurnWithReference';
import type { TurnInput } from '../../src/engine/machine';
import { plainText } from '../../src/engine/userText';
import type { ConversationState } from '../../src/engine/state';
import type { Flow } from '../../src/flow/model';
import type { NeedRecord } from '../../src/needs/record';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import type { Driver } from './driver';

/**
 * The engine with the real persistence and nothing else (no HTTP, adapter or bot): after each
 * turn the state is written through the SQLite Storage adapter and each need through the SQLite
 * journal, which also allocates the references; each turn starts from the state read back. A
 * restart closes the database, opens the file again and, given `reload`, loads the journey
 * afresh, so a restart script checks that the state survives the real store and a new Flow.
 */
export class EngineDriver implements Driver {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-driver-'));
  private db!: Database;
  private storage!: SqliteStorage;
  private journal!: SqliteNeedsJournal;
  private readonly key: string;

  constructor(
    private flow: Flow,
    private readonly clock: () => Date,
    private readonly channelId: string,
    private readonly conversationId: string,
    /** Loads the journey again at a restart (default: the same Flow object is kept). */
    private readonly reload?: () => Flow,
    /** The locale the channel gives each activity (the user's language before any answer). */
    private readonly locale = 'fr-FR',
  ) {
    this.key = `${channelId}/conversations/${conversationId}/`;
    // Opened here, not in start(): some tests play without calling start().
    this.open();
  }

  async start(): Promise<void> {}

  async send(input: TurnInput): Promise<string[]> {
    const now = this.clock();
    const stored = (await this.storage.read([this.key]))[this.key];
    const result = await runTurnWithReference(this.flow, stored?.state as ConversationState | undefined, { ...input, locale: this.locale }, {
      now,
      conversationId: this.conversationId,
      channel: capabilitiesOf(this.channelId).name,
      allocate: () => this.journal.nextReference(this.flow.settings.reference_prefix, now.getUTCFullYear()),
    });
    if (result.need) await this.journal.save(result.need.Besoins.Référence, this.conversationId, result.need);
    await this.storage.write({ [this.key]: { state: result.state, eTag: stored?.eTag } });
    return result.messages.map((m) => plainText(m.text));
  }

  async restart(): Promise<void> {
    closeDatabase(this.db);
    if (this.reload) this.flow = this.reload();
    this.open();
  }

  async stored(): Promise<NeedRecord[]> {
    return (await this.journal.byConversation(this.conversationId)).map((e) => e.record as NeedRecord);
  }

  async stop(): Promise<void> {
    closeDatabase(this.db);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private open(): void {
    this.db = openDatabase(this.dir);
    this.storage = new SqliteStorage(this.db, this.clock);
    this.journal = new SqliteNeedsJournal(this.db, this.clock);
  }
}
