import { CloudAdapter, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { airtableConfig } from '../airtable/http';
import { flowStatusTexts, proactiveSend } from '../airtable/statusDelivery';
import { type AirtableWorkers, startAirtableWorkers } from '../airtable/workers';
import { warmUpRecognizers } from '../answers';
import { KNOWN_CHANNEL_IDS } from '../bot/channels';
import { OptimisticConversationState } from '../bot/optimisticState';
import { QualificationBot } from '../bot/qualificationBot';
import { warmUpCards } from '../bot/render';
import { type Env, isLocalMode, listenHost } from '../config/env';
import { say } from '../engine/texts';
import { InsightsRecorder } from '../insights/recorder';
import { OpeningJourney, openJourney } from '../journey/liveJourney';
import type { Flow } from '../flow/model';
import { TokenBuckets } from '../http/tokenBucket';
import type { Logger } from '../log';
import { type ErasureDeps, eraseConversation } from '../privacy/eraseConversation';
import { createStores } from '../stores/createStores';
import type { NeedsJournal } from '../stores/needsJournal';
import { registerStudioAuth, type StudioAuth } from '../studio/http/registerStudioAuth';
import { registerStudio, type Studio } from '../studio/registerStudio';
import { registerWebRoutes } from '../web';
import { botAuthentication } from './botAuth';
import { installHttpGuards } from './httpGuards';
import { localServiceUrls } from './localMode';
import { registerMessagesRoute } from './messagesRoute';

export interface AppOptions {
  env: Env;
  flow: Flow;
  log: Logger;
  /** The clock of every turn (tests fix it). */
  clock?: () => Date;
  /** How often staff decisions (Statut) are read from Airtable. Default 60 s. */
  statusPollMs?: number;
  /** Where the studio's local sign-in link is printed (default: standard output). */
  print?: (line: string) => void;
  /** Where the studio page's build is (default dist/studio). */
  studioPageDir?: string;
}

export interface App {
  server: restify.Server;
  journal: NeedsJournal;
  /** The background work with the staff base, when Airtable is configured (operators and tests may run a pass now). */
  airtable?: AirtableWorkers;
  /** Resolves once the recognizers are warm: /readyz answers 200 from then on. */
  ready: Promise<void>;
  /** The studio's door: wrap each /studio route with `studio.staffOnly`. */
  studio: StudioAuth;
  /** The studio's routes (its try pane's sessions). */
  studioRoutes: Studio;
  /** Local mode: the serviceUrl of the server's own Bot Connector routes (with its secret path). */
  localServiceUrl?: () => string;
  /** Listens on `host` (default: listenHost of the environment); resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The composition root: store, adapter, bot and HTTP routes. */
export function createApp({ env, flow, log, clock = () => new Date(), statusPollMs = 60_000, print, studioPageDir }: AppOptions): App {
  const stores = createStores(env, { log });
  const { storage, journal } = stores;
  // `flow` is the repository's journey: version 1 of a fresh store; the store's live version is served.
  const journeys = new OpeningJourney(() => openJourney(stores.journey, flow, log), flow);
  const insights = new InsightsRecorder(stores.insights, { timeZone: flow.calendar.time_zone, log: log.child({ component: 'insights' }) });
  const conversationState = new OptimisticConversationState(storage);
  const references = stores.references;

  const auth = botAuthentication(env);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, err: Error) => {
    log.error({ err, conversationId: context.activity.conversation?.id }, 'turn failed');
    try {
      const live = journeys.latest();
      await context.sendActivity(say(live, 'turn_error', live.settings.default_language));
    } catch (sendErr) {
      log.warn({ err: sendErr }, 'could not tell the user about the failure');
    }
  };
  // The journal is the outbox: with Airtable configured, needs are pushed in the background,
  // staff decisions (Statut) are told in the original conversation, erasures reach the base.
  const airtableSettings = airtableConfig(env);
  const airtable = airtableSettings
    ? startAirtableWorkers({ config: airtableSettings, stores, send: proactiveSend(adapter, env.MicrosoftAppId), texts: flowStatusTexts({ get texts() { return journeys.latest().texts; } }), log, statusPollMs })
    : undefined;
  const erasure: ErasureDeps = {
    storage,
    journal,
    references,
    outbox: stores.outbox,
    airtable: !!airtable,
    channelIds: KNOWN_CHANNEL_IDS,
    onQueued: () => airtable?.erasures.poke(),
    log,
  };
  const bot = new QualificationBot({
    journeys,
    insights,
    conversationState,
    journal,
    references,
    clock,
    log,
    onNeedRecorded: () => airtable?.sync.poke(),
    erase: (conversationId, channelId) => eraseConversation(erasure, conversationId, channelId),
  });

  const server = restify.createServer({ name: 'qualification-bot', handleUncaughtExceptions: false });
  // No global body parser: each route that takes a body reads it with src/http/jsonBody.ts.
  installHttpGuards(server, { env, log });
  // The studio's door (sign-in, sessions, CSRF) stands in front of every /studio route.
  const studio = registerStudioAuth(server, { env, log, print });

  const web = registerWebRoutes(server, { env, flow: () => journeys.latest(), log });
  const studioRoutes = registerStudio(server, {
    auth: studio,
    journeys: { store: stores.journey, registry: async () => (await journeys.ready()).registry },
    insights: { store: stores.insights, flush: () => insights.flush() },
    clock,
    log,
    webStyle: web.style,
    pageDir: studioPageDir,
  });
  let isReady = false;
  registerMessagesRoute(server, {
    adapter,
    auth,
    bot,
    flow: () => journeys.latest(),
    log,
    limiter: new TokenBuckets({ capacity: env.RATE_LIMIT_BURST, refillPerSecond: env.RATE_LIMIT_PER_MINUTE / 60 }),
    acceptsServiceUrl: isLocalMode(env) ? localServiceUrls(web.localServiceUrl, env.LOCAL_EMULATOR) : undefined,
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/readyz', (_req, res, next) => {
    res.send(isReady ? 200 : 503, { status: isReady ? 'ready' : 'warming up' });
    next();
  });

  const ready = Promise.all([warmUpRecognizers(), journeys.ready()]).then(([ms]) => {
    // The live journey's cards, before the first user gets one (render.ts).
    warmUpCards(journeys.latest());
    // Logged first: whoever sees /readyz answer 200 finds the line already written.
    log.info({ warmUpMs: ms }, 'recognizers warm: ready');
    isReady = true;
  });

  return {
    server,
    journal,
    airtable,
    ready,
    localServiceUrl: web.localServiceUrl,
    studio,
    studioRoutes,
    listen: (port, host = listenHost(env)) =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          resolve((server.address() as { port: number }).port);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await airtable?.stop();
      await insights.close();
      await stores.close();
    },
  };
}
