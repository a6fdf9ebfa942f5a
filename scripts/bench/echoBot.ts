/**
 * The floor the bot is measured against: a bare botbuilder echo bot (restify + CloudAdapter +
 * ActivityHandler, as in Microsoft's echo sample) with the bot's routes: /api/messages, /healthz
 * and /readyz (ready as soon as it listens). Run as a child process by scripts/bench/run.ts.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify from 'restify';

const auth = new ConfigurationBotFrameworkAuthentication({
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  MicrosoftAppType: '',
  MicrosoftAppTenantId: '',
} as ConfigurationBotFrameworkAuthenticationOptions);
const adapter = new CloudAdapter(auth);

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}
const bot = new EchoBot();

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
for (const route of ['/healthz', '/readyz']) {
  server.get(route, (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
}
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
