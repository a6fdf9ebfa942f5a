import fs from 'node:fs';
import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ConversationState,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { airtableConfig, createAirtableRequest } from '../airtable/http';
import { flowStatusTexts, proactiveSend, StatusWatcher } from '../airtable/statusWatcher';
import { NeedsSync } from '../airtable/sync';
import { warmUpRecognizers } from '../answers';
import { QualificationBot } from '../bot/qualificationBot';
import type { Env } from '../config/env';
import { say } from '../engine/texts';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { PUBLIC_DIR } from '../paths';
import { closeDatabase, openDatabase } from '../stores/sqlite/database';
import { SqliteConversationReferences, SqliteStatusNotifications, SqliteWatermarks } from '../stores/sqlite/sqliteConversationReferences';
import { SqliteNeedsJournal } from '../stores/sqlite/sqliteNeedsJournal';
import { SqliteStorage } from '../stores/sqlite/sqliteStorage';

export interface AppOptions {
  env: Env;
  flow: Flow;
  log: Logger;
  /** The clock of every turn (tests fix it). */
  clock?: () => Date;
  /** How often staff decisions (Statut) are read from Airtable. Default 60 s. */
  statusPollMs?: number;
}

export interface App {
  server: restify.Server;
  journal: SqliteNeedsJournal;
  /** Resolves once the recognizers are warm: /readyz answers 200 from then on. */
  ready: Promise<void>;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The composition root: store, adapter, bot and HTTP routes. */
export function createApp({ env, flow, log, clock = () => new Date(), statusPollMs = 60_000 }: AppOptions): App {
  const db = openDatabase(path.resolve(env.DATA_DIR));
  const storage = new SqliteStorage(db);
  const journal = new SqliteNeedsJournal(db);
  const conversationState = new ConversationState(storage);
  const references = new SqliteConversationReferences(db);

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, err: Error) => {
    log.error({ err, conversationId: context.activity.conversation?.id }, 'turn failed');
    try {
      await context.sendActivity(say(flow, 'turn_error', flow.settings.default_language));
    } catch (sendErr) {
      log.warn({ err: sendErr }, 'could not tell the user about the failure');
    }
  };
  // The journal is the outbox: with Airtable configured, needs are pushed in the background.
  // Staff decisions (Statut) are told in the original conversation.
  const airtable = airtableConfig(env);
  const request = airtable && createAirtableRequest({ token: airtable.token, endpointUrl: airtable.endpointUrl, logger: log });
  const sync =
    airtable && request
      ? new NeedsSync({ journal, baseId: airtable.baseId, logger: log.child({ component: 'airtable-sync' }), request })
      : undefined;
  sync?.start(30_000);
  const watcher =
    airtable && request
      ? new StatusWatcher({
          request,
          baseId: airtable.baseId,
          references,
          notifications: new SqliteStatusNotifications(db),
          watermarks: new SqliteWatermarks(db),
          send: proactiveSend(adapter, env.MicrosoftAppId),
          texts: flowStatusTexts(flow),
          logger: log.child({ component: 'status-watcher' }),
        })
      : undefined;
  watcher?.start(statusPollMs);
  const bot = new QualificationBot({ flow, conversationState, journal, references, clock, log, onNeedRecorded: () => sync?.poke() });

  const server = restify.createServer({ name: 'qualification-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  let isReady = false;
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/readyz', (_req, res, next) => {
    res.send(isReady ? 200 : 503, { status: isReady ? 'ready' : 'warming up' });
    next();
  });
  const page = fs.readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
  server.get('/', (_req, res, next) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page);
    next();
  });

  const ready = warmUpRecognizers().then((ms) => {
    isReady = true;
    log.info({ warmUpMs: ms }, 'recognizers warm: ready');
  });

  return {
    server,
    journal,
    ready,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve) => server.listen(port, host, () => resolve((server.address() as { port: number }).port))),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sync?.stop();
      await watcher?.stop();
      closeDatabase(db);
    },
  };
}
