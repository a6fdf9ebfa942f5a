import crypto from 'node:crypto';
import type { Server } from 'restify';
import type { Env } from '../config/env';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { CARDS_DIR } from '../paths';
import { ownOrigin, sendToBot } from './botEndpoint';
import { registerConnectorRoutes } from './connectorRoutes';
import { ConversationStore } from './conversationStore';
import { registerDirectLine } from './directLine';
import { chatMode } from './mode';
import { registerPages } from './pages';
import { loadWebStyle, type WebStyle } from './style';
import { checkWebTexts } from './texts';
import { registerTokenRoute } from './tokenRoute';

export interface WebDeps {
  env: Env;
  /** The live journey. */
  flow: () => Flow;
  log: Logger;
}

export interface WebRoutes {
  /** Local mode: the serviceUrl the local Direct Line stamps (this server's connector routes, with their secret). */
  localServiceUrl?: () => string;
  /** The chat's look (cards/webchat-style.json), checked. */
  style: WebStyle;
}

/**
 * The website chat: the page and the widget, the token route, and in local mode (no
 * DIRECT_LINE_SECRET, no MicrosoftAppId) a minimal Direct Line with its Bot Connector routes.
 * Throws, naming the file and path, if cards/webchat-style.json or a `web.` text is wrong.
 */
export function registerWebRoutes(server: Server, { env, flow, log }: WebDeps): WebRoutes {
  checkWebTexts(flow());
  const style = loadWebStyle(env.CARDS_DIR ?? CARDS_DIR);
  const mode = chatMode(env);
  const store = mode === 'local' ? new ConversationStore() : undefined;
  registerPages(server, { flow, style, mode, log, directLineEndpoint: env.DIRECT_LINE_ENDPOINT_URL, frameAncestors: env.WIDGET_ALLOWED_ORIGINS });
  registerTokenRoute(server, { mode, env, log, store });
  const how = { azure: 'Azure Direct Line tokens', local: 'the local Direct Line (development only)', off: 'off: MicrosoftAppId is set without DIRECT_LINE_SECRET' }[mode];
  log.info({ chatMode: mode }, `website chat (GET /, GET /widget.js): ${how}`);
  if (!store) return { style };
  // Per process: only this server knows where its bot's replies go.
  const secret = crypto.randomBytes(32).toString('base64url');
  // Known once the server listens, and the same until it closes: asked on every turn (localMode.ts).
  let known: string | undefined;
  const serviceUrl = () => (known ??= `${ownOrigin(server)}/local/${secret}/`);
  registerDirectLine(server, { store, log, deliver: (conversation, activity) => sendToBot(ownOrigin(server), serviceUrl(), conversation, activity) });
  registerConnectorRoutes(server, store, secret);
  return { localServiceUrl: serviceUrl, style };
}
