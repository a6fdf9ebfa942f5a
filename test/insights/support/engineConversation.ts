import { runTurn, type TurnResult } from '../../../src/engine/machine';
import type { ConversationState } from '../../../src/engine/state';
import type { Flow } from '../../../src/flow/model';
import { shortNeedOf } from '../../../src/insights/advance';
import type { InsightsRecorder } from '../../../src/insights/recorder';
import type { ChannelName } from '../../../src/needs/record';

/** A clock the test moves: every turn happens at `now`. */
export class TestClock {
  constructor(public now: Date) {}
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

let references = 0;

/**
 * One conversation through the real engine, with its insights recorded each turn as the
 * transport will do it: run the turn, prepare the insights from the state it leaves and the
 * turn's events (emitted by the engine), keep the track with the state, commit.
 */
export class EngineConversation {
  state?: ConversationState;
  track?: unknown;

  constructor(
    private readonly flow: Flow,
    private readonly recorder: InsightsRecorder,
    private readonly clock: TestClock,
    private readonly channel: ChannelName,
    private readonly id: string,
  ) {}

  async say(text: string, gapMs = 20_000): Promise<TurnResult> {
    this.clock.advance(gapMs);
    const now = this.clock.now;
    const result = runTurn(this.flow, this.state, text ? { kind: 'message', text } : { kind: 'start' }, {
      now,
      conversationId: this.id,
      channel: this.channel,
      nextReference: () => `PBL-2026-${String(++references).padStart(5, '0')}`,
    });
    const s = result.state;
    const prepared = await this.recorder.prepare(this.track, { flow: this.flow, version: 1, channel: this.channel, lang: s.lang, now, phase: s.phase, answers: s.answers, events: result.events, ...shortNeedOf(s) });
    this.state = s;
    this.track = prepared.track;
    prepared.commit();
    return result;
  }

  /** The question the engine is asking now. */
  get asking(): string | undefined {
    return this.state?.phase === 'asking' ? this.state.asking : this.state?.phase;
  }
}
