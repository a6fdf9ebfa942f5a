import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { postingRepliesAsJson } from './jsonReplies';

/** Bounded: a serviceUrl comes from the channel's token (or local mode's own list), yet a map keyed by it must not grow. */
const MAX_CLIENTS = 64;

/**
 * The adapter's authentication, keeping the clients it makes. botbuilder's CloudAdapter asks for
 * a new Bot Connector client and a new user-token client on every turn, and each builds its own
 * Azure request pipeline (about 5 % of a busy bot's CPU on this project's machine). Both are
 * stateless between requests: the credentials they hold fetch and cache their own tokens, so one
 * client per (bot app id, audience, serviceUrl) serves every turn. Everything else is the inner
 * authentication's, untouched: who is authenticated, and how, does not change.
 */
export class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new BoundedMap<Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly userTokens = new BoundedMap<Promise<UserTokenClient>>(MAX_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectors);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.getOrMake(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const made = result.connectorFactory;
    return made ? { ...result, connectorFactory: new ReusingConnectorFactory(made, appIdOf(result.claimsIdentity), this.connectors) } : result;
  }
}

/** How botbuilder names the bot a claims identity is for: the audience (channels), else the app id (Emulator). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? ''
  );
}

/** A factory whose clients outlive the turn (the same bot, audience and serviceUrl get the same client) and post replies as JSON (jsonReplies.ts). */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly made: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: BoundedMap<Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    // The newline cannot occur in an app id or audience, so two keys never collide.
    return this.clients.getOrMake(`${this.appId}\n${audience ?? ''}\n${serviceUrl}`, () =>
      this.made.create(serviceUrl, audience).then((client) => postingRepliesAsJson(client, serviceUrl)),
    );
  }
}

/**
 * A map of the last `max` keys used. A failed making is forgotten, so that the next turn tries
 * again rather than reusing the failure.
 */
class BoundedMap<V extends Promise<unknown>> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  getOrMake(key: string, make: () => V): V {
    const known = this.entries.get(key);
    if (known) {
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const made = make();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }
}
