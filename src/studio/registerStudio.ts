import type { Server } from 'restify';
import type { JourneyRegistry } from '../journey/registry';
import type { Logger } from '../log';
import type { JourneyStore } from '../stores/journeyStore';
import type { WebStyle } from '../web/style';
import type { StudioContext } from './api/context';
import { type InsightsSource, registerInsightsRoutes } from './api/insightsRoutes';
import { registerJourneyRoutes } from './api/journeyRoutes';
import { registerMetaRoutes } from './api/metaRoutes';
import { registerPublishRoutes } from './api/publishRoutes';
import { StudioWords } from './api/studioWords';
import type { StudioAuth } from './http/registerStudioAuth';
import { registerStudioPage } from './page/studioPage';
import { registerTryRoutes } from './try/tryRoutes';
import type { TrySessions } from './try/trySessions';

export interface StudioDeps {
  /** The door (registerStudioAuth): every route here is staff only. */
  auth: StudioAuth;
  journeys: {
    store: JourneyStore;
    /** The registry the bot serves the live version from, once the store's journey is open. */
    registry: () => Promise<JourneyRegistry>;
  };
  insights: InsightsSource;
  /** The clock of the try pane's turns and of the insights' "in progress / stopped". */
  clock: () => Date;
  log: Logger;
  /** The chat's look (cards/webchat-style.json), for the try pane. */
  webStyle: WebStyle;
  /** studio/texts.yaml by default. */
  textsFile?: string;
  /** Where the page's build is (default dist/studio). */
  pageDir?: string;
}

export interface Studio {
  /** The try pane's sessions (in memory). */
  tries?: TrySessions;
}

/**
 * The studio: its API (docs/studio-api.md), the try pane and the page, all behind the studio's door.
 * Nothing is registered when the studio is closed (production without OpenID Connect).
 */
export function registerStudio(server: Server, deps: StudioDeps): Studio {
  if (deps.auth.mode === 'closed') return {};
  const log = deps.log.child({ component: 'studio' });
  const ctx: StudioContext = {
    server,
    auth: deps.auth,
    store: deps.journeys.store,
    registry: deps.journeys.registry,
    words: StudioWords.load(deps.textsFile),
    log,
    clock: deps.clock,
  };
  registerMetaRoutes(ctx);
  registerJourneyRoutes(ctx);
  registerPublishRoutes(ctx);
  registerInsightsRoutes(ctx, deps.insights);
  const tries = registerTryRoutes(ctx, deps.webStyle);
  registerStudioPage(server, deps.auth, deps.pageDir);
  return { tries };
}
