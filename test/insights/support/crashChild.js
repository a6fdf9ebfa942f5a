// A bot process as far as insights go, killed by the test: plays typed turns through the built
// engine and recorder on a SQLite DATA_DIR, saves each turn's state and insights track to a file
// (as the bot saves its state before replying), flushes once half way, then waits to be killed.
// Usage: node crashChild.js <dataDir> <statesFile> <planJson>
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', '..', 'dist', 'src');
const { runTurn } = require(path.join(dist, 'engine', 'machine'));
const { loadFlow } = require(path.join(dist, 'flow', 'load'));
const { openDatabase } = require(path.join(dist, 'stores', 'sqlite', 'database'));
const { SqliteInsightsStore } = require(path.join(dist, 'stores', 'sqlite', 'sqliteInsightsStore'));
const { InsightsRecorder } = require(path.join(dist, 'insights', 'recorder'));
const { PROJECT_ROOT } = require(path.join(dist, 'paths'));

async function main() {
  const [dataDir, statesFile, planJson] = process.argv.slice(2);
  const plan = JSON.parse(planJson);
  const flow = loadFlow(path.join(PROJECT_ROOT, 'dialogs'));
  const recorder = new InsightsRecorder(new SqliteInsightsStore(openDatabase(dataDir)), { timeZone: 'Europe/Paris', flushIntervalMs: 2_000_000_000 });
  const saved = {};
  let now = Date.parse(plan.start);
  const turn = async (id, text) => {
    now += 20_000;
    const previous = saved[id];
    const result = runTurn(flow, previous?.state, { kind: 'message', text }, { now: new Date(now), conversationId: id, channel: 'Site web', nextReference: () => 'PBL-2026-00001' });
    const s = result.state;
    const prepared = await recorder.prepare(previous?.track, { flow, version: 1, channel: 'Site web', lang: s.lang, now: new Date(now), phase: s.phase, answers: s.answers, events: [] });
    saved[id] = { state: s, track: prepared.track, now };
    fs.writeFileSync(statesFile, JSON.stringify(saved));
    prepared.commit();
  };
  for (const [id, texts] of plan.beforeFlush) for (const text of texts) await turn(id, text);
  await recorder.flush();
  for (const [id, texts] of plan.afterFlush) for (const text of texts) await turn(id, text);
  process.stdout.write(`ready ${recorder.writer}\n`);
  setInterval(() => {}, 1000);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
