import { ConversationStore, tokenMatches } from '../../src/web/conversationStore';

/** The local Direct Line's memory stays bounded: conversations, history and age. */
describe('local Direct Line conversation store', () => {
  let now = 0;
  const store = () => new ConversationStore({ maxConversations: 3, maxHistory: 4, idleMs: 1_000, maxAgeMs: 5_000 }, () => now);
  beforeEach(() => (now = 1_000_000));

  test('ids, tokens and users are random and distinct', () => {
    const s = store();
    const [a, b] = [s.create(), s.create()];
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
    expect(a.userId).not.toBe(b.userId);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    expect(tokenMatches(a, a.token)).toBe(true);
    expect(tokenMatches(a, b.token)).toBe(false);
    expect(tokenMatches(a, '')).toBe(false);
    expect(s.byTokenValue(b.token)).toBe(b);
  });

  test('when full, the conversation seen least recently is evicted, its token with it', () => {
    const s = store();
    const [a, b, c] = [s.create(), s.create(), s.create()];
    now += 10;
    s.touch(a);
    const d = s.create();
    expect(s.size).toBe(3);
    expect(s.get(b.id)).toBeUndefined();
    expect(s.byTokenValue(b.token)).toBeUndefined();
    expect([s.get(a.id), s.get(c.id), s.get(d.id)]).toEqual([a, c, d]);
  });

  test('the history keeps the latest activities; watermarks stay absolute', () => {
    const s = store();
    const c = s.create();
    for (let i = 0; i < 6; i += 1) s.append(c, { type: 'message', text: `m${i}` });
    const all = s.since(c);
    expect(all.activities.map((a) => a.text)).toEqual(['m2', 'm3', 'm4', 'm5']);
    expect(all.activities[0].id).toBe(`${c.id}|0000002`);
    expect(all.watermark).toBe('6');
    expect(s.since(c, 4).activities.map((a) => a.text)).toEqual(['m4', 'm5']);
    expect(s.since(c, 0).activities).toHaveLength(4);
    expect(s.since(c, 6)).toEqual({ activities: [], watermark: '6' });
  });

  test('an idle conversation expires; a polled one lives until its maximum age', () => {
    const s = store();
    const idle = s.create();
    const polled = s.create();
    for (let t = 0; t < 4; t += 1) {
      now += 900;
      expect(s.get(polled.id)).toBe(polled);
      s.touch(polled);
    }
    expect(s.get(idle.id)).toBeUndefined();
    now += 900;
    expect(s.get(polled.id)).toBe(polled);
    s.touch(polled);
    now += 501; // just past 5,000 ms after its creation
    expect(s.get(polled.id)).toBeUndefined();
    expect(s.size).toBe(0);
  });
});
