/**
 * Numbers in digits and in words, French and English, read without Recognizers-Text: "12",
 * "1 500", "75,000", "50k", "1,2 M€", "douze", "vingt et un", "quatre-vingt-dix", "deux cent
 * mille", "un million et demi", "twenty-one", "two hundred and fifty thousand", "a dozen".
 * Linear in the text, microseconds per answer, and the same in any process state (the English
 * models may be cold). What it does not read (fractions, "virgule") goes to the models.
 */
import { foldText } from './fold';
import * as words from './lexicon/numbers';
import { ABBREVIATED_SCALES, ARTICLES_AS_ONE, HALF, JOINERS } from './lexicon/numbers';

// Maps, not the records: a typed word such as "constructor" must not find a prototype member.
const UNITS = new Map(Object.entries(words.UNITS));
const TENS = new Map(Object.entries(words.TENS));
const MULTIPLIERS = new Map(Object.entries(words.MULTIPLIERS));
const SCALES = new Map(Object.entries(words.SCALES));
/** Words after which an English article is the number one: "a hundred", "a million". */
const isLargeWord = (w: string | undefined) =>
  w !== undefined && (MULTIPLIERS.has(w) || (SCALES.has(w) && !ABBREVIATED_SCALES.has(w)));

export interface NumberSpan {
  n: number;
  /** Offsets in the text read: [start, end). */
  start: number;
  end: number;
  text: string;
}

/**
 * Digits with any thousands/decimal convention: a separator followed by exactly three digits
 * groups thousands ("75,000", "3.500", "1 500"), otherwise it is the decimal mark ("1,5", "2.75").
 */
export function readDigits(s: string): number | undefined {
  if (/ \d{1,2}(?!\d)/.test(s)) return undefined; // "12 34" is not a grouped number
  const t = s.replace(/ /g, '');
  const seps = t.match(/[.,]/g) ?? [];
  let normalised: string;
  if (new Set(seps).size === 2) {
    const decimal = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const [whole, fraction] = [t.slice(0, t.lastIndexOf(decimal)), t.slice(t.lastIndexOf(decimal) + 1)];
    normalised = `${whole.replace(/[.,]/g, '')}.${fraction}`;
  } else if (seps.length > 1 || /^\d+[.,]\d{3}$/.test(t)) {
    if (!/^\d{1,3}(?:[.,]\d{3})+$/.test(t)) return undefined;
    normalised = t.replace(/[.,]/g, '');
  } else {
    normalised = t.replace(',', '.');
  }
  const n = Number(normalised);
  return Number.isFinite(n) ? n : undefined;
}

interface Token {
  /** Folded word, or the digits as typed. */
  w: string;
  start: number;
  end: number;
  /** Digits: their value (undefined when unreadable, "1,2,3"). */
  digits?: number;
  isDigits: boolean;
}

// Digits (with thousands groups of three after a space) and the letters glued to them ("50k",
// "1er"), or a word with its elisions ("d'un", "quelqu'un" are single words: neither is the number
// one). Digits glued to a letter before them ("W751234567") are an identifier, not a number.
const TOKEN = /(?<![\p{L}\p{N}])(\d+(?:[.,]\d+|\s\d{3}(?!\d))*)(\p{L}*)|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
// "1er", "2e", "15th": a rank or a day, not a quantity.
const ORDINAL_SUFFIX = /^(?:er|ere|re|e|eme|nd|st|rd|th)$/;
// What may separate two words of one number: spaces and hyphens ("quatre-vingt-dix").
const INNER_GAP = /^[\s-]*$/;
// After "1,2 M" or "3 bn" with a space, a currency must follow, else the letter may mean metres.
const CURRENCY_NEXT = /^\s*(?:€|eur)/i;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index!;
    if (m[1] === undefined) {
      tokens.push({ w: foldText(m[0]), start, end: start + m[0].length, isDigits: false });
      continue;
    }
    const digitsEnd = start + m[1].length;
    const glued = foldText(m[2]);
    const ordinal = ORDINAL_SUFFIX.test(glued);
    tokens.push({ w: m[1], start, end: digitsEnd, isDigits: true, digits: ordinal ? undefined : readDigits(m[1]) });
    if (glued && !ordinal) tokens.push({ w: glued, start: digitsEnd, end: start + m[0].length, isDigits: false });
  }
  return tokens;
}

type Last = 'none' | 'unit' | 'tens' | 'multiplier' | 'scale' | 'digits' | 'done';

