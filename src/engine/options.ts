import { commandKey } from './commands';
import type { Turn } from './turn';

/** An option of one of our own questions (offers, asking back): its button label and other words that pick it. */
export interface OwnOption<V extends string> {
  value: V;
  label: string;
  words?: readonly string[];
}

/**
 * The option a reply picks: its label (a click sends it) or one of its words, as the whole
 * message (accents, case and punctuation aside). Never a partial match: anything else the user
 * writes goes on as an answer to the question on screen.
 */
export function pickOption<V extends string>(text: string, options: readonly OwnOption<V>[]): V | undefined {
  const key = commandKey(text);
  if (!key) return undefined;
  return options.find((o) => [o.label, ...(o.words ?? [])].some((w) => commandKey(w) === key))?.value;
}

/** The words of a `…_words` text, both languages: a comma-separated list ("laisser, demande"). */
export const wordsOf = (t: Turn, key: string): string[] =>
  (['fr', 'en'] as const).flatMap((lang) => t.flow.texts[key][lang].split(',').map((w) => w.trim()).filter(Boolean));
