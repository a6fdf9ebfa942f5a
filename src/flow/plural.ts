/**
 * Count-aware wording in texts, in the ICU MessageFormat style translators know:
 *
 *   "J'ai noté {count, plural, =0 {aucun salarié} one {# salarié} other {# salariés}}."
 *
 * `count` names a number the text receives; `=0`, `=1`… match that exact number, else the
 * language's plural category (`one`, `other`… from Intl.PluralRules: French puts 0 and 1 in
 * `one`, English only 1); `other` is required. `#` is the number, written as the language writes
 * it. A branch may hold `{{placeholders}}`. This file only reads the syntax (the engine fills it,
 * `flow:check` reports a malformed one); nothing here knows a language's words.
 */

export interface PluralBlock {
  /** Where the block starts and ends (end exclusive) in the text. */
  start: number;
  end: number;
  /** The number it reads. */
  name: string;
  /** Selector (`=0`, `one`, `other`…) → branch text. */
  branches: Map<string, string>;
}

export type PluralParse = { blocks: PluralBlock[]; error?: undefined } | { blocks: PluralBlock[]; error: string };

const OPENING = /\{\s*(\w+)\s*,\s*plural\s*,/g;
const SELECTOR = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/;
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

/** Every plural block of a text, or the first reason it cannot be read. */
export function parsePlurals(text: string): PluralParse {
  const blocks: PluralBlock[] = [];
  OPENING.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPENING.exec(text))) {
    // `{{name}}` is a placeholder, not a block.
    if (text[m.index - 1] === '{') continue;
    const block = readBlock(text, m.index, m[1], m.index + m[0].length);
    if (typeof block === 'string') return { blocks, error: block };
    blocks.push(block);
    OPENING.lastIndex = block.end;
  }
  return { blocks };
}

function readBlock(text: string, start: number, name: string, from: number): PluralBlock | string {
  const branches = new Map<string, string>();
  let i = from;
  for (;;) {
    const rest = text.slice(i);
    const closing = /^\s*\}/.exec(rest);
    if (closing) {
      if (!branches.has('other')) return `the plural of "${name}" has no "other" form`;
      return { start, end: i + closing[0].length, name, branches };
    }
    const sel = SELECTOR.exec(rest);
    if (!sel) return `the plural of "${name}" is malformed near "${rest.slice(0, 20)}": expected "=0 {…}", "one {…}" or "other {…}", then "}"`;
    const open = i + sel[0].length;
    const close = matchingBrace(text, open);
    if (close < 0) return `the plural of "${name}" has a "{" that is never closed`;
    if (branches.has(sel[1])) return `the plural of "${name}" gives "${sel[1]}" twice`;
    branches.set(sel[1], text.slice(open, close));
    i = close + 1;
  }
}

/** The index of the `}` closing the brace opened just before `from`, or -1. */
function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const rulesByLang = new Map<string, Intl.PluralRules>();

/**
 * The text with each plural block replaced by its branch for the number `vars[name]` (`#` written
 * by `formatNumber`); a block whose number is missing takes `other`. A malformed text is returned
 * as it is (flow:check refuses it before it ships).
 */
export function selectPlurals(
  text: string,
  lang: string,
  numberOf: (name: string) => number | undefined,
  formatNumber: (n: number) => string,
): string {
  if (!text.includes('plural')) return text;
  const { blocks, error } = parsePlurals(text);
  if (error || !blocks.length) return text;
  let rules = rulesByLang.get(lang);
  if (!rules) rulesByLang.set(lang, (rules = new Intl.PluralRules(lang)));
  let out = '';
  let at = 0;
  for (const b of blocks) {
    const n = numberOf(b.name);
    const branch =
      n === undefined ? b.branches.get('other')! : (b.branches.get(`=${n}`) ?? b.branches.get(rules.select(n)) ?? b.branches.get('other')!);
    const filled = selectPlurals(branch, lang, numberOf, formatNumber);
    out += text.slice(at, b.start) + (n === undefined ? filled : filled.replace(/#/g, formatNumber(n)));
    at = b.end;
  }
  return out + text.slice(at);
}
