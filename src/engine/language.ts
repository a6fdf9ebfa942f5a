import { looksEnglish } from '../answers';
import type { Locale } from '../answers/types';
import type { Flow } from '../flow/model';
import type { Step } from '../flow/schema';
import type { ChoiceButton } from './messages';
import { pickOption } from './options';
import { render } from './texts';
import { type Turn, yesNo } from './turn';

/**
 * The conversation's language: from the channel's locale at the start, on request at any point
 * (a command's words or a sentence, see machine.ts), and offered once to someone who answers in
 * plain English in a French conversation.
 */

const SPOKEN: readonly string[] = ['fr', 'en'] satisfies Locale[];

/** The language of a channel's locale ("en-US", "fr-FR", "en"): the flow's default when missing or not spoken here. */
export function languageOfLocale(locale: string | undefined, flow: Flow): Locale {
  const primary = typeof locale === 'string' ? locale.trim().toLowerCase().split(/[-_]/)[0] : '';
  return SPOKEN.includes(primary) ? (primary as Locale) : flow.settings.default_language;
}

export const otherLanguage = (lang: Locale): Locale => (lang === 'fr' ? 'en' : 'fr');

/** These texts are said in the language they offer: a French conversation shows the English line. */
const offering = (t: Turn, key: string, lang: Locale): string => render(t.flow.texts[key], lang);

/** The welcome's last line: how to switch, in the other language. */
export function addSwitchHint(t: Turn): void {
  const last = t.out[t.out.length - 1];
  if (last?.type === 'question') last.text += `\n\n${offering(t, 'language.switch_hint', otherLanguage(t.lang))}`;
}

/** Switches at once and asks again whatever was on screen, in the new language. */
export function switchLanguage(t: Turn, lang: Locale): void {
  t.state.lang = lang;
  t.state.langChosen = true;
  t.say('language_switched');
  if (t.state.phase === 'idle') t.begin();
  else t.reask();
}

function offerButtons(t: Turn): [ChoiceButton, ChoiceButton] {
  const accept = offering(t, 'language.offer_accept', otherLanguage(t.lang));
  const decline = t.text('language.offer_decline');
  return [
    { value: 'accept', label: accept },
    { value: 'decline', label: decline },
  ];
}

/**
 * A first answer plainly written in English in a French conversation: after the next question,
 * a one-line offer to continue in English (once; never after the user chose a language).
 */
export function offerEnglish(t: Turn, text: string): void {
  const s = t.state;
  if (s.lang !== 'fr' || s.langChosen || s.langOffered || s.pending) return;
  if ((s.phase !== 'asking' && s.phase !== 'summary') || !looksEnglish(text)) return;
  s.langOffered = true;
  s.pending = 'language';
  const buttons = offerButtons(t);
  t.out.push({ type: 'question', text: offering(t, 'language.offer', 'en'), stepId: 'language_offer', actions: buttons.map((b) => ({ value: b.label, label: b.label })) });
}

/**
 * The reply to the offer: accepting switches; declining keeps the language (and asks the question
 * again); anything else is not for us (false): it answers the question on screen.
 */
export function onLanguageOffer(t: Turn, text: string, onScreen: Step | undefined): boolean {
  let picked = pickOption(text, offerButtons(t));
  // A plain "yes" is the answer to a yes/no question on screen, not to the offer below it.
  if (!picked && onScreen?.kind !== 'yesno') {
    const yn = yesNo(text, t.lang);
    picked = yn === true ? 'accept' : yn === false ? 'decline' : undefined;
  }
  if (picked === 'accept') switchLanguage(t, otherLanguage(t.lang));
  else if (picked === 'decline') {
    t.state.langChosen = true;
    t.reask();
  } else return false;
  return true;
}
