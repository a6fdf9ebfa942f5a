import { sameSecret } from '../http/sameSecret';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The serviceUrls an unauthenticated (local mode) bot may reply to: exactly its own local Direct
 * Line connector (whose address carries a per-process secret), and, with LOCAL_EMULATOR, plain
 * http on this machine's loopback (the Bot Framework Emulator, the tests' channel). Anything else
 * would let a caller make the bot post wherever they like.
 */
export function localServiceUrls(own: (() => string) | undefined, allowLoopback: boolean): (serviceUrl: string) => boolean {
  return (serviceUrl) => (own !== undefined && sameSecret(serviceUrl, own())) || (allowLoopback && isLoopbackHttp(serviceUrl));
}

function isLoopbackHttp(serviceUrl: string): boolean {
  try {
    const url = new URL(serviceUrl);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}
