import type { ProactiveTurn } from '../airtable/statusDelivery';
import type { ConversationStarter } from '../evaluations/ports';
import type { QualificationBot } from './qualificationBot';

/** Starts evaluations (and says their reminder) in the conversations of Teams and Slack, through proactive turns of the bot. */
export function conversationStarter(turn: ProactiveTurn, bot: Pick<QualificationBot, 'startEvaluation'>): ConversationStarter {
  return {
    start: (ref, init) => turn(ref, (context) => bot.startEvaluation(context, init, 'start')),
    remind: (ref, init) => turn(ref, (context) => bot.startEvaluation(context, init, 'remind')),
  };
}
