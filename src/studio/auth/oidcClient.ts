import type { Configuration } from 'openid-client';
import { z } from 'zod';
import { isSecureOrLoopback, type OidcSettings } from './settings';
import { sign, verify } from './signedValue';

/** How long the browser may take between /studio/login and the provider's redirect back. */
export const SIGN_IN_MS = 10 * 60_000;
const PURPOSE = 'studio-sign-in';
const SCOPE = 'openid profile email';

/** What the sign-in cookie keeps between the two legs of the authorization code flow. */
const pendingSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(43),
  returnTo: z.string(),
  startedAt: z.number(),
});
type Pending = z.infer<typeof pendingSchema>;

/**
 * openid-client v6 is an ES module and this project compiles to CommonJS: `await import()` is
 * compiled to `require()`, which Node 20.19+ and 24 accept for a synchronous ES module graph.
 * Loading it only here keeps it out of every other module (Jest cannot load it at all).
 */
const loadClient = () => import('openid-client');

/**
 * The authorization code flow with PKCE against the configured issuer (Microsoft Entra ID):
 * discovery on first use (and again after a failure), state + nonce + PKCE verifier in a signed
 * short-lived cookie, every check of the response and the ID token done by openid-client.
 */
export class OidcClient {
  private config?: Promise<Configuration>;

  constructor(
    private readonly settings: OidcSettings,
    private readonly key: Buffer,
  ) {}

  private configuration(): Promise<Configuration> {
    this.config ??= (async () => {
      const client = await loadClient();
      const { issuer, clientId, clientSecret } = this.settings;
      // https only, but for a provider on this machine (the settings refuse any other http issuer).
      const execute = issuer.protocol === 'http:' && isSecureOrLoopback(issuer) ? [client.allowInsecureRequests] : [];
      return client.discovery(issuer, clientId, undefined, client.ClientSecretPost(clientSecret), { execute, timeout: 10 });
    })();
    // A provider that was down at the first sign-in must not stay "down" until a restart.
    this.config.catch(() => (this.config = undefined));
    return this.config;
  }

  /** The provider's authorization URL and the signed cookie value to keep until the callback. */
  async start(returnTo: string, now: number, selectAccount: boolean): Promise<{ url: URL; cookie: string }> {
    const [client, config] = await Promise.all([loadClient(), this.configuration()]);
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo,
      startedAt: now,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      ...(selectAccount ? { prompt: 'select_account' } : {}),
    });
    return { url, cookie: sign(this.key, PURPOSE, pending) };
  }

  /**
   * Completes the sign-in from the callback's query string and the sign-in cookie: the ID
   * token's claims and where to go next. Throws (an openid-client error, or `SignInExpired`)
   * when anything does not match.
   */
  async finish(query: URLSearchParams, cookie: string | undefined, now: number): Promise<{ claims: unknown; returnTo: string }> {
    const pending = pendingSchema.safeParse(verify(this.key, PURPOSE, cookie));
    if (!pending.success || now - pending.data.startedAt > SIGN_IN_MS || pending.data.startedAt > now) throw new SignInExpired();
    const [client, config] = await Promise.all([loadClient(), this.configuration()]);
    const callback = new URL(this.settings.redirectUri);
    for (const [k, v] of query) callback.searchParams.append(k, v);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.data.verifier,
      expectedState: pending.data.state,
      expectedNonce: pending.data.nonce,
      idTokenExpected: true,
    });
    return { claims: tokens.claims(), returnTo: pending.data.returnTo };
  }
}

/** No sign-in cookie, a forged one, or one older than SIGN_IN_MS. */
export class SignInExpired extends Error {
  override readonly name = 'SignInExpired';
  constructor() {
    super('no valid sign-in in progress for this browser');
  }
}
