import type { TurnContext } from 'botbuilder';
import type { Locale } from '../answers/types';

const TURN_LANGUAGE = Symbol('turnLanguage');

/**
 * The conversation's language as this turn left it, kept once the turn let its state go (saved,
 * then released while its replies are sent): what the server says if sending them fails is said in it.
 */
export function rememberTurnLanguage(context: TurnContext, lang: Locale): void {
  context.turnState.set(TURN_LANGUAGE, lang);
}

export function turnLanguage(context: TurnContext): Locale | undefined {
  return context.turnState.get(TURN_LANGUAGE) as Locale | undefined;
}
