/**
 * Which language the user wants, and whether a first answer is plainly English: pure functions,
 * explainable word lists (lexicon/language.ts), no model.
 */
import {
  ENGLISH_MARKERS, FRENCH_MARKERS, LANGUAGE_NAMES, NEGATIONS, REQUEST_VERBS, REQUEST_VOCABULARY, TOWARDS, WEAK,
} from './lexicon/language';
import type { Locale } from './types';
import { splitWords } from './words';

const NAME_OF = new Map<string, Locale>();
for (const locale of ['en', 'fr'] as const) for (const n of LANGUAGE_NAMES[locale]) NAME_OF.set(n, locale);
const VERBS = new Set(REQUEST_VERBS);
const KNOWN = new Set([...REQUEST_VOCABULARY, ...REQUEST_VERBS, ...NEGATIONS, ...TOWARDS, ...WEAK]);
const NEGATION = new Set(NEGATIONS);
const TOWARD = new Set(TOWARDS);
const WEAKNESS = new Set(WEAK);
const EN = new Set(ENGLISH_MARKERS);
const FR = new Set(FRENCH_MARKERS);
const MAX_REQUEST_WORDS = 16;
// A name typed in the request ("Hi, I'm Emma, do you speak English?"): capitalised, at most two.
const MAX_NAMES = 2;

const ARTICLES = new Set(['le', 'la', 'the']);

/** Does a preposition point at the language at `i` ("to English", "en anglais", "à l'anglais")? */
function pointedAt(ws: string[], i: number): number | undefined {
  const j = ARTICLES.has(ws[i - 1]) ? i - 2 : i - 1;
  return TOWARD.has(ws[j]) ? j : undefined;
}

/** Is the language at `i` refused ("I don't speak French", "pas en anglais", "mon anglais est nul")? */
function refused(ws: string[], i: number): boolean {
  const toward = pointedAt(ws, i);
  if (toward !== undefined && NEGATION.has(ws[toward - 1])) return true;
  const before = ws.slice(Math.max(0, i - 5), i);
  const verbBefore = before.some((w) => VERBS.has(w));
  if (verbBefore && before.some((w) => NEGATION.has(w))) return true;
  const after = ws.slice(i + 1, i + 5);
  return after.some((w) => WEAKNESS.has(w)) || (after.some((w) => NEGATION.has(w)) && after.includes('good'));
}

/**
 * A request, in either language and in the user's own phrasing, to continue in English or in
 * French: "could we do this in English?", "I don't speak French", "english please", "vous
 * parlez anglais ?", "en français svp", "je ne parle pas anglais". Undefined for an answer that
 * merely names a language ("Association English Club", "cours de français pour migrants"): every
 * other word must belong to the vocabulary of such requests, except at most two names.
 */
export function languageRequest(text: string): Locale | undefined {
  if (typeof text !== 'string' || text.length > 300) return undefined;
  const all = splitWords(text);
  if (all.length === 0 || all.length > MAX_REQUEST_WORDS) return undefined;
  const ws = all.map((x) => x.w);
  const unknown = all.filter(({ w }) => !KNOWN.has(w) && !NAME_OF.has(w));
  if (unknown.length > MAX_NAMES || unknown.some((x) => !x.capital)) return undefined;
  // With a name in it, the message must ask in so many words ("do you speak", "in English").
  const mentions = ws.flatMap((w, i) => (NAME_OF.has(w) ? [i] : []));
  if (mentions.length === 0) return undefined;
  if (unknown.length > 0 && !mentions.some((i) => VERBS.has(ws[i - 1]) || pointedAt(ws, i) !== undefined)) return undefined;

  const wanted = new Set<Locale>();
  const toward = new Set<Locale>();
  for (const i of mentions) {
    const named = NAME_OF.get(ws[i])!;
    const locale = refused(ws, i) ? (named === 'en' ? 'fr' : 'en') : named;
    wanted.add(locale);
    if (pointedAt(ws, i) !== undefined && !refused(ws, i)) toward.add(locale);
  }
  if (wanted.size === 1) return [...wanted][0];
  // "switch from French to English": the one the request points to.
  return toward.size === 1 ? [...toward][0] : undefined;
}

/**
 * True for a first answer plainly written in English ("We are a small charity helping refugees",
 * "Yes I agree"); false for French, for short answers ("OK", "Marseille"), and for names
 * ("Atelier Vélo", "The Green Kitchen"): at least three words, two English function words or
 * more, no French one and no French accent.
 */
export function looksEnglish(text: string): boolean {
  if (typeof text !== 'string' || text.length > 2000) return false;
  if (/[éèêëàâçùûôîïœ]/i.test(text)) return false;
  const all = splitWords(text);
  if (all.length < 3) return false;
  const en = all.filter(({ w }) => EN.has(w)).length;
  const fr = all.filter(({ w }) => FR.has(w)).length;
  if (en < 2 || en < 3 * fr) return false;
  // A title: every word that is not a function word capitalised ("The Sharing Kitchen and Co").
  const significant = all.filter(({ w }) => !EN.has(w) && !FR.has(w));
  return significant.length === 0 ? en >= 3 : !significant.every((x) => x.capital);
}
