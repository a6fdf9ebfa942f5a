import type { Locale } from '../answers/types';
import type { ConversationReferenceData } from '../stores/conversationReferences';
import type { EvaluationKind } from './schedule';

/** Which evaluation a conversation is asked to answer. */
export interface EvaluationInit {
  reference: string;
  kind: EvaluationKind;
  /** « Fin de mission », YYYY-MM-DD. */
  missionEnd: string;
  lang: Locale;
  /** The programme's value (dialogs/rules.yaml), for the first message. */
  programme?: string;
  /** The need's own conversation: whose data the answers are (erasure). */
  needConversationId?: string;
}

/**
 * Starts an evaluation in a conversation the bot can write to (Teams, Slack): implemented by the
 * bot (src/bot/), which owns the conversation's state. Rejects when the channel did not take
 * the message.
 */
export interface ConversationStarter {
  /** The first message and the first question; the conversation then answers the evaluation. */
  start(ref: ConversationReferenceData, init: EvaluationInit): Promise<void>;
  /** The one reminder, in the conversation the invitation went to. */
  remind(ref: ConversationReferenceData, init: EvaluationInit): Promise<void>;
}
