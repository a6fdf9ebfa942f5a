import type { Locale } from '../answers/types';
import type { CommandName } from '../flow/schema';

/** One stored answer: `v` null means answered with "none" or skipped. */
export interface StoredAnswer {
  v: unknown;
  approx?: boolean;
  /** When a yes to a consent question (a yes/no step with a role) was given: ISO 8601 UTC. */
  at?: string;
}

/**
 * A question of ours awaiting an answer; `way_out`: someone asking for a call back has no phone;
 * `intent`: a command or an answer?; `language`: continue in English?; `other`: none applies, the
 * "other" choice?; `not_eligible`: told early it cannot be for them, a short need or stop?
 */
export type Pending = 'restart' | 'cancel' | 'resume' | 'edit' | 'erase' | 'way_out' | 'intent' | 'language' | 'other' | 'not_eligible';

/** Everything the engine remembers of a conversation; plain JSON, saved after every turn. */
export interface ConversationState {
  version: 1;
  /**
   * The journey version this conversation runs on (set by the transport): a publish never
   * changes the journey under a conversation in progress. Absent: the live one.
   */
  journeyVersion?: number;
  lang: Locale;
  /** idle: no journey under way; asking: waiting for an answer; summary: waiting for confirmation; done: need recorded. */
  phase: 'idle' | 'asking' | 'summary' | 'done';
  /** The step being asked (phase asking). */
  asking?: string;
  answers: Record<string, StoredAnswer>;
  /** Steps asked, oldest first (a trace: "retour" follows the current path of answers, not this). */
  history: string[];
  /** Invalid answers to the current question. */
  attempts: number;
  /** A question of ours awaiting an answer before the journey goes on. */
  pending?: Pending;
  /** Suggested values for the current multi-choice question. */
  suggestion?: string[];
  consentAt?: string;
  /**
   * A call back was asked for: its details are collected (then required) until it is recorded
   * under `reference`. `alternative`: the user has no phone and gave the flow's alternative
   * contact (settings.callback_alternative_fields) instead.
   */
  callback?: { reference?: string; alternative?: true };
  /** The need's reference once recorded (call back or completion). */
  reference?: string;
  /** The user confirmed the summary: the need is recorded with its recommendation. */
  completed?: true;
  /**
   * References of every need recorded in this conversation, kept across new journeys until the
   * user erases their data: the bot never says nothing is kept while one of them is.
   */
  recorded?: string[];
  lastTurnAt?: string;
  /** The user chose the conversation's language (a switch, or an answer to our offer): never offered another. */
  langChosen?: true;
  /** The offer to continue in English was made (once per conversation). */
  langOffered?: true;
  /** A sentence that may be a command or an answer, asked back (pending `intent`). */
  intent?: { command: CommandName; argument?: string; text: string };
  /** The step whose answer the bot echoed on the last turn ("J'ai noté : Culture, Sport."): "modifier" alone edits it. */
  noted?: string;
  /** A decisive criterion is certainly not met and the user was told; `short`: they leave a short need anyway. */
  notEligible?: { criterion: string; short?: true };
  /** The section whose progress line was last shown ("Étape 2 sur 4"): shown again only on a change. */
  progressShown?: string;
  transcript: { from: 'user' | 'bot'; text: string }[];
}

export const initialState = (lang: Locale): ConversationState => ({
  version: 1,
  lang,
  phase: 'idle',
  answers: {},
  history: [],
  attempts: 0,
  transcript: [],
});

/** Bounds that keep a state small whatever a user types. */
export const TRANSCRIPT_MAX_ENTRIES = 400;
export const TRANSCRIPT_MAX_CHARS = 2_000;
