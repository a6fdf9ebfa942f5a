import type { Locale } from '../answers/types';
import { commandKey } from '../engine/commands';
import { formatDeadline } from '../engine/format';
import { runTurn, type TurnInput } from '../engine/machine';
import type { OutMessage } from '../engine/messages';
import { type ConversationState, initialState } from '../engine/state';
import { say, type Vars } from '../engine/texts';
import { yesNo } from '../engine/turn';
import type { Flow } from '../flow/model';
import type { JourneySource } from '../journey/liveJourney';
import type { Logger } from '../log';
import type { ChannelName } from '../needs/record';
import { evaluationRecord } from './answers';
import type { EvaluationInit } from './ports';
import type { EvaluationService } from './service';

/**
 * An evaluation in a conversation, beside its qualification journey: while a session is open,
 * what the association writes answers the evaluation (the same engine, on the evaluation
 * journey of dialogs/evaluation/, of the journey version the session started on); once it is
 * answered, declined or stopped, the conversation is the qualification's again. Bot Framework
 * free: the bot (src/bot/) keeps the state and sends the messages.
 */

/** The event the website chat sends when it was opened by an invitation's link (its value: the token). */
export const EVALUATION_OPEN_EVENT = 'evaluation.open';

export interface EvaluationSession extends EvaluationInit {
  /** The journey version it runs on. */
  version: number;
  state: ConversationState;
  /** Epoch ms. */
  lastTurnAt: number;
}

/** What a conversation keeps: an evaluation under way, or the offer of a new link (an expired or used one was opened). */
export interface EvaluationState {
  session?: EvaluationSession;
  offer?: EvaluationInit;
  /** The offer was asked again once ("oui" or "non"?): the next answer that is neither leaves it. */
  offerReasked?: true;
}

export interface EvaluationTurnDeps {
  service: EvaluationService;
  journeys: Pick<JourneySource, 'live' | 'flow'>;
  log: Logger;
}

export interface EvaluationTurnContext {
  get(): Promise<EvaluationState | undefined>;
  set(state: EvaluationState | undefined): Promise<void>;
  conversationId: string;
  channel: ChannelName;
  now: Date;
  /** The language to answer in before anything says which (the activity's locale). */
  lang: Locale;
}

export interface EvaluationTurnOutcome {
  messages: OutMessage[];
  /** The flow whose texts and cards render the messages. */
  flow: Flow;
  lang: Locale;
  /** "Supprimer mes données" during an evaluation: this conversation, and the need's own one. */
  erase?: true;
  eraseAlso?: string;
}

/**
 * A turn, when it concerns an evaluation: an invitation's link opened, an answer to the offer
 * of a new link, or a message while a session is open. Undefined: the qualification journey
 * takes the turn (a session that has lapsed is closed first).
 */
export async function evaluationTurn(deps: EvaluationTurnDeps, ctx: EvaluationTurnContext, input: TurnInput, link?: unknown): Promise<EvaluationTurnOutcome | undefined> {
  if (link !== undefined) return openLink(deps, ctx, link);
  const current = await ctx.get();
  if (!current) return undefined;
  if (current.offer) return answerOffer(deps, ctx, current, input);
  if (current.session) return continueSession(deps, ctx, current.session, input);
  return undefined;
}

/**
 * Starts an evaluation in this conversation (an invitation on Teams or Slack), or says its one
 * reminder there. Undefined when there is nothing to say (a reminder of an evaluation that is no
 * longer open in this conversation).
 */
export async function startEvaluation(deps: EvaluationTurnDeps, ctx: EvaluationTurnContext, init: EvaluationInit, mode: 'start' | 'remind'): Promise<EvaluationTurnOutcome | undefined> {
  if (mode === 'start') return begin(deps, ctx, init);
  const session = (await ctx.get())?.session;
  if (!session || session.reference !== init.reference || session.kind !== init.kind) return undefined;
  const main = await deps.journeys.flow(session.version).catch(() => undefined);
  const flow = main?.afterNeed?.evaluation?.flow;
  if (!main || !flow) return undefined;
  return { messages: [text(flow, 'evaluation.reminder', session.lang, introVars(main, session))], flow, lang: session.lang };
}

async function begin(deps: EvaluationTurnDeps, ctx: EvaluationTurnContext, init: EvaluationInit): Promise<EvaluationTurnOutcome | undefined> {
  const live = await deps.journeys.live();
  const flow = live.flow.afterNeed?.evaluation?.flow;
  if (!flow) return undefined;
  const result = runTurn(flow, initialState(init.lang), { kind: 'start' }, env(ctx));
  await ctx.set({ session: { ...init, version: live.version, state: result.state, lastTurnAt: ctx.now.getTime() } });
  const intro = text(flow, init.kind === 'hot' ? 'evaluation.invite.hot' : 'evaluation.invite.medium', init.lang, introVars(live.flow, init));
  return { messages: [intro, ...result.messages], flow, lang: init.lang };
}

