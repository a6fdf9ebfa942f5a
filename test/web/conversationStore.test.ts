import { ConversationStore, DEFAULT_LIMITS, type LocalConversation, type StoreLimits, tokenMatches } from '../../src/web/conversationStore';

/** The local Direct Line's memory stays bounded: conversations, history, bytes and age. */
describe('local Direct Line conversation store', () => {
  let now = 0;
  const limits: StoreLimits = {
    maxConversations: 3,
    maxHistory: 4,
    maxConversationBytes: 1_000,
    maxTotalBytes: 2_500,
    idleMs: 1_000,
    maxAgeMs: 5_000,
    liveMs: 100,
  };
  const store = (over: Partial<StoreLimits> = {}) => new ConversationStore({ ...limits, ...over }, () => now);
  const create = (s: ConversationStore): LocalConversation => {
    const c = s.create();
    if (!c) throw new Error('the store refused a conversation');
    return c;
  };
  const page = (s: ConversationStore, c: LocalConversation, watermark?: number) =>
    JSON.parse(s.page(c, watermark)) as { activities: { id: string; text?: string }[]; watermark: string };
  /** An activity whose stored JSON is exactly `bytes` long. */
  const sized = (bytes: number, c: LocalConversation, text = '') => {
    const probe = JSON.stringify({ type: 'message', text, pad: '', id: `${c.id}|0000000` });
    return { type: 'message', text, pad: 'x'.repeat(bytes - probe.length) };
  };
  beforeEach(() => (now = 1_000_000));

  test('ids, tokens and users are random and distinct', () => {
    const s = store();
    const [a, b] = [create(s), create(s)];
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
    expect(a.userId).not.toBe(b.userId);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    expect(tokenMatches(a, a.token)).toBe(true);
    expect(tokenMatches(a, b.token)).toBe(false);
    expect(tokenMatches(a, '')).toBe(false);
    expect(s.byTokenValue(b.token)).toBe(b);
  });

  test('when full, a conversation never opened makes room first, its token with it', () => {
    const s = store();
    const [a, b, c] = [create(s), create(s), create(s)];
    a.started = true;
    c.started = true;
    const d = create(s);
    expect(s.size).toBe(3);
    expect(s.get(b.id)).toBeUndefined();
    expect(s.byTokenValue(b.token)).toBeUndefined();
    expect([s.get(a.id), s.get(c.id), s.get(d.id)]).toEqual([a, c, d]);
  });

  test('then the longest idle; a conversation in use is never evicted: a newcomer is refused instead', () => {
    const s = store();
    const [a, b, c] = [create(s), create(s), create(s)];
    for (const x of [a, b, c]) x.started = true;
    now += 50;
    s.touch(a);
    s.touch(c);
    now += 60; // b was last seen 110 ms ago: idle; a and c 60 ms ago: in use
    const d = create(s);
    expect(s.get(b.id)).toBeUndefined();
    d.started = true;
    s.touch(d);
    expect(s.create()).toBeUndefined();
    expect([s.get(a.id), s.get(c.id), s.get(d.id)]).toEqual([a, c, d]);
    // Once a chat falls idle, a newcomer gets its place.
    now += 101;
    s.touch(a);
    s.touch(d);
    expect(s.create()).toBeDefined();
    expect(s.get(c.id)).toBeUndefined();
  });

  test('the history keeps the latest activities; watermarks stay absolute', () => {
    const s = store();
    const c = create(s);
    for (let i = 0; i < 6; i += 1) s.append(c, { type: 'message', text: `m${i}` });
    const all = page(s, c);
    expect(all.activities.map((a) => a.text)).toEqual(['m2', 'm3', 'm4', 'm5']);
    expect(all.activities[0].id).toBe(`${c.id}|0000002`);
    expect(all.watermark).toBe('6');
    expect(page(s, c, 4).activities.map((a) => a.text)).toEqual(['m4', 'm5']);
    expect(page(s, c, 0).activities).toHaveLength(4);
    expect(page(s, c, 6)).toEqual({ activities: [], watermark: '6' });
  });

  test('bytes are counted on the JSON kept: a conversation keeps its latest within its budget', () => {
    const s = store({ maxHistory: 100 });
    const c = create(s);
    for (let i = 0; i < 5; i += 1) s.append(c, sized(300, c, `m${i}`));
    expect(c.bytes).toBe(900);
    expect(s.bytes).toBe(900);
    const kept = page(s, c);
    expect(kept.activities.map((a) => a.text)).toEqual(['m2', 'm3', 'm4']);
    expect(kept.watermark).toBe('5');
  });

  test('past the total budget, idle conversations go first, then the oldest activities of the largest', () => {
    const s = store({ maxHistory: 100, maxConversations: 10, maxConversationBytes: 2_000 });
    const [idle, busy, quiet] = [create(s), create(s), create(s)];
    for (const x of [idle, busy, quiet]) x.started = true;
    for (let i = 0; i < 3; i += 1) s.append(idle, sized(300, idle, `idle${i}`));
    now += 200; // idle is no longer in use
    s.touch(busy);
    s.touch(quiet);
    for (let i = 0; i < 3; i += 1) s.append(busy, sized(300, busy, `busy${i}`));
    for (let i = 0; i < 2; i += 1) s.append(quiet, sized(300, quiet, `quiet${i}`));
    expect(s.bytes).toBe(2_400);
    s.append(quiet, sized(300, quiet, 'quiet2'));
    expect(s.get(idle.id)).toBeUndefined();
    expect(s.bytes).toBe(1_800);
    // Only conversations in use remain: the largest gives up its oldest activities.
    for (let i = 3; i < 8; i += 1) s.append(quiet, sized(300, quiet, `quiet${i}`));
    expect(s.bytes).toBe(2_400);
    expect(page(s, busy).activities.map((a) => a.text)).toEqual(['busy0', 'busy1', 'busy2']);
    expect(page(s, quiet).activities.map((a) => a.text)).toEqual(['quiet3', 'quiet4', 'quiet5', 'quiet6', 'quiet7']);
  });

  test('a flood of activities full of empty objects stays within the byte budgets (issue 13, 1d)', () => {
    const s = new ConversationStore(DEFAULT_LIMITS, () => now);
    // 29 MB of `[{},{},…]`, 16 kB an activity, over 30 conversations kept in use.
    const conversations = Array.from({ length: 30 }, () => create(s));
    const value = Array.from({ length: 5_400 }, () => ({}));
    for (let i = 0; i < 1_800; i += 1) {
      const c = conversations[i % conversations.length];
      c.started = true;
      s.touch(c);
      s.append(c, { type: 'event', name: 'flood', value });
    }
    expect(s.bytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTotalBytes);
    for (const c of conversations) expect(c.bytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxConversationBytes);
    expect(s.bytes).toBe(conversations.reduce((sum, c) => sum + c.bytes, 0));
  });

  test('an idle conversation expires; a polled one lives until its maximum age', () => {
    const s = store();
    const idle = create(s);
    const polled = create(s);
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
    expect(s.bytes).toBe(0);
  });
});
