import type { TurnContext } from 'botbuilder';
import { stopEnglishWarmUp } from '../answers';
import restify from 'restify';
import { type AirtableCall, airtableConfig } from '../airtable/http';
import { flowStatusTexts, proactiveSend, proactiveTurn } from '../airtable/statusDelivery';
import { type AirtableWorkers, startAirtableWorkers } from '../airtable/workers';
import { KNOWN_CHANNEL_IDS } from '../bot/channels';
import { conversationStarter } from '../bot/evaluationStarter';
import { OptimisticConversationState } from '../bot/optimisticState';
import { turnLanguage } from '../bot/turnLanguage';
import { QualificationBot } from '../bot/qualificationBot';
import { warmUpCards } from '../bot/render';
import { collectStartupGarbage } from './startupGarbage';
import { warmUpFirstTurn } from './warmUpFirstTurn';
import { AuthenticatedAdapter } from './authenticatedAdapter';
import { ReusingBotFrameworkAuthentication } from './reusedClients';
import { type Env, isLocalMode, listenHost } from '../config/env';
import { say } from '../engine/texts';
import { type FollowUps, followUps } from '../evaluations/followUpWorkers';
import { evaluationMailOn, linkSecret } from '../evaluations/settings';
import { InsightsRecorder } from '../insights/recorder';
import { OpeningJourney, openJourney } from '../journey/liveJourney';
import type { Flow } from '../flow/model';
import type { MailQueue } from '../mail/mailQueue';
import { TokenBuckets } from '../http/tokenBucket';
import type { Logger } from '../log';
import { type ErasureDeps, eraseConversation } from '../privacy/eraseConversation';
import { createStores } from '../stores/createStores';
import type { NeedsJournal } from '../stores/needsJournal';
import { registerStudioAuth, type StudioAuth } from '../studio/http/registerStudioAuth';
import { registerStudio, type Studio } from '../studio/registerStudio';
import { registerPartnerApi } from '../partners/api';
import type { PublishedMissions } from '../stores/publishedMissions';
import { type AfterNeed, type AfterNeedOptions, startAfterNeed } from './afterNeed';
import { mailFilesDir } from '../mail/mailFiles';
import { registerWebRoutes } from '../web';
import { botAuthentication } from './botAuth';
import { installHttpGuards } from './httpGuards';
import { localServiceUrls } from './localMode';
import { registerMessagesRoute } from './messagesRoute';
import { replyLanguage } from './replyLanguage';

export interface AppOptions {
  env: Env;
  flow: Flow;
  log: Logger;
  /** The clock of every turn and of the partner API's rate (tests fix it). */
  clock?: () => Date;
  /** How often staff decisions (Statut) are read from Airtable. Default 60 s. */
  statusPollMs?: number;
  /** Where the studio's local sign-in link is printed (default: standard output). */
  print?: (line: string) => void;
  /** Where the studio page's build is (default dist/studio). */
  studioPageDir?: string;
  /** The published missions the partner API serves (issue 11, section 3); none by default. */
  publishedMissions?: PublishedMissions;
  /** Tuning of the mail and webhook workers (tests shorten the delays). */
  afterNeed?: Pick<AfterNeedOptions, 'deliveryDelayMs' | 'smtpTimeoutMs' | 'webhookTimeoutMs' | 'intervalMs'>;
  /** How often the mission and evaluation tasks and the published missions are looked at (defaults 60 s and 5 min). */
  followUpIntervals?: { outboxMs?: number; publishedMs?: number };
  /** Run once start-up is over, just before the collection that precedes /readyz (index.ts: the code cache). */
  beforeReady?: () => void;
  /**
   * The mail queue (src/mail/mailQueue.ts) the preparation messages and the evaluation
   * invitations are sent through when the conversation cannot take them. Without it they go to
   * the conversation only (Teams, Slack, or the website chat while open).
   */
  mail?: MailQueue;
}

