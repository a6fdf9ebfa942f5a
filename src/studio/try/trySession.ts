import type { Locale } from '../../answers/types';
import type { ConversationState } from '../../engine/state';
import type { Flow } from '../../flow/model';
import type { ScenarioTurn } from '../../journey/scenarioSchema';
import type { NeedRecord } from '../../needs/record';
import type { LocalConversation } from '../../web/conversationStore';

export type TryChannel = 'webchat' | 'msteams' | 'slack';

/** One try of the draft: a Web Chat conversation with the draft's flow, its state and what it recorded, in memory only. */
export interface TrySession {
  /** Random, 256 bits: names the try in URLs; useful only with the staff session that opened it. */
  readonly id: string;
  /** The key of the staff session that opened it (sessionKey): only that session reaches it. */
  readonly owner: string;
  readonly conversation: LocalConversation;
  /** The draft as parsed when the try began (later edits need a new try). */
  readonly flow: Flow;
  readonly lang: Locale;
  readonly channel: TryChannel;
  readonly startedAt: Date;
  state?: ConversationState;
  /** What was typed and clicked, as scenario turns, with when (epoch ms). */
  turns: { at: number; turn: ScenarioTurn }[];
  /** Every need the conversation recorded (in this memory only). */
  needs: NeedRecord[];
  /** The last reference given (ESSAI-2026-00001, 00002…). */
  references: number;
  /** More turns than a scenario keeps were played: it can no longer be saved whole. */
  truncated: boolean;
}

/** Turns kept for the scenario of a try. */
export const MAX_TRY_TURNS = 400;
