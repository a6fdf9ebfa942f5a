// One bot instance as far as insights go: plays journeys through the built recorder into a shared
// Azure Storage container (Azurite), flushing every few milliseconds and compacting often, so
// that its writes and merges race with another process doing the same.
// Usage: node insightsChild.js <connectionString> <container> <journeys>
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', '..', 'dist', 'src');
const { loadFlow } = require(path.join(dist, 'flow', 'load'));
const { Container } = require(path.join(dist, 'stores', 'azure', 'container'));
const { BlobInsightsStore } = require(path.join(dist, 'stores', 'azure', 'blobInsightsStore'));
const { InsightsRecorder } = require(path.join(dist, 'insights', 'recorder'));
const { PROJECT_ROOT } = require(path.join(dist, 'paths'));

async function main() {
  const [connectionString, containerName, count] = process.argv.slice(2);
  const flow = loadFlow(path.join(PROJECT_ROOT, 'dialogs'));
  const store = new BlobInsightsStore(new Container(connectionString, containerName), { compactEveryMs: 50 });
  const recorder = new InsightsRecorder(store, { timeZone: 'Europe/Paris', flushIntervalMs: 10 });
  const base = Date.UTC(2026, 10, 23, 9, 0);
  const pause = () => new Promise((r) => setTimeout(r, 1 + Math.floor(Math.random() * 3)));
  let turns = 0;
  for (let i = 0; i < Number(count); i++) {
    // Journey i: joins, consents; every other one also names its structure.
    const steps = [{}, { consent: { v: true } }, ...(i % 2 === 0 ? [{ consent: { v: true }, name: { v: 'x' } }] : [])];
    let track;
    for (const [t, answers] of steps.entries()) {
      const prepared = await recorder.prepare(track, { flow, version: 1, channel: 'Site web', lang: 'fr', now: new Date(base + t * 60_000), phase: 'asking', answers, events: [] });
      track = prepared.track;
      prepared.commit();
      // A batch at least every three turns (and more from the timer), each its own write.
      if (++turns % 3 === 0) await recorder.flush();
      await pause();
    }
  }
  await recorder.close();
  process.stdout.write(`done ${recorder.writer}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
