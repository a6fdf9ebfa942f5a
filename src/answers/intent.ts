/**
 * A command's intent inside a sentence, from the examples staff keep per command: "je préfère
 * qu'on me rappelle", "est-ce que quelqu'un peut m'appeler ?", "I'd rather talk to a person",
 * "on peut recommencer ?" — but not "Nous voulons qu'on nous rappelle les échéances" (a need) nor
 * "le rappel des bénévoles". Explainable, no model:
 * - words are folded, contractions and elisions expanded, and reduced to a light stem, so an
 *   example's "me rappeler" meets "qu'on me rappelle";
 * - each word is a function word, politeness, a request frame ("je voudrais", "can someone"), a
 *   negation, or content; an example's content words (and negations) must all appear close
 *   together in one clause of the message;
 * - a negation before them in that clause refuses the command ("ne me rappelez pas");
 * - the message's other content words decide how sure it is: none (the message is only the
 *   command, `whole`); some in another clause ("Oui, mais je préfère qu'on me rappelle": ask
 *   back); some in the same clause, which only a request frame or a question keeps from being
 *   an answer that mentions the command's words, and never for a one-word example.
 */
import {
  FRAME_WORDS, FUNCTION_WORDS, IRREGULAR_STEMS, MY_WORDS, NEGATION_WORDS, POLITE_WORDS, SUFFIXES,
} from './lexicon/intent';
import type { Locale } from './types';
import { isQuestion, splitWords } from './words';

/** Per language, per command, the examples staff keep (dialogs/commands.yaml). */
export type IntentExamples = Partial<Record<Locale, Readonly<Record<string, readonly string[]>>>>;

export interface IntentMatch {
  command: string;
  /** 0-1. From INTENT_ACT on, act on it; from INTENT_ASK, ask back in one line; below, no match. */
  confidence: number;
  /** The message is only the command, with politeness, a request frame and function words. */
  whole: boolean;
  /** The example that matched best, for logs and explanations. */
  example: string;
  /** The message's content words outside the command, folded ("email" in "je voudrais modifier mon email"). */
  rest: string[];
}

export const INTENT_ACT = 0.75;
export const INTENT_ASK = 0.5;

type Kind = 'function' | 'polite' | 'frame' | 'negation' | 'content';
interface Token {
  stem: string;
  kind: Kind;
  clause: number;
  raw: string;
}

const CLASSES: [Kind, Set<string>][] = [
  ['negation', new Set(NEGATION_WORDS)],
  ['frame', new Set(FRAME_WORDS)],
  ['polite', new Set(POLITE_WORDS)],
  ['function', new Set(FUNCTION_WORDS)],
];
const MY = new Set(MY_WORDS);
const IRREGULAR = new Map(Object.entries(IRREGULAR_STEMS));
// Content words an example's words may be spread over, beyond their own number.
const MAX_GAP = 4;
// How far before the command a negation refuses it ("je ne veux vraiment pas qu'on me rappelle").
const NEGATION_REACH = 6;

/** A light stem shared by a word's forms: "rappelle", "rappeler", "rappelez" → "rappel". */
export function stem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  let w = word;
  for (let pass = 0; pass < 2; pass++) {
    const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 3 && !(s === 's' && w.endsWith('ss')));
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  return w.replace(/(ll|tt)$/, (d) => d[0]);
}

function tokens(text: string): Token[] {
  return splitWords(text).map(({ w, clause }) => {
    const word = MY.has(w) ? 'my' : w;
    const kind = CLASSES.find(([, set]) => set.has(word))?.[0] ?? 'content';
    return { stem: kind === 'content' ? stem(word) : word, kind, clause, raw: w };
  });
}

interface Example {
  command: string;
  text: string;
  locale: Locale;
  /** Content words and negations, as stems: all must be found. */
  required: string[];
  /** Every word as a stem, for the exact form ("ok c'est bon"). */
  all: string[];
  /** The same, as a set. */
  allSet: ReadonlySet<string>;
}

/** Both languages' examples, compiled once per examples object (the flow's, intents.ts): a turn reads them all. */
const compiled = new WeakMap<IntentExamples, Example[]>();

function compile(examples: IntentExamples): Example[] {
  const known = compiled.get(examples);
  if (known) return known;
  const out: Example[] = [];
  for (const locale of ['fr', 'en'] as const) {
    const table = examples[locale];
    if (!table) continue;
    for (const [command, texts] of Object.entries(table)) {
      for (const text of texts) {
        const ts = tokens(text);
        const required = ts.filter((t) => t.kind === 'content' || t.kind === 'negation').map((t) => t.stem);
        const all = ts.map((t) => t.stem);
        out.push({ command, text, locale, required: [...new Set(required)], all, allSet: new Set(all) });
      }
    }
  }
  compiled.set(examples, out);
  return out;
}

const meaningful = (t: Token) => t.kind === 'content' || t.kind === 'negation';

/**
 * The message as the example's words: its politeness and frames dropped unless the example has
 * them. Compared word by word as it goes (a turn weighs every example: nothing is built for one).
 */
