import { ActivityHandler, type ConversationState as BotConversationState, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { TurnInput } from '../engine/machine';
import type { ConversationState } from '../engine/state';
import { say } from '../engine/texts';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import type { ConversationReferences } from '../stores/conversationReferences';
import type { NeedsJournal } from '../stores/needsJournal';
import { capabilitiesOf } from './channels';
import { runTurnWithReference } from './runTurnWithReference';
import { toActivities } from './render';

export interface BotDeps {
  flow: Flow;
  conversationState: BotConversationState;
  journal: NeedsJournal;
  clock: () => Date;
  log: Logger;
  /** Where each conversation can be written to later (staff decisions, src/airtable/statusWatcher.ts). */
  references?: ConversationReferences;
  /** Called once a need is durably recorded (e.g. to sync it to Airtable now). */
  onNeedRecorded?: (reference: string) => void;
}

/**
 * The Bot Framework face of the engine: reads the state, runs one turn, records any need
 * durably, saves the state, then replies. A need is in the journal before the user is told so.
 */
export class QualificationBot extends ActivityHandler {
  private readonly journey: StatePropertyAccessor<ConversationState>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.journey = deps.conversationState.createProperty<ConversationState>('journey');
    this.onMessage(async (context, next) => {
      const activity = context.activity;
      const text = typeof activity.text === 'string' ? TurnContext.removeRecipientMention(activity) ?? activity.text : undefined;
      await this.turn(context, { kind: 'message', text, value: activity.value });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // One welcome per conversationUpdate, whoever was added (the bot in Teams, the user in Web Chat).
      if (context.activity.membersAdded?.length) await this.turn(context, { kind: 'start' });
      await next();
    });
  }

  private rememberConversation(context: TurnContext): void {
    const { references, log } = this.deps;
    if (!references) return;
    try {
      references.save(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
    } catch (err) {
      log.warn({ err, conversationId: context.activity.conversation.id }, 'could not keep the conversation reference');
    }
  }

  private async turn(context: TurnContext, input: TurnInput): Promise<void> {
    const { flow, journal, clock, log, conversationState } = this.deps;
    const now = clock();
    const conversationId = context.activity.conversation.id;
    this.rememberConversation(context);
    const caps = capabilitiesOf(context.activity.channelId);
    const previous = await this.journey.get(context);
    let result;
    try {
      result = await runTurnWithReference(flow, previous, input, {
        now,
        conversationId,
        channel: caps.name,
        allocate: () => journal.nextReference(flow.settings.reference_prefix, now.getUTCFullYear()),
      });
    } catch (err) {
      log.error({ err, conversationId }, 'could not allocate a need reference');
      await context.sendActivity(say(flow, 'save_failed', previous?.lang ?? flow.settings.default_language));
      return;
    }
    if (result.need) {
      try {
        await journal.save(result.need.Besoins.Référence, conversationId, result.need);
        log.info({ reference: result.need.Besoins.Référence, conversationId }, 'need recorded');
        this.deps.onNeedRecorded?.(result.need.Besoins.Référence);
      } catch (err) {
        // Nothing is confirmed that was not recorded: keep the previous state, say so.
        log.error({ err, conversationId }, 'could not record the need');
        await context.sendActivity(say(flow, 'save_failed', previous?.lang ?? flow.settings.default_language));
        return;
      }
    }
    await this.journey.set(context, result.state);
    // Saved before replying: a crash after this point loses no answer.
    await conversationState.saveChanges(context);
    const activities = toActivities(flow, result.messages, caps);
    if (activities.length) await context.sendActivities(activities);
  }
}
