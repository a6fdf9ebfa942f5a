import type { Env } from '../config/env';

/**
 * How the website chat reaches the bot:
 * - `azure`: DIRECT_LINE_SECRET is set; the page gets short-lived Azure Direct Line tokens.
 * - `local`: no secret and no MicrosoftAppId (local development): the server's own minimal Direct
 *   Line endpoint posts to /api/messages, which only an unauthenticated adapter accepts.
 * - `off`: an app id without a Direct Line secret: no way to reach the bot from a browser.
 */
export type ChatMode = 'azure' | 'local' | 'off';

export function chatMode(env: Pick<Env, 'DIRECT_LINE_SECRET' | 'MicrosoftAppId'>): ChatMode {
  if (env.DIRECT_LINE_SECRET) return 'azure';
  return env.MicrosoftAppId ? 'off' : 'local';
}
