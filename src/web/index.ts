import type { Server } from 'restify';
import type { Env } from '../config/env';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { CARDS_DIR } from '../paths';
import { ownOrigin } from './botEndpoint';
import { registerConnectorRoutes } from './connectorRoutes';
import { ConversationStore } from './conversationStore';
import { registerDirectLine } from './directLine';
import { chatMode } from './mode';
import { registerPages } from './pages';
import { loadWebStyle } from './style';
import { checkWebTexts } from './texts';
import { registerTokenRoute } from './tokenRoute';

export interface WebDeps {
  env: Env;
  flow: Flow;
  log: Logger;
}

/**
 * The website chat: the page and the widget, the token route, and in local mode (no
 * DIRECT_LINE_SECRET, no MicrosoftAppId) a minimal Direct Line with its Bot Connector routes.
 * Throws, naming the file and path, if cards/webchat-style.json or a `web.` text is wrong.
 */
export function registerWebRoutes(server: Server, { env, flow, log }: WebDeps): void {
  checkWebTexts(flow);
  const style = loadWebStyle(env.CARDS_DIR ?? CARDS_DIR);
  const mode = chatMode(env);
  const store = mode === 'local' ? new ConversationStore() : undefined;
  registerPages(server, { flow, style, mode, log, directLineEndpoint: env.DIRECT_LINE_ENDPOINT_URL });
  registerTokenRoute(server, { mode, env, log, store });
  if (store) {
    registerDirectLine(server, { store, log, origin: () => ownOrigin(server) });
    registerConnectorRoutes(server, store);
  }
  const how = { azure: 'Azure Direct Line tokens', local: 'the local Direct Line (development only)', off: 'off: MicrosoftAppId is set without DIRECT_LINE_SECRET' }[mode];
  log.info({ chatMode: mode }, `website chat (GET /, GET /widget.js): ${how}`);
}
