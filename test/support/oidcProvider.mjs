// A real OpenID provider (oidc-provider, ESM) on loopback for the studio's sign-in tests, started
// as a child process: `node test/support/oidcProvider.mjs '<json config>'`. It prints one line,
// `{"issuer":"http://127.0.0.1:<port>"}`, once it listens.
//
// Config: { redirectUri, clientId, clientSecret, accounts: { <login>: { email?, name?, groups? } } }
// The login form (devInteractions) accepts any password; the tests only sign in declared logins.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' };

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: config.clientId,
      client_secret: config.clientSecret,
      redirect_uris: [config.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  // Like Entra ID: every authorization request must carry a PKCE challenge.
  pkce: { required: () => true },
  jwks: { keys: [jwk] },
  cookies: { keys: ['oidc-provider-test-cookie-key'] },
  // Entra ID puts email and groups in the ID token itself; so does this provider.
  conformIdTokenClaims: false,
  claims: { openid: ['sub', 'groups'], email: ['email'], profile: ['name', 'preferred_username'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: account.email ?? id, ...account };
      },
    };
  },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`provider error: ${err.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
