import { hash } from 'node:crypto';
import { ActivityHandler, ActivityTypes, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import { warmUpEnglish } from '../answers';
import type { Locale } from '../answers/types';
import { EVALUATION_OPEN_EVENT, type EvaluationTurnDeps } from '../evaluations/conversation';
import { opensEvaluation } from '../evaluations/linkToken';
import type { EvaluationInit } from '../evaluations/ports';
import type { TurnInput, TurnResult } from '../engine/machine';
import type { OutMessage } from '../engine/messages';
import type { ConversationState } from '../engine/state';
import { say } from '../engine/texts';
import type { Flow } from '../flow/model';
import { shortNeedOf } from '../insights/advance';
import type { InsightsRecorder, PreparedTurn } from '../insights/recorder';
import type { JourneySource } from '../journey/liveJourney';
import type { Logger } from '../log';
import type { ErasureReport } from '../privacy/eraseConversation';
import { type ConversationReferences, storableReference } from '../stores/conversationReferences';
import { isETagConflict } from '../stores/etag';
import type { JournalEntry, NeedsJournal } from '../stores/needsJournal';
import { capabilitiesOf } from './channels';
import { BotEvaluations } from './evaluationTurns';
import { mayBeEnglish, readMessage, readStart, welcomes } from './input';
import type { OptimisticConversationState } from './optimisticState';
import { runTurnWithReference } from './runTurnWithReference';
import { rememberTurnLanguage } from './turnLanguage';
import { toActivities } from './render';

export interface BotDeps {
  /** The journey: the live version for a new conversation, the version it started on for one in progress. */
  journeys: JourneySource;
  conversationState: OptimisticConversationState;
  journal: NeedsJournal;
  clock: () => Date;
  log: Logger;
  /** Where each conversation can be written to later (staff decisions, src/airtable/statusWatcher.ts). */
  references?: ConversationReferences;
  /** Called once a need is durably recorded (e.g. to sync it to Airtable now). */
  onNeedRecorded?: (reference: string) => void;
  /**
   * Called right after a need is saved in the journal, before the state is saved and the user is
   * told: what must follow the need (a copy by mail, partners' webhooks) is queued durably then.
   * A failure is logged; the turn goes on.
   */
  onNeedSaved?: (saved: { entry: JournalEntry; state: ConversationState; flow: Flow; now: Date }) => Promise<void>;
  /** Erases everything kept of a conversation (right to erasure, src/privacy/eraseConversation.ts). */
  erase?: (conversationId: string, channelId: string) => Promise<ErasureReport>;
  /** Drop-off and outcome counters (anonymous aggregates, src/insights/). */
  insights?: InsightsRecorder;
  /** The evaluations of missions (src/evaluations/): a session open in a conversation takes its turns. */
  evaluations?: EvaluationTurnDeps;
}

/**
 * The Bot Framework face of the engine: reads the state, runs one turn, records any need
 * durably, saves the state, then replies. A need is in the journal before the user is told so.
 */
export class QualificationBot extends ActivityHandler {
  private readonly journey: StatePropertyAccessor<ConversationState>;
  private readonly recentIds: StatePropertyAccessor<string[]>;
  /** The insights track, beside the journey in the same state item (the engine resets its own state on begin and end). */
  private readonly insightsTrack: StatePropertyAccessor<unknown>;
  /** An evaluation under way in the conversation takes its turns (src/bot/evaluationTurns.ts). */
  private readonly evaluations?: BotEvaluations;
  /** A digest of the conversation reference last saved: it is written again only when it changed. */
  private readonly referenceSaved: StatePropertyAccessor<string>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.journey = deps.conversationState.createProperty<ConversationState>('journey');
    this.recentIds = deps.conversationState.createProperty<string[]>('recentActivityIds');
    this.insightsTrack = deps.conversationState.createProperty<unknown>('insights');
    if (deps.evaluations) this.evaluations = new BotEvaluations(deps.evaluations, deps.conversationState, deps.clock, deps.log, () => deps.journeys.latest());
    this.referenceSaved = deps.conversationState.createProperty<string>('referenceSaved');
    this.onMembersAdded(async (context, next) => {
      // The user joining a personal chat, or the bot installed in a Teams channel; not each person joining a team.
      // A chat opened by an evaluation's link is greeted by the evaluation, which its page asks for at once.
      if (welcomes(context.activity) && !opensEvaluation(context.activity.membersAdded)) await this.turn(context, readStart(context.activity));
      await next();
    });
    this.onEvent(async (context, next) => {
      // The website chat opened by an invitation's link: its token.
      if (context.activity.name === EVALUATION_OPEN_EVENT && deps.evaluations) await this.turn(context, { kind: 'message' }, { link: context.activity.value ?? null });
      await next();
    });
  }

  /**
   * A message (nearly every turn) goes straight to the journey; other activities take
   * ActivityHandler's dispatch. botbuilder's dispatch of a message runs three handler lists (Turn,
   * Message, Dialog) through nested generator-driven `__awaiter` functions: about 4 % of a turn's
   * CPU at 50 users in the profile, 7 % of the bot's CPU per turn in the bench. This bot registers
   * no Turn or Dialog handler and no other message handler, so the direct call does what they did.
   */
  override async run(context: TurnContext): Promise<void> {
    if (context?.activity?.type !== ActivityTypes.Message) return super.run(context);
    // Typed text without the bot's @mention, a card submit, or a Slack button click (input.ts).
    await this.turn(context, readMessage(context.activity, capabilitiesOf(context.activity.channelId)));
  }

  /** Starts an evaluation in this conversation, or says its reminder (a proactive turn: src/bot/evaluationStarter.ts). */
  startEvaluation(context: TurnContext, init: EvaluationInit, mode: 'start' | 'remind'): Promise<void> {
    if (!this.evaluations) throw new Error('evaluations are not configured');
    return this.evaluations.start(context, init, mode);
  }

  private async rememberConversation(context: TurnContext): Promise<void> {
    const { references, log } = this.deps;
    if (!references) return;
    try {
      const reference = TurnContext.getConversationReference(context.activity);
      // Same channel, service URL and people as last time (nearly every turn): nothing to write.
      const digest = hash('sha1', JSON.stringify(storableReference(reference)), 'base64');
      if ((await this.referenceSaved.get(context)) === digest) return;
      await references.save(context.activity.conversation.id, reference);
      // Kept with the state (saved at the end of the turn): a turn that does not save writes it again next time.
      await this.referenceSaved.set(context, digest);
    } catch (err) {
      log.warn({ err, conversationId: context.activity.conversation.id }, 'could not keep the conversation reference');
    }
  }

  private async turn(context: TurnContext, input: TurnInput, evaluation?: { link: unknown }): Promise<void> {
    const { log, conversationState } = this.deps;
    const conversationId = context.activity.conversation.id;
    const activityId = context.activity.id;
    await this.rememberConversation(context);
    // Optimistic concurrency: a turn that lost the race to save re-reads the state and runs again.
    for (let attempt = 1; ; attempt++) {
      const seen = (await this.recentIds.get(context)) ?? [];
      // Channels retry on timeouts with the same activity id: answer and record it once.
      if (activityId && seen.includes(activityId)) {
        log.info({ conversationId, activityId }, 'duplicate activity ignored');
        return;
      }
      const routed = await this.evaluations?.attempt(context, input, evaluation?.link);
      if (routed === 'told') return;
      const outcome: TurnOutcome | undefined = routed ?? (await this.attempt(context, input));
      if (!outcome) return;
      if (outcome.erase) {
        await this.erase(context, outcome.flow, outcome.lang, outcome.eraseAlso);
        // The journey stops where it stood: counted as such, whatever the erasure's outcome.
        outcome.insights?.commit();
        return;
      }
      if (activityId) await this.recentIds.set(context, [...seen, activityId].slice(-RECENT_ACTIVITY_IDS));
      try {
        // Saved before replying: a crash after this point loses no answer.
        await conversationState.saveChanges(context);
      } catch (err) {
        outcome.insights?.abort();
        // The need was never confirmed to the user: do not keep a new one the turn could not save.
        if (outcome.newNeed) await this.forgetNeed(outcome.newNeed, conversationId);
        if (!isETagConflict(err) || attempt >= MAX_TURN_ATTEMPTS) throw err;
        log.info({ conversationId, attempt }, 'concurrent turn in the same conversation: running again');
        await conversationState.load(context, true);
        continue;
      }
      outcome.insights?.commit();
      // Nothing below reads the state: it goes before the replies are sent, its language stays.
      rememberTurnLanguage(context, outcome.lang);
      conversationState.release(context);
      if (outcome.need) this.deps.onNeedRecorded?.(outcome.need);
      const activities = toActivities(outcome.flow, outcome.messages, capabilitiesOf(context.activity.channelId));
      if (activities.length) await context.sendActivities(activities);
      return;
    }
  }

  /** Runs the engine on the current state and records any need; undefined when the user was already told of a failure. */
  private async attempt(context: TurnContext, input: TurnInput): Promise<TurnOutcome | undefined> {
    const { journal, clock, log } = this.deps;
    const now = clock();
    const conversationId = context.activity.conversation.id;
    const channel = capabilitiesOf(context.activity.channelId).name;
    const previous = await this.journey.get(context);
    this.warmEnglishIf(mayBeEnglish(input, previous), conversationId);
    let { version, flow } = await this.journeyOf(previous, conversationId);
    const lang = previous?.lang ?? flow.settings.default_language;
    const run = (on: Flow) =>
      runTurnWithReference(on, previous, input, {
        now,
        conversationId,
        channel,
        allocate: () =>
          journal.nextReference(on.settings.reference_prefix, now.getUTCFullYear()).catch((err: unknown) => {
            throw new ReferenceUnavailable(err);
          }),
      });
    let result;
    try {
      result = await run(flow);
      if (result.began) {
        // A new journey (a first message, "recommencer", a new request after one was sent) takes the live version.
        const live = await this.deps.journeys.live();
        if (live.version !== version) {
          ({ version, flow } = live);
          result = await run(flow);
        }
      }
    } catch (err) {
      // Anything else is a bug of ours: the adapter's turn error handler says so.
      if (!(err instanceof ReferenceUnavailable)) throw err;
      log.error({ err: err.cause, conversationId }, 'could not allocate a need reference');
      await context.sendActivity(say(flow, 'save_failed', lang));
      return undefined;
    }
    this.warmEnglishIf(mayBeEnglish(input, result.state), conversationId);
    // The engine refused to record a need that would not validate (field paths only, no values).
    if (result.invalidNeed) log.error({ conversationId, invalidFields: result.invalidNeed }, 'need not recorded: the record would not validate');
    let newNeed: string | undefined;
    if (result.need) {
      const reference = result.need.Besoins.Référence;
      let entry: JournalEntry;
      try {
        entry = await journal.save(reference, conversationId, result.need);
        if (entry.version === 1) newNeed = reference;
        log.info({ reference, conversationId }, 'need recorded');
      } catch (err) {
        // Nothing is confirmed that was not recorded: keep the previous state, say so.
        log.error({ err, conversationId }, 'could not record the need');
        await context.sendActivity(say(flow, 'save_failed', lang));
        return undefined;
      }
      await this.deps.onNeedSaved?.({ entry, state: result.state, flow, now }).catch((err: unknown) => log.error({ err, reference }, 'what follows the need was not queued'));
    }
    result.state.journeyVersion = version;
    await this.journey.set(context, result.state);
    const insights = await this.prepareInsights(context, { flow, version, channel, now, state: result.state, events: result.events });
    return { messages: result.messages, need: result.need?.Besoins.Référence, newNeed, erase: result.erase, lang: result.state.lang, flow, insights };
  }

  /** Starts warming the English recognizers (once per process), never awaited: a turn does not wait for it. */
  private warmEnglishIf(may: boolean, conversationId: string): void {
    if (!may) return;
    warmUpEnglish().catch((err: unknown) => this.deps.log.warn({ err, conversationId }, 'English recognizers could not be warmed up'));
  }

  /** The version a conversation in progress started on; the live one for a new conversation (or when that version cannot be read). */
  private async journeyOf(previous: ConversationState | undefined, conversationId: string): Promise<{ version: number; flow: Flow }> {
    const { journeys, log } = this.deps;
    const version = previous?.journeyVersion;
    if (version !== undefined && previous?.phase !== 'idle') {
      try {
        return { version, flow: await journeys.flow(version) };
      } catch (err) {
        log.error({ err, conversationId, version }, 'journey version unavailable: the conversation goes on with the live one');
      }
    }
    return journeys.live();
  }

  /** This turn's insights, kept with the state; counted once the state is saved (never for a turn run again). */
  private async prepareInsights(
    context: TurnContext,
    turn: { flow: Flow; version: number; channel: string; now: Date; state: ConversationState; events: TurnResult['events'] },
  ): Promise<PreparedTurn | undefined> {
    const { insights, log } = this.deps;
    if (!insights) return undefined;
    try {
      const { state } = turn;
      const prepared = await insights.prepare(await this.insightsTrack.get(context), {
        flow: turn.flow,
        version: turn.version,
        channel: turn.channel,
        lang: state.lang,
        now: turn.now,
        phase: state.phase,
        answers: state.answers,
        events: turn.events,
        ...shortNeedOf(state),
      });
      await this.insightsTrack.set(context, prepared.track);
      return prepared;
    } catch (err) {
      // Figures are never worth a user's turn.
      log.warn({ err, conversationId: context.activity.conversation.id }, 'insights not recorded for this turn');
      return undefined;
    }
  }

  /**
   * "Supprimer mes données", confirmed: nothing of the conversation is kept here, and the user is
   * told at once (the copy in the staff base is deleted in the background, by an outbox task).
   */
  private async erase(context: TurnContext, flow: Flow, lang: Locale, alsoConversation?: string): Promise<void> {
    const { log, conversationState } = this.deps;
    const { id: conversationId } = context.activity.conversation;
    let text = say(flow, 'erased', lang);
    if (this.deps.erase) {
      try {
        // During an evaluation opened from a mail, the need's own conversation holds the data asked about.
        const reports = alsoConversation && alsoConversation !== conversationId ? [await this.deps.erase(alsoConversation, '')] : [];
        reports.push(await this.deps.erase(conversationId, context.activity.channelId));
        const waiting = reports.filter((r) => r.airtableTask).flatMap((r) => r.references);
        if (waiting.length) text = say(flow, 'erase_incomplete', lang, { references: waiting.join(', '), count: waiting.length });
      } catch (err) {
        // Not erased (the store failed): the state is not saved, so "oui" can be said again.
        log.error({ err, conversationId }, 'erasure failed');
        await context.sendActivity(say(flow, 'turn_error', lang));
        return;
      }
    }
    await conversationState.delete(context);
    await context.sendActivity(text);
  }

  private async forgetNeed(reference: string, conversationId: string): Promise<void> {
    try {
      await this.deps.journal.erase(reference);
    } catch (err) {
      this.deps.log.error({ err, reference, conversationId }, 'could not remove a need whose turn failed to save');
    }
  }
}

/** The journal could not allocate a reference: the user is told the request is not recorded. */
class ReferenceUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super('need reference unavailable');
  }
}

interface TurnOutcome {
  messages: OutMessage[];
  /** The reference of the need this turn recorded, if any. */
  need?: string;
  /** Set when that need is new (version 1): it is removed again if the turn cannot be saved. */
  newNeed?: string;
  /** The user confirmed the erasure of their data. */
  erase?: true;
  /** Another conversation to erase with this one (an evaluation's need). */
  eraseAlso?: string;
  lang: Locale;
  /** The journey version's flow the turn ran on (its texts and cards render the replies). */
  flow: Flow;
  insights?: PreparedTurn;
}

/** How many recent activity ids a conversation remembers to drop channel retries. */
const RECENT_ACTIVITY_IDS = 20;
/** Turns that keep losing the race to save give up with the usual error message. */
const MAX_TURN_ATTEMPTS = 5;
