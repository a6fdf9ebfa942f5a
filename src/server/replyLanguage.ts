import type { Activity } from 'botbuilder';
import type { Locale } from '../answers/types';
import type { Flow } from '../flow/model';

/**
 * The language of a message the server sends outside the bot's turn (a failed turn, flooding):
 * the conversation's own when this turn already read it, else the language of the activity's
 * `locale` ("en-GB" → English) when the journey speaks it, else the journey's default.
 */
export function replyLanguage(flow: Flow, activity: Pick<Activity, 'locale'>, conversationLang?: unknown): Locale {
  if (conversationLang === 'fr' || conversationLang === 'en') return conversationLang;
  const primary = typeof activity.locale === 'string' ? activity.locale.trim().toLowerCase().split(/[-_]/)[0] : '';
  return primary === 'fr' || primary === 'en' ? primary : flow.settings.default_language;
}
