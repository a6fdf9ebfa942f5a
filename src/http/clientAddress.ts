import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/**
 * Who is asking, for per-address limits. Each trusted proxy (TRUST_PROXY hops) appends the address
 * it received the request from to X-Forwarded-For, so the client is the entry `hops` places from
 * the right of [...X-Forwarded-For, socket address]; entries further left are whatever the client
 * wrote and are never read. With 0 hops the header is ignored.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const socket = req.socket?.remoteAddress ?? '';
  const forwarded = trustedHops > 0 ? headerList(req.headers['x-forwarded-for']) : [];
  const chain = [...forwarded, socket];
  // Past the client's entry (a proxy that wrote garbage, fewer hops than configured), the nearest
  // address a trusted hop wrote: a shared bucket errs on the safe side.
  for (let i = Math.max(0, chain.length - 1 - trustedHops); i < chain.length; i += 1) {
    const address = plainAddress(chain[i]);
    if (address) return address;
  }
  return 'unknown';
}

/**
 * The key a limit counts on: an IPv4 address, or an IPv6 address's /64 (one subscriber usually
 * holds a whole /64, and would otherwise get a fresh bucket per address). IPv4-mapped IPv6 is IPv4.
 */
export function rateKey(address: string): string {
  if (net.isIPv4(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The scheme the client used, as the outermost trusted proxy saw it (X-Forwarded-Proto), if any. */
export function forwardedProto(req: IncomingMessage, trustedHops: number): string | undefined {
  if (trustedHops <= 0) return undefined;
  const values = headerList(req.headers['x-forwarded-proto']);
  return values.length ? values[Math.max(0, values.length - trustedHops)].toLowerCase() : undefined;
}

const headerList = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value.join(',') : (value ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** An IP address without port, brackets or zone (`[::1]:443`, `10.0.0.1:5000`, `fe80::1%eth0`), or undefined. */
function plainAddress(entry: string): string | undefined {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.replace(/:\d+$/, '');
  address = address.replace(/%.*$/, '');
  return net.isIP(address) ? address.toLowerCase() : undefined;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 included). */
function ipv6Groups(address: string): number[] | undefined {
  if (!net.isIPv6(address)) return undefined;
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}
