import type { ConversationState as BotConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Locale } from '../answers/types';
import type { TurnInput } from '../engine/machine';
import { say } from '../engine/texts';
import { type EvaluationState, type EvaluationTurnContext, type EvaluationTurnDeps, type EvaluationTurnOutcome, evaluationTurn, startEvaluation } from '../evaluations/conversation';
import type { EvaluationInit } from '../evaluations/ports';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { isETagConflict } from '../stores/etag';
import { capabilitiesOf } from './channels';
import { toActivities } from './render';

/** How many times a proactive start that loses the race to save the state runs again. */
const MAX_ATTEMPTS = 5;

/**
 * The bot's side of the evaluations (src/evaluations/conversation.ts): the conversation's
 * `evaluation` state item, a turn an evaluation takes, and the proactive start of one.
 */
export class BotEvaluations {
  private readonly state: StatePropertyAccessor<EvaluationState | undefined>;

  constructor(
    private readonly deps: EvaluationTurnDeps,
    private readonly conversationState: BotConversationState,
    private readonly clock: () => Date,
    private readonly log: Logger,
    private readonly latest: () => Flow,
  ) {
    this.state = conversationState.createProperty<EvaluationState | undefined>('evaluation');
  }

  /**
   * A turn an evaluation takes (a session open, a link opened); undefined: the journey's. 'told':
   * it failed (the store), the user was told and nothing is saved, so the same message can be sent again.
   */
  async attempt(context: TurnContext, input: TurnInput, link?: unknown): Promise<EvaluationTurnOutcome | 'told' | undefined> {
    try {
      return await evaluationTurn(this.deps, this.context(context), input, link);
    } catch (err) {
      this.log.error({ err, conversationId: context.activity.conversation.id }, 'evaluation turn failed');
      const live = this.latest();
      await context.sendActivity(say(live, 'save_failed', live.settings.default_language));
      return 'told';
    }
  }

  /** Starts an evaluation (or says its reminder) in a proactive turn; rejects when the state cannot be saved or the channel refuses. */
  async start(context: TurnContext, init: EvaluationInit, mode: 'start' | 'remind'): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await startEvaluation(this.deps, this.context(context), init, mode);
      if (!outcome) return;
      try {
        await this.conversationState.saveChanges(context);
      } catch (err) {
        if (!isETagConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
        await this.conversationState.load(context, true);
        continue;
      }
      const activities = toActivities(outcome.flow, outcome.messages, capabilitiesOf(context.activity.channelId));
      if (activities.length) await context.sendActivities(activities);
      return;
    }
  }

  private context(context: TurnContext): EvaluationTurnContext {
    return {
      get: () => this.state.get(context),
      set: (state) => (state ? this.state.set(context, state) : this.state.delete(context)),
      conversationId: context.activity.conversation.id,
      channel: capabilitiesOf(context.activity.channelId).name,
      now: this.clock(),
      lang: (/^en\b/i.test(context.activity.locale ?? '') ? 'en' : 'fr') as Locale,
    };
  }
}