function sameWords(ts: Token[], example: Example): boolean {
  const { all, allSet } = example;
  let matched = 0;
  for (const t of ts) {
    if ((t.kind === 'polite' || t.kind === 'frame') && !allSet.has(t.stem)) continue;
    if (matched === all.length || t.stem !== all[matched]) return false;
    matched++;
  }
  return matched === all.length;
}

/**
 * A negation just before the command's words in its clause (only function words and frames
 * between: "ne me rappelez pas", "I don't want anyone to call me"), or right after ("why not").
 */
function negated(ts: Token[], clause: number, first: number, last: number): boolean {
  for (let i = first - 1; i >= Math.max(0, first - NEGATION_REACH) && ts[i].clause === clause; i--) {
    if (ts[i].kind === 'negation') return true;
    if (ts[i].kind === 'content') break;
  }
  return ts.slice(last + 1, last + 3).some((t) => t.clause === clause && t.kind === 'negation');
}

/** Where the example's words are in one clause of the message, if all are there, close and not negated. */
function find(ts: Token[], example: Example): number[] | undefined {
  const clauses = new Set(ts.map((t) => t.clause));
  for (const clause of clauses) {
    const positions = example.required.map((s) => ts.findIndex((t) => t.clause === clause && meaningful(t) && t.stem === s));
    if (positions.some((p) => p < 0)) continue;
    const [first, last] = [Math.min(...positions), Math.max(...positions)];
    const between = ts.slice(first, last + 1).filter(meaningful).length;
    if (between > example.required.length + MAX_GAP) continue;
    if (!example.required.some((s) => NEGATION_WORDS.includes(s)) && negated(ts, clause, first, last)) continue;
    return positions;
  }
  return undefined;
}

interface Candidate extends IntentMatch {
  covered: number;
  localeMatch: boolean;
}

/**
 * The command a message asks for, in either language, or undefined when it is not one (or too
 * unsure: below INTENT_ASK). `examples`: the examples per command of each language; `locale`,
 * the conversation's, breaks ties.
 */
export function matchIntent(text: string, examples: IntentExamples, locale: Locale = 'fr'): IntentMatch | undefined {
  if (typeof text !== 'string' || text.length > 500) return undefined;
  const all = compile(examples);
  const ts = tokens(text);
  // Cheap tests first (a turn reads every example of every command): an exact form has as many
  // words as the message without its politeness at least, and at most as many as the message; an
  // example is found only if the message has each of its required words.
  const core = ts.filter((t) => t.kind !== 'polite' && t.kind !== 'frame').length;
  const stems = new Set(ts.filter(meaningful).map((t) => t.stem));
  // An example without words ("?") is matched by its text only: "ok" or "merci" alone is no command.
  const exact = all.find((e) =>
    e.all.length === 0 ? e.text.trim() === text.trim() : e.all.length >= core && e.all.length <= ts.length && sameWords(ts, e),
  );
  if (exact) return { command: exact.command, confidence: 1, whole: true, example: exact.text, rest: [] };

  const byCommand = new Map<string, { examples: Example[]; positions: Set<number> }>();
  const inMessage = (stem: string) => stems.has(stem);
  for (const example of all) {
    if (example.required.length === 0 || !example.required.every(inMessage)) continue;
    const positions = find(ts, example);
    if (!positions) continue;
    const entry = byCommand.get(example.command) ?? { examples: [], positions: new Set<number>() };
    entry.examples.push(example);
    for (const p of positions) entry.positions.add(p);
    byCommand.set(example.command, entry);
  }
  const question = isQuestion(text);
  const candidates: Candidate[] = [];
  for (const [command, { examples: matched, positions }] of byCommand) {
    const clauses = new Set([...positions].map((p) => ts[p].clause));
    const left = ts.filter((t, i) => t.kind === 'content' && !positions.has(i));
    const leftHere = left.filter((t) => clauses.has(t.clause));
    const framed = question || ts.some((t) => t.kind === 'frame' && clauses.has(t.clause));
    const covered = positions.size;
    let confidence: number;
    if (leftHere.length === 0) confidence = covered === 1 ? (left.length === 0 ? 0.9 : 0.6) : left.length === 0 ? 0.95 : 0.7;
    else if (covered === 1 || !framed) continue;
    else confidence = 0.8 - 0.25 * (leftHere.length - 1) - (left.length > leftHere.length ? 0.1 : 0);
    if (confidence < INTENT_ASK) continue;
    const best = [...matched].sort((a, b) => b.required.length - a.required.length)[0];
    candidates.push({
      command,
      confidence: Math.round(confidence * 100) / 100,
      whole: left.length === 0,
      example: best.text,
      rest: left.map((t) => t.raw),
      covered,
      localeMatch: matched.some((e) => e.locale === locale),
    });
  }
  candidates.sort(
    (a, b) => b.confidence - a.confidence || b.covered - a.covered || Number(b.localeMatch) - Number(a.localeMatch),
  );
  const top = candidates[0];
  return top && { command: top.command, confidence: top.confidence, whole: top.whole, example: top.example, rest: top.rest };
}
