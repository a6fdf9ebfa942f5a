import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  CallerIdConstants,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Env } from '../config/env';

/**
 * How the adapter authenticates activities (and itself when it replies). With an empty
 * MicrosoftAppId it accepts anything: local and Emulator use only (refused in production, see
 * startupProblems). `BotOpenIdMetadata` moves where the channel's signing keys are read;
 * botbuilder then expects every endpoint to be named, so the public-cloud ones are spelled out.
 */
export function botAuthentication(env: Env): ConfigurationBotFrameworkAuthentication {
  const options: Record<string, string> = {
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  };
  if (env.BotOpenIdMetadata) {
    Object.assign(options, {
      ToBotFromChannelOpenIdMetadataUrl: env.BotOpenIdMetadata,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: 'true',
    });
  }
  return new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions);
}
