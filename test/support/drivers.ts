import type { Activity } from 'botbuilder';
import type { TurnInput } from '../../src/engine/machine';
import type { Flow } from '../../src/flow/model';
import type { NeedRecord } from '../../src/needs/record';
import { BotServer, CaptureChannel, postActivity, readable } from './channelHarness';
import type { Driver } from './driver';

// The engine half lives in its own module so that it loads without botbuilder and restify.
export type { Driver } from './driver';
export { EngineDriver } from './engineDriver';


/** Through the real server and adapter over HTTP, replies captured at the channel's serviceUrl. */
export class HttpDriver implements Driver {
  private server: BotServer;
  private readonly channel = new CaptureChannel();
  private counter = 0;
  constructor(
    private readonly flow: Flow,
    private readonly clock: () => Date,
    private readonly channelId: string,
    private readonly conversationId: string,
    private readonly locale = 'fr-FR',
  ) {
    this.server = new BotServer({ flow, clock });
  }
  async start() {
    await this.channel.start();
    await this.server.start();
  }
  async send(input: TurnInput): Promise<string[]> {
    const activity: Partial<Activity> = {
      id: `act-${++this.counter}`,
      channelId: this.channelId,
      serviceUrl: this.channel.url,
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user-1', name: 'Test user' },
      recipient: { id: 'bot-1', name: 'Bot' },
      timestamp: this.clock(),
      locale: this.locale,
    };
    Object.assign(
      activity,
      input.kind === 'start'
        ? { type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Test user' }] }
        : { type: 'message', text: input.text, value: input.value },
    );
    const status = await postActivity(this.server.url, activity);
    if (status >= 300) throw new Error(`POST /api/messages answered ${status}`);
    return this.channel.take().map(readable);
  }
  async restart() {
    await this.server.stop();
    this.server = new BotServer({ flow: this.flow, clock: this.clock, dataDir: this.server.dataDir });
    await this.server.start();
  }
  async stored() {
    return (await this.server.app.journal.byConversation(this.conversationId)).map((e) => e.record as NeedRecord);
  }
  async stop() {
    await this.server.stop();
    await this.channel.stop();
  }
}
