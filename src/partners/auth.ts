import type { Request, Response } from 'restify';
import { bearerToken } from '../http/request';
import { TokenBuckets } from '../http/tokenBucket';
import type { PartnerKeyRecord, PartnerKeys } from '../stores/partnerKeys';
import { keyIdOf, keyMatches, type Scope } from './keys';
import { sendJson } from './respond';

/**
 * Who calls the partner API: `Authorization: Bearer <key>` checked against the stored digest
 * (401 otherwise), then the key's rate (429), then the scope the route needs (403). The key is
 * never logged nor echoed; errors say what to change.
 */
export class PartnerAuth {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly keys: PartnerKeys,
    private readonly ratePerMinute: number,
    now: () => number = Date.now,
  ) {
    // A minute's worth at once, then refilled evenly: a partner syncing every few minutes never waits.
    this.buckets = new TokenBuckets({ capacity: ratePerMinute, refillPerSecond: ratePerMinute / 60, maxKeys: 10_000 }, now);
  }

  /** The caller's key, or undefined once the refusal is sent. */
  async check(req: Request, res: Response, scope: Scope): Promise<PartnerKeyRecord | undefined> {
    const presented = bearerToken(req);
    const id = presented ? keyIdOf(presented) : undefined;
    const key = id ? await this.keys.get(id) : undefined;
    if (!presented || !key || !keyMatches(key, presented)) {
      sendJson(res, 401, { error: 'Unauthorized', message: 'a valid partner API key is required: Authorization: Bearer <key>' }, { 'www-authenticate': 'Bearer realm="partners"' });
      return undefined;
    }
    if (!this.buckets.take(key.id).allowed) {
      const wait = Math.max(1, Math.ceil(60 / this.ratePerMinute));
      sendJson(res, 429, { error: 'TooManyRequests', message: `more than ${this.ratePerMinute} requests a minute with this key: wait ${wait} s` }, { 'retry-after': String(wait) });
      return undefined;
    }
    if (!key.scopes.includes(scope)) {
      sendJson(res, 403, { error: 'Forbidden', message: `this key lacks the scope ${scope} (ask the operator for a key with it)` });
      return undefined;
    }
    return key;
  }
}
