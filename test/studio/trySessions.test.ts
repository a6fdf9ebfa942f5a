import { createLogger } from '../../src/log';
import { TRIES_PER_SESSION, TRY_LIMITS, TrySessions } from '../../src/studio/try/trySessions';
import { joinActivity } from '../../src/web/botEndpoint';
import { sharedFlow } from '../support/channelHarness';

/** The try pane's sessions: bounded per staff session, in all, and in idle time; each turn on the real engine. */
describe('TrySessions', () => {
  let now = 0;
  const clock = () => new Date('2026-11-23T09:00:00Z');
  const tries = (maxConversations = TRY_LIMITS.maxConversations) =>
    new TrySessions({ clock, log: createLogger('silent'), limits: { ...TRY_LIMITS, maxConversations }, now: () => now });
  beforeEach(() => {
    now = Date.parse('2026-11-23T09:00:00Z');
  });

  test(`a staff session keeps ${TRIES_PER_SESSION} tries: opening one more ends its oldest, not another session's`, () => {
    const sessions = tries();
    const other = sessions.open('session-b', sharedFlow(), 'fr', 'webchat')!;
    const mine = Array.from({ length: TRIES_PER_SESSION + 1 }, () => {
      now += 1000;
      return sessions.open('session-a', sharedFlow(), 'fr', 'webchat')!;
    });
    expect(sessions.get(mine[0].id, 'session-a')).toBeUndefined();
    for (const kept of mine.slice(1)) expect(sessions.get(kept.id, 'session-a')).toBe(kept);
    expect(sessions.get(other.id, 'session-b')).toBe(other);
    expect(sessions.get(other.id, 'session-a')).toBeUndefined();
    expect(sessions.size).toBe(TRIES_PER_SESSION + 1);
  });

  test('when every try of the server is in use, a new one is refused; an idle one makes room', async () => {
    const sessions = tries(2);
    const first = sessions.open('a', sharedFlow(), 'fr', 'webchat')!;
    const second = sessions.open('b', sharedFlow(), 'en', 'msteams')!;
    for (const s of [first, second]) {
      s.conversation.started = true;
      expect(await sessions.deliver(s.conversation, joinActivity(s.conversation))).toBe(200);
    }
    expect(sessions.open('c', sharedFlow(), 'fr', 'slack')).toBeUndefined();
    // Five minutes without a poll: no longer in use, the longest idle makes room.
    now += TRY_LIMITS.liveMs + 1;
    sessions.store.touch(second.conversation);
    const third = sessions.open('c', sharedFlow(), 'fr', 'slack');
    expect(third).toBeDefined();
    expect(sessions.get(first.id, 'a')).toBeUndefined();
    expect(sessions.get(second.id, 'b')).toBe(second);
  });

  test('a try nobody polls for 30 minutes ends; its Direct Line conversation with it', async () => {
    const sessions = tries();
    const s = sessions.open('a', sharedFlow(), 'fr', 'webchat')!;
    now += TRY_LIMITS.idleMs - 1;
    expect(sessions.get(s.id, 'a')).toBe(s);
    now += TRY_LIMITS.idleMs + 1;
    expect(sessions.get(s.id, 'a')).toBeUndefined();
    expect(sessions.store.get(s.conversation.id)).toBeUndefined();
    expect(await sessions.deliver(s.conversation, joinActivity(s.conversation))).toBe(404);
  });

  test('turns run in order on the engine: the welcome in the chosen language, a need under an ESSAI reference', async () => {
    const sessions = tries();
    const s = sessions.open('a', sharedFlow(), 'en', 'webchat')!;
    await sessions.deliver(s.conversation, joinActivity(s.conversation));
    const said = () => JSON.parse(sessions.store.page(s.conversation)).activities.map((a: { text?: string }) => a.text ?? '').join('\n');
    expect(said()).toContain('Are you happy for me to keep your answers?');
    // "Talk to someone" records a call-back need at once.
    for (const text of ['yes', 'talk to someone', 'Camille Martin', '06 12 34 56 78']) {
      await sessions.deliver(s.conversation, sessions.store.append(s.conversation, { type: 'message', text }));
    }
    expect(s.needs).toHaveLength(1);
    expect(s.needs[0].Besoins).toMatchObject({ Référence: 'ESSAI-2026-00001', 'Rappel demandé': true });
    expect(said()).toContain('ESSAI-2026-00001');
  });
});