export interface App {
  server: restify.Server;
  journal: NeedsJournal;
  /** The background work with the staff base, when Airtable is configured (operators and tests may run a pass now). */
  airtable?: AirtableWorkers;
  /** Mails (the one mail queue) and partners' webhooks. */
  afterNeed: AfterNeed;
  /** Mission briefs, preparation messages, evaluations, and the published missions the partners' API serves. */
  followUps: FollowUps;
  /** Resolves once the live journey is loaded and its cards warm: /readyz answers 200 from then on. */
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
export function createApp({ env, flow, log, clock = () => new Date(), statusPollMs = 60_000, print, studioPageDir, publishedMissions, afterNeed: afterNeedTuning, followUpIntervals, mail, beforeReady }: AppOptions): App {
  const stores = createStores(env, { log });
  const { storage, journal } = stores;
  // `flow` is the repository's journey: version 1 of a fresh store; the store's live version is served.
  const journeys = new OpeningJourney(() => openJourney(stores.journey, flow, log), flow);
  const insights = new InsightsRecorder(stores.insights, { timeZone: flow.calendar.time_zone, log: log.child({ component: 'insights' }) });
  const conversationState = new OptimisticConversationState(storage);
  const references = stores.references;

  const auth = new ReusingBotFrameworkAuthentication(botAuthentication(env));
  const adapter = new AuthenticatedAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, err: Error) => {
    log.error({ err, conversationId: context.activity.conversation?.id }, 'turn failed');
    try {
      const live = journeys.latest();
      // The language the turn left the conversation in once its state was saved and let go, else
      // the state as this turn read it, if it got that far (BotState.get reads the turn's cache, no
      // I/O); QualificationBot keeps it under the property "journey".
      const lang = turnLanguage(context) ?? (conversationState.get(context) as { journey?: { lang?: unknown } } | undefined)?.journey?.lang;
      await context.sendActivity(say(live, 'turn_error', replyLanguage(live, context.activity, lang)));
    } catch (sendErr) {
      log.warn({ err: sendErr }, 'could not tell the user about the failure');
    }
  };
  // A need's copy by mail and partners' webhooks: outbox tasks queued with the need, delivered in the background.
  const afterNeed = startAfterNeed({ env, stores, flow: () => journeys.latest(), log, ...afterNeedTuning });
  // The journal is the outbox: with Airtable configured, needs are pushed in the background,
  // staff decisions (Statut) are told in the original conversation, erasures reach the base.
  const airtableSettings = airtableConfig(env);
  let airtable: AirtableWorkers | undefined;
  // What follows an accepted need (briefs, preparation, evaluations): the watcher's observers queue it.
  const links = linkSecret(env);
  const mailInvitations = evaluationMailOn(env);
  if (mailInvitations && links.random) log.warn('EVALUATION_LINK_SECRET is not set: the links of evaluation mails stop working when the server restarts');
  let bot: QualificationBot | undefined;
  const follow = followUps({
    stores,
    airtable: airtableSettings && { request: <T>(call: AirtableCall) => airtable!.request<T>(call), baseId: airtableSettings.baseId },
    flow: () => journeys.latest(),
    send: proactiveSend(adapter, env.MicrosoftAppId),
    starter: () => conversationStarter(proactiveTurn(adapter, env.MicrosoftAppId), bot!),
    mail: mail ?? afterNeed.mail,
    linkSecret: links.secret,
    publicUrl: mailInvitations ? env.PUBLIC_URL : undefined,
    log,
    // The bot's clock: a link's expiry and the schedule are read on the same time as the turns.
    now: () => clock().getTime(),
  });
  airtable = airtableSettings
    ? startAirtableWorkers({
        config: airtableSettings,
        stores,
        send: proactiveSend(adapter, env.MicrosoftAppId),
        texts: flowStatusTexts({ get texts() { return journeys.latest().texts; } }),
        observers: follow.observers,
        onStatusSeen: async (reference, status) => void (await afterNeed.webhooks.statusSeen(reference, status)),
        log,
        statusPollMs,
      })
    : undefined;
  const erasure: ErasureDeps = {
    storage,
    journal,
    references,
    outbox: stores.outbox,
    airtable: !!airtable,
    channelIds: KNOWN_CHANNEL_IDS,
    onQueued: () => airtable?.erasures.poke(),
    mailFilesDir: mailFilesDir(env.DATA_DIR),
    log,
  };
  bot = new QualificationBot({
    journeys,
    insights,
    conversationState,
    journal,
    references,
    clock,
    log,
    onNeedRecorded: () => {
      airtable?.sync.poke();
      afterNeed.poke();
    },
    onNeedSaved: (saved) => afterNeed.onNeedSaved(saved),
    erase: async (conversationId, channelId) => {
      const report = await eraseConversation(erasure, conversationId, channelId);
      await follow.published.forget(report.references).catch((err: unknown) => log.error({ err }, 'published missions copy not cleaned; it is at its next refresh'));
      return report;
    },
    evaluations: { service: follow.service, journeys, log: log.child({ component: 'evaluations' }) },
  });
  follow.start(followUpIntervals);

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
  registerPartnerApi(server, { keys: stores.partnerKeys, journal, missions: publishedMissions ?? follow.published, ratePerMinute: env.PARTNER_API_RATE_PER_MINUTE, now: () => clock().getTime() });
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

  const ready = journeys.ready().then(() => {
    // The live journey's cards, word tables and the reply client, before the first user needs them.
    warmUpCards(journeys.latest());
    try {
      warmUpFirstTurn(journeys.latest());
    } catch (err) {
      // Only a cost moved earlier: a journey it cannot play still serves (the first turn pays).
      log.warn({ err }, 'first-turn warm-up failed');
    }
    beforeReady?.();
    collectStartupGarbage();
    // Logged first: whoever sees /readyz answer 200 finds the line already written.
    log.info('journey loaded: ready');
    isReady = true;
  });

  return {
    server,
    journal,
    airtable,
    afterNeed,
    followUps: follow,
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
      // Nothing of the server's may run once it is closed, the English models' warm-up included.
      await stopEnglishWarmUp();
      await airtable?.stop();
      await Promise.all([afterNeed.stop(), follow.stop()]);
      await insights.close();
      await stores.close();
    },
  };
}
