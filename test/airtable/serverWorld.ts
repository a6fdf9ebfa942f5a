import { BotServer, CaptureChannel } from '../support/channelHarness';
import { FakeAirtable } from './fakeAirtable';
import { BASE, seedBase, TOKEN } from './helpers';

/** The real server with Airtable configured to the stand-in (a complete base), and a channel to talk through. */
export interface AirtableServer {
  fake: FakeAirtable;
  url: string;
  channel: CaptureChannel;
  bot: BotServer;
  /** Stops the server alone (its background workers with it); the stand-ins stay. */
  stopBot(): Promise<void>;
  stop(): Promise<void>;
}

export async function startAirtableServer(): Promise<AirtableServer> {
  const fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
  seedBase(fake);
  const url = await fake.start();
  const channel = new CaptureChannel();
  await channel.start();
  const bot = new BotServer({ env: { AIRTABLE_TOKEN: TOKEN, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: url } });
  await bot.start();
  let stopped: Promise<void> | undefined;
  const stopBot = () => (stopped ??= bot.stop());
  return {
    fake,
    url,
    channel,
    bot,
    stopBot,
    stop: async () => {
      await stopBot();
      await channel.stop();
      await fake.close();
    },
  };
}
