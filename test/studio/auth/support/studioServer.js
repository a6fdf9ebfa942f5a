// A restify server with the studio's door (registerStudioAuth) and a few sample studio routes,
// as the studio's own routes will use it. Jest builds it from the TypeScript sources; run as a
// script it loads the BUILT modules from dist/ (openid-client, an ES module, loads only there)
// and listens on 127.0.0.1:$PORT, printing `{"studioTestServer":<port>}` when ready.
'use strict';
const path = require('node:path');

/** @param registerStudioAuth the function under test (from src/ or dist/) */
function createStudioServer(registerStudioAuth, restify, deps) {
  const server = restify.createServer({ name: 'studio-auth-test', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  const studio = registerStudioAuth(server, deps);
  // restify warns about a value returned by an async handler: answer, return nothing.
  const answer = (status, body) => async (_req, res) => {
    res.send(status, body);
  };
  server.get('/studio/', studio.staffOnly(async (_req, res, staff) => {
    res.send(200, { page: 'home', staff });
  }));
  server.get('/studio/api/notes', studio.staffOnly(async (_req, res, staff) => {
    res.send(200, { notes: [], for: staff.id });
  }));
  server.post('/studio/api/notes', studio.staffOnly(async (req, res, staff) => {
    res.send(201, { saved: req.body, by: staff.id });
  }, { write: true }));
  // A write route reached with GET (a link, an image): refused.
  server.get('/studio/api/notes/purge', studio.staffOnly(answer(200, { purged: true }), { write: true }));
  // A studio route someone forgot to wrap: the gate in front of /studio still guards it.
  server.post('/studio/api/unwrapped', answer(200, { reached: true }));
  server.get('/studio/api/unwrapped', answer(200, { reached: true }));
  // Outside the studio: untouched.
  server.get('/healthz', answer(200, { status: 'ok' }));
  return { server, studio };
}

module.exports = { createStudioServer };

if (require.main === module) {
  const dist = path.join(__dirname, '..', '..', '..', '..', 'dist', 'src');
  const { readEnv } = require(path.join(dist, 'config', 'env'));
  const { createLogger } = require(path.join(dist, 'log'));
  const { registerStudioAuth } = require(path.join(dist, 'studio', 'http', 'registerStudioAuth'));
  const env = readEnv();
  const { server } = createStudioServer(registerStudioAuth, require('restify'), { env, log: createLogger(env.LOG_LEVEL) });
  server.listen(env.PORT, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ studioTestServer: server.address().port })}\n`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
