import { BlobServiceClient } from '@azure/storage-blob';
import { BlobConversationReferences } from '../../../src/stores/azure/blobConversationReferences';
import { BlobStatusNotifications } from '../../../src/stores/azure/blobStatusNotifications';
import { BlobWatermarks } from '../../../src/stores/azure/blobWatermarks';
import { Container } from '../../../src/stores/azure/container';
import { BASE } from '../../airtable/helpers';
import { expectedText, makeWatcherWorld, referenceFor, type WatcherWorld } from '../../airtable/statusWatcherHelpers';
import { useAzurite } from './azureWorld';

/**
 * The staff review loop's stores on Azure Blob Storage (against Azurite), shared by several
 * instances: conversation references, told status changes (with per-pair claims), watermarks.
 */
const { azurite, freshName } = useAzurite();
let containerName: string;
/** What one instance holds: its own objects on the shared container. */
const instance = () => {
  const container = new Container(azurite.connectionString, containerName);
  return {
    references: new BlobConversationReferences(container),
    notifications: new BlobStatusNotifications(container),
    watermarks: new BlobWatermarks(container),
  };
};
const blobNames = async (prefix: string) => {
  const names: { name: string; etag: string }[] = [];
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName);
  for await (const b of container.listBlobsFlat({ prefix })) names.push({ name: b.name, etag: b.properties.etag });
  return names;
};

beforeEach(() => {
  containerName = freshName('status');
});
afterEach(async () => {
  await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName).deleteIfExists();
});