/** Reads one number starting at token `i`; undefined when none starts there. */
function readAt(tokens: Token[], i: number, text: string): { span: NumberSpan; next: number } | undefined {
  let total = 0;
  let group = 0;
  let last: Last = 'none';
  let lastTens = 0;
  let lastScale = Number.POSITIVE_INFINITY;
  let j = i;
  let end = -1;
  const gapBefore = (k: number) => text.slice(tokens[k - 1].end, tokens[k].start);
  const word = (k: number) => (k < tokens.length && !tokens[k].isDigits && INNER_GAP.test(gapBefore(k)) ? tokens[k].w : undefined);

  while (j < tokens.length && last !== 'done') {
    const t = tokens[j];
    if (j > i && !INNER_GAP.test(gapBefore(j))) break;
    if (t.isDigits) {
      if (last !== 'none' || t.digits === undefined) break;
      group = t.digits;
      last = 'digits';
      end = t.end;
      j++;
      continue;
    }
    let w = t.w;
    let width = 1;
    const compound = word(j + 1) !== undefined ? `${w}-${word(j + 1)}` : '';
    if (UNITS.has(compound) || TENS.has(compound)) {
      w = compound;
      width = 2;
    }
    if (ABBREVIATED_SCALES.has(w)) {
      if (last !== 'digits') break; // a letter alone is no number: "m", "k"
      const gap = gapBefore(j);
      const spaced = gap === ' ' && (w === 'k' || CURRENCY_NEXT.test(text.slice(t.end)));
      if (!(gap === '' || spaced) || /^[²³]/.test(text.slice(t.end))) break;
      total += group * SCALES.get(w)!;
      group = 0;
      last = 'done';
    } else if (UNITS.has(w)) {
      const v = UNITS.get(w)!;
      const afterTens = last === 'tens' && (v < 10 || ((lastTens === 60 || lastTens === 80) && v < 20));
      if (!(last === 'none' || last === 'multiplier' || last === 'scale' || afterTens)) break;
      group += v;
      last = 'unit';
    } else if (TENS.has(w)) {
      if (!(last === 'none' || last === 'multiplier' || last === 'scale')) break;
      lastTens = TENS.get(w)!;
      group += lastTens;
      last = 'tens';
    } else if (MULTIPLIERS.has(w)) {
      const m = MULTIPLIERS.get(w)!;
      if (last === 'none' || last === 'scale') group = m;
      else if ((last === 'unit' || last === 'tens' || last === 'digits') && group > 0 && group < 100) group *= m;
      else break;
      last = 'multiplier';
    } else if (SCALES.has(w)) {
      const s = SCALES.get(w)!;
      if (s >= lastScale || (last !== 'none' && group === 0)) break;
      total += (last === 'none' ? 1 : group) * s;
      group = 0;
      lastScale = s;
      last = 'scale';
    } else if (ARTICLES_AS_ONE.has(w) && last === 'none' && isLargeWord(word(j + 1))) {
      group = 1;
      last = 'unit';
    } else if (HALF.has(w) && last === 'none' && ARTICLES_AS_ONE.has(word(j + 1) ?? '') && isLargeWord(word(j + 2))) {
      group = 0.5; // "half a million"
      last = 'unit';
      width = 2;
    } else if (JOINERS.has(w) && last !== 'none') {
      const next = word(j + 1);
      const half = HALF.has(next ?? '') ? 1 : next !== undefined && ARTICLES_AS_ONE.has(next) && HALF.has(word(j + 2) ?? '') ? 2 : 0;
      if (half > 0) {
        // "deux et demi", "un million et demi", "two and a half".
        if (last === 'scale') total += lastScale / 2;
        else group += 0.5;
        end = tokens[j + half].end;
        j += half + 1;
        last = 'unit';
        continue;
      }
      const nextValue = next === undefined ? undefined : (UNITS.get(next) ?? TENS.get(next));
      const joins =
        w === 'et' ? last === 'tens' && (nextValue === 1 || nextValue === 11) : (last === 'multiplier' || last === 'scale') && nextValue !== undefined;
      if (!joins) break;
      j++;
      continue;
    } else {
      break;
    }
    end = tokens[j + width - 1].end;
    j += width;
  }
  if (end < 0) return undefined;
  const start = tokens[i].start;
  return { span: { n: total + group, start, end, text: text.slice(start, end) }, next: j };
}

/** Every number of the text, in reading order. */
export function findNumbers(text: string): NumberSpan[] {
  const tokens = tokenize(text);
  const spans: NumberSpan[] = [];
  for (let i = 0; i < tokens.length; ) {
    const read = readAt(tokens, i, text);
    if (read) {
      spans.push(read.span);
      i = Math.max(read.next, i + 1);
    } else {
      i++;
    }
  }
  return spans;
}