async function continueSession(deps: EvaluationTurnDeps, ctx: EvaluationTurnContext, session: EvaluationSession, input: TurnInput): Promise<EvaluationTurnOutcome | undefined> {
  const evaluation = (await deps.journeys.flow(session.version).catch(() => undefined))?.afterNeed?.evaluation;
  // A session left open longer than a link lasts is over: the conversation is the qualification's again.
  if (!evaluation || ctx.now.getTime() - session.lastTurnAt > evaluation.settings.link_valid_days * 86_400_000) {
    await ctx.set(undefined);
    return undefined;
  }
  const { flow, settings } = evaluation;
  if (isStop(input, settings.stop_words)) return stop(deps, ctx, flow, session);
  const result = runTurn(flow, session.state, input, env(ctx));
  const lang = result.state.lang;
  if (result.erase) return { messages: result.messages, flow, lang, erase: true, eraseAlso: session.needConversationId };
  if (result.state.completed && !session.state.completed) {
    const record = evaluationRecord(flow, result.state, session, ctx.now);
    if ('problems' in record) {
      deps.log.error({ reference: session.reference, kind: session.kind, problems: record.problems }, 'evaluation answers not recorded: the record would not validate');
      return { messages: [text(flow, 'need_invalid', lang)], flow, lang };
    }
    // Durable before the association is thanked; the state is saved after (a retried turn records the same task).
    await deps.service.record({ ...session, lang }, record.fields);
    await ctx.set(undefined);
  } else if (result.state.phase === 'idle') {
    // Declined, or cancelled: this evaluation is over, without answers.
    await deps.service.close(session);
    await ctx.set(undefined);
  } else {
    await ctx.set({ session: { ...session, lang, state: result.state, lastTurnAt: ctx.now.getTime() } });
  }
  return { messages: result.messages, flow, lang };
}

async function openLink(deps: EvaluationTurnDeps, ctx: EvaluationTurnContext, token: unknown): Promise<EvaluationTurnOutcome | undefined> {
  const outcome = await deps.service.openLink(token);
  if (outcome.status === 'ok') {
    const current = await ctx.get();
    const same = current?.session && current.session.reference === outcome.init.reference && current.session.kind === outcome.init.kind;
    if (!same) return begin(deps, ctx, outcome.init);
  }
  const live = await deps.journeys.live();
  const flow = live.flow.afterNeed?.evaluation?.flow;
  if (!flow) return undefined;
  if (outcome.status === 'invalid') return { messages: [text(flow, 'evaluation.link.invalid', ctx.lang)], flow, lang: ctx.lang };
  const { init } = outcome;
  if (outcome.status === 'answered') return { messages: [text(flow, 'evaluation.already_answered', init.lang, { reference: init.reference })], flow, lang: init.lang };
  if (outcome.status === 'ok') return undefined;
  await ctx.set({ offer: init });
  return { messages: [text(flow, outcome.status === 'expired' ? 'evaluation.link.expired' : 'evaluation.link.used', init.lang)], flow, lang: init.lang };
}

/**
 * "Voulez-vous un nouveau lien ?": yes queues one, no closes the offer; anything else has it
 * asked again once, then is for the journey (the person came for something else).
 */
async function answerOffer(deps: EvaluationTurnDeps, ctx: EvaluationTurnContext, current: EvaluationState, input: TurnInput): Promise<EvaluationTurnOutcome | undefined> {
  const offer = current.offer!;
  const live = await deps.journeys.live();
  const evaluation = live.flow.afterNeed?.evaluation;
  await ctx.set(undefined);
  if (!evaluation) return undefined;
  const { flow, settings } = evaluation;
  if (isStop(input, settings.stop_words)) return stop(deps, ctx, flow, offer);
  const yes = yesNo(input.text ?? '', offer.lang);
  if (yes === undefined) {
    if (current.offerReasked) return undefined;
    await ctx.set({ offer, offerReasked: true });
    return { messages: [text(flow, 'evaluation.link.yes_no', offer.lang)], flow, lang: offer.lang };
  }
  const key = !yes ? 'evaluation.link.not_sent' : (await deps.service.relink(offer)) === 'queued' ? 'evaluation.link.sent' : 'evaluation.link.no_address';
  return { messages: [text(flow, key, offer.lang)], flow, lang: offer.lang };
}

async function stop(deps: EvaluationTurnDeps, ctx: EvaluationTurnContext, flow: Flow, init: EvaluationInit): Promise<EvaluationTurnOutcome> {
  await deps.service.stop(init);
  await ctx.set(undefined);
  return { messages: [text(flow, 'evaluation.stopped', init.lang, { reference: init.reference })], flow, lang: init.lang };
}

function isStop(input: TurnInput, words: { fr: string[]; en: string[] }): boolean {
  const typed = commandKey(input.text ?? '');
  return typed !== '' && [...words.fr, ...words.en].some((w) => commandKey(w) === typed);
}

/** The values of the first message; `main` is the qualification journey (its programmes' names). */
function introVars(main: Flow, init: EvaluationInit): Vars {
  const rule = [...main.rules.programmes, main.rules.fallback].find((r) => r.value === init.programme);
  return {
    reference: init.reference,
    programme: rule?.name[init.lang] ?? init.programme ?? '',
    mission_end: formatDeadline({ value: init.missionEnd, precision: 'day' }, init.lang),
  };
}

const text = (flow: Flow, key: string, lang: Locale, vars?: Vars): OutMessage => ({ type: 'text', text: say(flow, key, lang, vars) });

/** The evaluation records no need: a reference is never allocated. */
const env = (ctx: EvaluationTurnContext) => ({
  now: ctx.now,
  conversationId: ctx.conversationId,
  channel: ctx.channel,
  nextReference: (): string => {
    throw new Error('an evaluation records no need');
  },
});
