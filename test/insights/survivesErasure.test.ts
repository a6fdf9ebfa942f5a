/** The counters hold nothing of a conversation: erasing it, or purging old states, leaves them as they are. */
import { readEnv } from '../../src/config/env';
import { InsightsRecorder } from '../../src/insights/recorder';
import { createLogger } from '../../src/log';
import { eraseConversation } from '../../src/privacy/eraseConversation';
import { createStores } from '../../src/stores/createStores';
import { sharedFlow } from '../support/channelHarness';
import { makeTempDir } from '../stores/tempDir';
import { EngineConversation, TestClock } from './support/engineConversation';

test('erasure of a conversation and data:purge leave the insights counters untouched', async () => {
  const temp = makeTempDir();
  const stores = createStores(readEnv({ DATA_DIR: temp.dir }));
  const recorder = new InsightsRecorder(stores.insights, { timeZone: 'Europe/Paris', flushIntervalMs: 3_600_000 });
  try {
    const c = new EngineConversation(sharedFlow(), recorder, new TestClock(new Date('2026-11-23T08:00:00Z')), 'Site web', 'conv-erased');
    for (const text of ['bonjour', 'oui', 'Les Jardins Partagés']) await c.say(text);
    // As the bot keeps it: the engine state and the track in the conversation's state item.
    const key = 'webchat/conversations/conv-erased/';
    await stores.storage.write({ [key]: { journey: c.state, insights: c.track } });
    await recorder.flush();
    const before = (await stores.insights.read()).cells;
    expect(before.length).toBeGreaterThan(0);

    await eraseConversation(
      { storage: stores.storage, journal: stores.journal, references: stores.references, outbox: stores.outbox, airtable: false, channelIds: ['webchat'], log: createLogger('silent') },
      'conv-erased',
      'webchat',
    );
    expect(await stores.storage.read([key])).toEqual({});
    await (stores.storage as unknown as { deleteOlderThan(cutoff: Date): number }).deleteOlderThan(new Date(Date.now() + 86_400_000));
    expect((await stores.insights.read()).cells).toEqual(before);
  } finally {
    await recorder.close();
    await stores.close();
    temp.cleanup();
  }
});
