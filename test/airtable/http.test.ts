import { AirtableApiError, AirtableUnavailableError, baseOfPath, createAirtableRequest } from '../../src/airtable/http';
import { RateLimiter } from '../../src/airtable/rateLimiter';
import { BASE, captureLogger, hangTimer, maxInAnyWindow, TOKEN, virtualClock } from './helpers';
import { FakeAirtable, type Fault } from './fakeAirtable';

describe('RateLimiter', () => {
  test('at most 5 starts in any second, in arrival order, with a virtual clock', async () => {
    const clock = virtualClock(0);
    const limiter = new RateLimiter({ clock, marginMs: 0 });
    const starts: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 23 }, (_, i) =>
        limiter.acquire().then(() => {
          starts.push(clock.now());
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(maxInAnyWindow(starts, 1000)).toBe(5);
    expect(starts.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1000]);
  });

  test('pauseFor silences every caller; an aborted wait gives up its turn', async () => {
    const clock = virtualClock(0);
    const limiter = new RateLimiter({ clock });
    limiter.pauseFor(30_000);
    await limiter.acquire();
    expect(clock.now()).toBe(30_000);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('stop');
    await limiter.acquire();
  });
});

describe('the Airtable request function', () => {
  let fake: FakeAirtable;
  let url: string;
  const clock = virtualClock(0);
  beforeEach(async () => {
    fake = new FakeAirtable({ token: TOKEN, baseId: BASE, now: clock.now });
    fake.createTable({ name: 'Besoins', fields: [{ name: 'Référence', type: 'singleLineText' }] });
    url = await fake.start();
  });
  afterEach(() => fake.close());

  function client(extra: Partial<Parameters<typeof createAirtableRequest>[0]> = {}) {
    const { logger, lines } = captureLogger();
    const limiter = new RateLimiter({ clock });
    const request = createAirtableRequest({
      token: TOKEN,
      endpointUrl: `${url}/`,
      clock,
      random: () => 0.5,
      limiter: () => limiter,
      requestTimeoutMs: 150,
      // A hung request times out when the fake hangs it, 150 ms later in virtual time.
      attemptTimer: hangTimer(fake, clock),
      logger,
      ...extra,
    });
    return { request, lines, limiter };
  }
  const faults = (list: (Fault | undefined)[]) => (_: unknown, i: number) => list[i];

  test('sends the Bearer token to AIRTABLE_ENDPOINT_URL (trailing slash tolerated) and parses JSON', async () => {
    const { request } = client();
    const res = await request<{ records: unknown[] }>({ method: 'GET', path: `/v0/${BASE}/Besoins`, query: { pageSize: 100, offset: undefined } });
    expect(res).toEqual({ records: [] });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: `/v0/${BASE}/Besoins`, query: { pageSize: '100' } });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('429: 30 s of silence, then the retry; 5xx, resets and timeouts: full-jitter backoff from 1 s, capped at 60 s; each attempt logged', async () => {
    fake.fault = faults([{ status: 429 }, { status: 503 }, 'reset', 'hang', { status: 500 }, { status: 502 }, { status: 504 }, { status: 503 }, { status: 503 }]);
    const { request, lines } = client();
    const t0 = clock.now();
    clock.slept.length = 0;
    const res = await request({ method: 'GET', path: `/v0/${BASE}/Besoins` });
    expect(res).toEqual({ records: [] });
    expect(fake.requests).toHaveLength(10);
    // Nothing reaches Airtable during the 30 s after the 429.
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(30_000);
    // random() = 0.5: half of 1, 2, 4, 8, 16, 32, 60 (cap), 60 s.
    expect(clock.slept).toEqual([30_000, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    // Plus the 150 ms the hung attempt waited.
    expect(clock.now() - t0).toBe(30_000 + 500 + 1000 + 2000 + 4000 + 8000 + 16_000 + 30_000 + 30_000 + 150);
    const warnings = lines().filter((l) => l.msg === 'Airtable request failed; retrying');
    expect(warnings.map((w) => w.failure)).toEqual(['HTTP 429', 'HTTP 503', 'network error', 'timeout', 'HTTP 500', 'HTTP 502', 'HTTP 504', 'HTTP 503', 'HTTP 503']);
    expect(warnings.map((w) => w.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('4xx other than 429: not retried, surfaced with Airtable type and message', async () => {
    const { request } = client();
    const err = await request({
      method: 'PATCH',
      path: `/v0/${BASE}/Besoins`,
      body: { performUpsert: { fieldsToMergeOn: ['Référence'] }, records: [{ fields: { Référence: 'A', Inconnu: 1 } }] },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AirtableApiError);
    expect(err).toMatchObject({ status: 422, type: 'UNKNOWN_FIELD_NAME', airtableMessage: 'Unknown field name: "Inconnu"' });
    expect(fake.requests).toHaveLength(1);
  });

  test('404 with a bare error string', async () => {
    const { request } = client();
    await expect(request({ method: 'GET', path: '/v0/appOTHER/Besoins' })).rejects.toMatchObject({ status: 404, type: 'NOT_FOUND' });
  });

  test('maxAttempts bounds the retries; aborting stops them', async () => {
    fake.fault = () => ({ status: 503 });
    const { request } = client({ maxAttempts: 3 });
    await expect(request({ method: 'GET', path: `/v0/${BASE}/Besoins` })).rejects.toBeInstanceOf(AirtableUnavailableError);
    expect(fake.requests).toHaveLength(3);

    const controller = new AbortController();
    const { request: unbounded } = client({
      clock: {
        now: clock.now,
        sleep: async (ms, signal) => {
          controller.abort(new Error('stopped'));
          return clock.sleep(ms, signal);
        },
      },
    });
    await expect(unbounded({ method: 'GET', path: `/v0/${BASE}/Besoins`, signal: controller.signal })).rejects.toThrow('stopped');
    expect(fake.requests).toHaveLength(4);
  });

  test('the limiter key is the base, for records and metadata alike', () => {
    expect(baseOfPath('/v0/appA/Besoins')).toBe('appA');
    expect(baseOfPath('/v0/meta/bases/appA/tables')).toBe('appA');
    expect(baseOfPath('/v0/meta/whoami')).toBe('*');
  });
});
