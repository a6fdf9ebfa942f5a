import type { Locale } from '../answers/types';
import { WEB_TEXT_KEYS } from '../engine/textKeys';
import { say } from '../engine/texts';
import { type Flow, type FlowIssue, formatIssue } from '../flow/model';

/** The words of the chat page and the widget, from dialogs/texts.yaml (group `web.`). */
export { WEB_TEXT_KEYS };
export type WebTexts = Record<(typeof WEB_TEXT_KEYS)[number], string>;

export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** Throws, naming dialogs/texts.yaml and each missing key, if the page lacks a text. */
export function checkWebTexts(flow: Flow): void {
  const issues: FlowIssue[] = WEB_TEXT_KEYS.filter((k) => !flow.texts[`web.${k}`]).map((k) => ({
    file: 'dialogs/texts.yaml',
    path: `web.${k}`,
    message: 'missing text (needed by the chat page)',
  }));
  if (issues.length) throw new Error(`The chat page needs texts:\n${issues.map(formatIssue).join('\n')}`);
}

export function webTexts(flow: Flow, lang: Locale): WebTexts {
  return Object.fromEntries(WEB_TEXT_KEYS.map((k) => [k, say(flow, `web.${k}`, lang)])) as WebTexts;
}

/** `?lang=en` asks for English; French otherwise (the bot speaks French first). */
export const pickLocale = (value: unknown): Locale => (value === 'en' ? 'en' : 'fr');