describe('BlobConversationReferences', () => {
  const incoming = (conversationId: string, activityId: string, serviceUrl = 'https://webchat.botframework.com/') => ({
    activityId,
    channelId: 'webchat',
    serviceUrl,
    locale: 'fr-FR',
    user: { id: 'user-1', name: 'Camille Martin' },
    bot: { id: 'bot-1', name: 'Probono' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' },
  });

  test('keeps what a proactive message needs, readable by every instance', async () => {
    const a = instance();
    await a.references.save('a:1Xé/conv?1', incoming('a:1Xé/conv?1', 'act-1'));
    expect(await instance().references.get('a:1Xé/conv?1')).toEqual({
      channelId: 'webchat',
      serviceUrl: 'https://webchat.botframework.com/',
      locale: 'fr-FR',
      conversation: { id: 'a:1Xé/conv?1', isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' },
      bot: { id: 'bot-1', name: 'Probono' },
      // No activity id, no display name.
      user: { id: 'user-1' },
    });
    expect(await a.references.get('conv-unknown')).toBeUndefined();
    await expect(a.references.save('', incoming('', 'act-1'))).rejects.toThrow(RangeError);
  });

  test('does not rewrite a reference that did not change; a changed one is replaced', async () => {
    const a = instance();
    await a.references.save('conv-1', incoming('conv-1', 'act-1'));
    const [first] = await blobNames('references/');
    await a.references.save('conv-1', incoming('conv-1', 'act-2'));
    expect(await blobNames('references/')).toEqual([first]);

    await a.references.save('conv-1', incoming('conv-1', 'act-3', 'https://smba.trafficmanager.net/emea/'));
    expect((await a.references.get('conv-1'))?.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
    expect((await blobNames('references/'))[0].etag).not.toBe(first.etag);
  });

  test('erases a conversation for every instance, and the same instance saves it again on a later turn', async () => {
    const a = instance();
    const b = instance();
    await a.references.save('conv-1', incoming('conv-1', 'act-1'));
    await a.references.save('conv-2', incoming('conv-2', 'act-1'));
    await a.references.erase('conv-1');
    await a.references.erase('conv-unknown');
    expect(await b.references.get('conv-1')).toBeUndefined();
    expect((await b.references.get('conv-2'))?.conversation?.id).toBe('conv-2');
    await a.references.save('conv-1', incoming('conv-1', 'act-2'));
    expect(await b.references.get('conv-1')).toBeDefined();
  });
});

describe('BlobStatusNotifications', () => {
  test('remembers each (reference, status) pair told, once: the first record wins, across instances', async () => {
    const a = instance();
    const b = instance();
    expect(await a.notifications.wasNotified('PBL-2026-00001', 'Accepté')).toBe(false);
    await a.notifications.markNotified('PBL-2026-00001', 'Accepté', new Date('2026-03-01T10:00:00Z'));
    expect(await b.notifications.wasNotified('PBL-2026-00001', 'Accepté')).toBe(true);
    expect(await b.notifications.wasNotified('PBL-2026-00001', 'Réorienté')).toBe(false);
    expect(await b.notifications.wasNotified('PBL-2026-00002', 'Accepté')).toBe(false);
    await b.notifications.markNotified('PBL-2026-00001', 'Accepté', new Date('2026-03-02T10:00:00Z'), { skipped: 'late' });
    expect(await a.notifications.get('PBL-2026-00001', 'Accepté')).toEqual({
      reference: 'PBL-2026-00001',
      status: 'Accepté',
      outcome: 'sent',
      at: '2026-03-01T10:00:00.000Z',
    });
  });

  test('records a pair skipped for good, with why', async () => {
    const a = instance();
    await a.notifications.markNotified('PBL-2026-00003', 'Réorienté', new Date('2026-03-01T10:00:00Z'), { skipped: 'no conversation reference is known for this conversation' });
    expect(await a.notifications.get('PBL-2026-00003', 'Réorienté')).toEqual({
      reference: 'PBL-2026-00003',
      status: 'Réorienté',
      outcome: 'skipped',
      reason: 'no conversation reference is known for this conversation',
      at: '2026-03-01T10:00:00.000Z',
    });
  });

  test('a pair claimed by one instance cannot be claimed by another until released', async () => {
    const a = instance();
    const b = instance();
    const release = await a.notifications.claim('PBL-2026-00001', 'Accepté');
    expect(release).toBeDefined();
    expect(await b.notifications.claim('PBL-2026-00001', 'Accepté')).toBeUndefined();
    // Another pair is free.
    const other = await b.notifications.claim('PBL-2026-00001', 'Réorienté');
    expect(other).toBeDefined();
    await release!();
    const next = await b.notifications.claim('PBL-2026-00001', 'Accepté');
    expect(next).toBeDefined();
    await next!();
    await other!();
  });
});

describe('BlobWatermarks', () => {
  test('keeps named values, shared by every instance', async () => {
    const a = instance();
    expect(await a.watermarks.get('statusWatcher:app:Besoins')).toBeUndefined();
    await a.watermarks.set('statusWatcher:app:Besoins', '2026-03-01T10:00:00.000Z');
    await a.watermarks.set('statusWatcher:app:Besoins', '2026-03-01T10:01:00.000Z');
    expect(await instance().watermarks.get('statusWatcher:app:Besoins')).toBe('2026-03-01T10:01:00.000Z');
  });
});

describe('two status watchers (two instances) on one base and one Azure Storage', () => {
  let w: WatcherWorld;
  beforeEach(async () => {
    w = await makeWatcherWorld();
  });
  afterEach(() => w.close());

  test('a staff decision is told once, whichever instance polls, even when both poll at once', async () => {
    const a = instance();
    const b = instance();
    const watcherA = w.watcher(a);
    const watcherB = w.watcher(b);
    // The conversation happened on instance b; the reference is shared.
    await b.references.save('conv-fr', referenceFor(w.channel, 'conv-fr'));
    for (let i = 1; i <= 6; i++) {
      w.besoins.set(`PBL-2026-0000${i}`, { Statut: 'Nouveau', Conversation: 'conv-fr', Langue: 'fr' });
    }
    await w.clock.sleep(3 * 60_000);
    await Promise.all([watcherA.poll(), watcherB.poll()]);
    expect(w.channel.take()).toEqual([]);

    await w.clock.sleep(5 * 60_000);
    for (let i = 1; i <= 6; i++) w.besoins.set(`PBL-2026-0000${i}`, { Statut: i % 2 ? 'Accepté' : 'Réorienté' });
    const [reportA, reportB] = await Promise.all([watcherA.poll(), watcherB.poll()]);
    // A pair the other instance was telling is looked at again at the next poll.
    await w.clock.sleep(60_000);
    const [againA, againB] = await Promise.all([watcherA.poll(), watcherB.poll()]);

    const told = w.channel.take().map((d) => d.activity.text as string);
    const expected = [1, 2, 3, 4, 5, 6].map((i) => expectedText(i % 2 ? 'status.accepted' : 'status.redirected', 'fr', `PBL-2026-0000${i}`));
    expect([...told].sort()).toEqual([...expected].sort());
    expect(reportA.sent + reportB.sent + againA.sent + againB.sent).toBe(6);
    expect(await a.notifications.get('PBL-2026-00006', 'Réorienté')).toMatchObject({ outcome: 'sent' });
    // The mark moved once nothing was left to tell.
    expect(await b.watermarks.get(`statusWatcher:${BASE}:Besoins`)).toBeDefined();
  });
});
