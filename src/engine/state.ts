import type { Locale } from '../answers/types';

/** One stored answer: `v` null means answered with "none" or skipped. */
export interface StoredAnswer {
  v: unknown;
  approx?: boolean;
}

export type Pending = 'restart' | 'cancel' | 'resume' | 'edit' | 'erase';

/** Everything the engine remembers of a conversation; plain JSON, saved after every turn. */
export interface ConversationState {
  version: 1;
  lang: Locale;
  /** idle: no journey under way; asking: waiting for an answer; summary: waiting for confirmation; done: need recorded. */
  phase: 'idle' | 'asking' | 'summary' | 'done';
  /** The step being asked (phase asking). */
  asking?: string;
  answers: Record<string, StoredAnswer>;
  /** Steps asked, oldest first: "retour" walks back through them. */
  history: string[];
  /** Invalid answers to the current question. */
  attempts: number;
  /** A question of ours awaiting an answer before the journey goes on. */
  pending?: Pending;
  /** Suggested values for the current multi-choice question. */
  suggestion?: string[];
  consentAt?: string;
  callback?: { reference?: string };
  /** The need's reference once recorded (call back or completion). */
  reference?: string;
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
