import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BotProcess, freePort } from '../support/botProcess';
import { withBotServer } from '../support/channelHarness';
import { activitiesUrl, call, type DlActivity, openSession, pollUntil, type Session } from './support/directLineClient';

/**
 * Issue 13, door 1d: the local Direct Line keeps its memory bounded whatever the browsers send,
 * and new sessions never push out a chat in progress.
 */
const HEAP_CEILING_MB = 224;

describe('local Direct Line under a flood', () => {
  test('29 MB of activities full of empty objects leave the server\'s memory flat', async () => {
    const proc = new BotProcess(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'bot-flood-')));
    // The server idles at about 100 MB of heap. With a ceiling, what a flood leaves behind kills the
    // process (heap out of memory), while garbage is collected: no timing, no guess at when V8 collects.
    proc.start({ LOG_LEVEL: 'warn', NODE_OPTIONS: `--max-old-space-size=${HEAP_CEILING_MB}` });
    try {
      await proc.waitFor('/readyz', 200);
      const sessions: Session[] = [];
      for (let i = 0; i < 8; i += 1) sessions.push(await openSession(proc.url));
      // Each activity carries 24 kB of `[{},{},…]` (as much as value and channelData may hold):
      // small as JSON, many times that once parsed.
      const empties = (n: number) => Array.from({ length: n }, () => ({}));
      const body = JSON.stringify({ type: 'event', name: 'flood', value: empties(5_300), channelData: { flood: empties(2_600) } });
      const before = proc.memoryKb().peak;
      let posted = 0;
      const worker = async (w: number) => {
        for (let i = w; i < 1_250; i += 4) {
          const session = sessions[i % sessions.length];
          const answer = await call(activitiesUrl(proc.url, session.conversationId), { method: 'POST', token: session.token, rawBody: body });
          expect(answer.status).toBe(200);
          posted += body.length;
        }
      };
      await Promise.all([0, 1, 2, 3].map(worker));
      expect(posted).toBeGreaterThan(29_000_000);
      // It took 1.1 GB before; the store keeps at most 32 MB of JSON.
      expect(proc.child!.exitCode).toBeNull();
      expect(proc.memoryKb().peak - before).toBeLessThan(150 * 1024);
      // The chats still work, their latest activities kept.
      const latest = await call<{ activities: DlActivity[]; watermark: string }>(activitiesUrl(proc.url, sessions[0].conversationId), { token: sessions[0].token });
      expect(latest.status).toBe(200);
      expect(Number(latest.body.watermark)).toBeGreaterThanOrEqual(1_250 / 8);
    } finally {
      await proc.stop();
    }
  }, 240_000);

  test('value and channelData are bounded in size and depth', async () => {
    await withBotServer({}, async (server) => {
      const s = await openSession(server.url);
      const post = (body: unknown) => call<{ error: { code: string; message: string } }>(activitiesUrl(server.url, s.conversationId), { method: 'POST', token: s.token, body });
      const bigValue = await post({ type: 'event', name: 'x', value: 'x'.repeat(17 * 1024) });
      expect([bigValue.status, bigValue.body.error.code]).toEqual([413, 'MessageSizeTooBig']);
      expect(bigValue.body.error.message).toContain('value');
      const bigChannelData = await post({ type: 'message', text: 'hi', channelData: { pad: 'x'.repeat(9 * 1024) } });
      expect([bigChannelData.status, bigChannelData.body.error.message]).toEqual([413, expect.stringContaining('channelData')]);
      let deep: unknown = {};
      for (let i = 0; i < 20; i += 1) deep = { deeper: deep };
      const deepValue = await post({ type: 'event', name: 'x', value: deep });
      expect([deepValue.status, deepValue.body.error.code]).toEqual([400, 'BadArgument']);
      // Nothing of it was kept.
      const history = await call<{ activities: DlActivity[] }>(activitiesUrl(server.url, s.conversationId), { token: s.token });
      expect(history.body.activities.filter((a) => a.from.role === 'user')).toEqual([]);
    });
  }, 90_000);

  test('500 new tokens do not evict a chat in progress', async () => {
    // Behind one trusted proxy, each token comes from its own address: the per-address limit lets them all through.
    await withBotServer({ env: { TRUST_PROXY: '1' } }, async (server) => {
      const live = await openSession(server.url);
      const first = await pollUntil(server.url, live, undefined, (a) => a.some((x) => x.text?.includes('Acceptez-vous')));
      for (let i = 0; i < 500; i += 1) {
        const minted = await call(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': `198.51.${i >> 8}.${i & 255}` } });
        expect(minted.status).toBe(200);
      }
      const posted = await call(activitiesUrl(server.url, live.conversationId), { method: 'POST', token: live.token, body: { type: 'message', text: 'oui' } });
      expect(posted.status).toBe(200);
      await pollUntil(server.url, live, first.watermark, (a) => a.some((x) => x.text?.includes('Quel est son nom')));
    });
  }, 90_000);
});
