import type { IncomingMessage } from 'node:http';
import { envSchema } from '../../src/config/env';
import { clientAddress, rateKey } from '../../src/http/clientAddress';
import { TOKEN_RATE } from '../../src/web/tokenRoute';
import { BotServer } from '../support/channelHarness';

/**
 * Issue 13, door 2: behind N trusted proxies the client is N entries from the right of
 * X-Forwarded-For (the socket address counted last); IPv6 clients are counted per /64.
 */
const request = (forwardedFor: string | undefined, socket = '10.0.0.9') =>
  ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: socket } }) as unknown as IncomingMessage;

describe('the client address behind proxies', () => {
  test('TRUST_PROXY counts hops; true and false still mean 1 and 0', () => {
    const hops = (value?: string) => envSchema.parse(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;
    expect([hops(), hops('true'), hops('false'), hops('0'), hops('2'), hops('TRUE')]).toEqual([0, 1, 0, 0, 2, 1]);
    for (const bad of ['-1', '1.5', 'yes please', '11']) expect([bad, envSchema.safeParse({ TRUST_PROXY: bad }).success]).toEqual([bad, false]);
  });

  test('the entry that many hops from the right; whatever the client wrote further left is never read', () => {
    // Front Door appended the client; App Service's front end is the socket.
    expect(clientAddress(request('203.0.113.5, 198.51.100.20'), 2)).toBe('203.0.113.5');
    expect(clientAddress(request('6.6.6.6, 7.7.7.7, 203.0.113.5, 198.51.100.20'), 2)).toBe('203.0.113.5');
    expect(clientAddress(request('203.0.113.5, 198.51.100.20'), 1)).toBe('198.51.100.20');
    expect(clientAddress(request('203.0.113.5'), 0)).toBe('10.0.0.9');
    expect(clientAddress(request(undefined), 2)).toBe('10.0.0.9');
    // Ports, brackets and zones are dropped; fewer entries than hops: the furthest one a proxy wrote.
    expect(clientAddress(request('203.0.113.5:52311, [2001:db8::7]:443'), 1)).toBe('2001:db8::7');
    expect(clientAddress(request('203.0.113.5:52311, 198.51.100.20'), 2)).toBe('203.0.113.5');
    expect(clientAddress(request('198.51.100.20'), 3)).toBe('198.51.100.20');
    // An entry that is no address (garbage from a misconfigured hop): the next one a proxy wrote.
    expect(clientAddress(request('not-an-ip, 198.51.100.20'), 2)).toBe('198.51.100.20');
  });

  test('IPv6 is keyed on its /64; IPv4-mapped IPv6 is IPv4', () => {
    expect(rateKey('2001:db8:1:2::1')).toBe(rateKey('2001:0db8:0001:0002:ffff:eeee:dddd:cccc'));
    expect(rateKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:db8:1:3::1')).not.toBe(rateKey('2001:db8:1:2::1'));
    expect(rateKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(rateKey('::ffff:cb00:7105')).toBe('203.0.113.5');
    expect(rateKey('::1')).toBe('0:0:0:0::/64');
    expect(rateKey('203.0.113.5')).toBe('203.0.113.5');
  });
});

describe('the token route behind two proxies (TRUST_PROXY=2)', () => {
  const server = new BotServer({ env: { TRUST_PROXY: '2' } });
  beforeAll(() => server.start(), 90_000);
  afterAll(() => server.stop());
  const token = async (forwardedFor: string) => {
    const res = await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': forwardedFor } });
    await res.arrayBuffer();
    return res.status;
  };
  const burst = async (forwardedFor: string) => {
    for (let i = 0; i < TOKEN_RATE.burst; i += 1) expect(await token(forwardedFor)).toBe(200);
  };
  const FRONT_DOOR = '198.51.100.20';

  test('visitors are told apart; extra entries on the left change nothing', async () => {
    await burst(`203.0.113.5, ${FRONT_DOOR}`);
    expect(await token(`203.0.113.5, ${FRONT_DOOR}`)).toBe(429);
    expect(await token(`1.2.3.4, 203.0.113.5, ${FRONT_DOOR}`)).toBe(429);
    expect(await token(`203.0.113.6, ${FRONT_DOOR}`)).toBe(200);
  });

  test('two addresses of one IPv6 /64 share a bucket; the next /64 has its own', async () => {
    await burst(`2001:db8:aa:1::1, ${FRONT_DOOR}`);
    expect(await token(`2001:db8:aa:1:9999::42, ${FRONT_DOOR}`)).toBe(429);
    expect(await token(`[2001:db8:aa:1::77]:4431, ${FRONT_DOOR}`)).toBe(429);
    expect(await token(`2001:db8:aa:2::1, ${FRONT_DOOR}`)).toBe(200);
  });
});
