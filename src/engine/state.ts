import type { Locale } from '../answers/types';

/** One stored answer: `v` null means answered with "none" or skipped. */
export interface StoredAnswer {
  v: unknown;
  approx?: boolean;
  /** When a yes to a consent question (a yes/no step with a role) was given: ISO 8601 UTC. */
  at?: string;
}

/** A question of ours awaiting an answer; `way_out`: someone asking for a call back has no phone. */
export type Pending = 'restart' | 'cancel' | 'resume' | 'edit' | 'erase' | 'way_out';

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
