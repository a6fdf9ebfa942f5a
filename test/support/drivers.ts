import type { Activity } from 'botbuilder';
import { capabilitiesOf } from '../../src/bot/channels';
import { runTurn, type TurnInput } from '../../src/engine/machine';
import type { ConversationState } from '../../src/engine/state';
import { plainText } from '../../src/engine/userText';
import type { Flow } from '../../src/flow/model';
import type { NeedRecord } from '../../src/needs/record';
import { BotServer, CaptureChannel, postActivity, readable } from './channelHarness';

/** One way of playing a conversation: each turn returns everything the bot showed, as text. */
export interface Driver {
  start(): Promise<void>;
  send(input: TurnInput): Promise<string[]>;
  restart(): Promise<void>;
  /** Needs recorded for this conversation, latest version of each. */
  stored(): Promise<NeedRecord[]>;
  stop(): Promise<void>;
}

/** Straight through the pure engine, the state kept as JSON between turns. */
export class EngineDriver implements Driver {
  private state?: ConversationState;
  private readonly needs = new Map<string, NeedRecord>();
  private sequence = 0;
  constructor(
    private readonly flow: Flow,
    private readonly clock: () => Date,
    private readonly channelId: string,
    private readonly conversationId: string,
    private readonly locale = 'fr-FR',
  ) {}
  async start() {}
  async send(input: TurnInput): Promise<string[]> {
    const now = this.clock();
    const result = runTurn(this.flow, this.state, { ...input, locale: this.locale }, {
      now,
      conversationId: this.conversationId,
      channel: capabilitiesOf(this.channelId).name,
      nextReference: () => `${this.flow.settings.reference_prefix}-${now.getUTCFullYear()}-${String(++this.sequence).padStart(5, '0')}`,
    });
    if (result.need) this.needs.set(result.need.Besoins.Référence, result.need);
    this.state = JSON.parse(JSON.stringify(result.state));
    return result.messages.map((m) => plainText(m.text));
  }
  async restart() {
    this.state = this.state && JSON.parse(JSON.stringify(this.state));
  }
  async stored() {
    return [...this.needs.values()];
  }
  async stop() {}
}

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
