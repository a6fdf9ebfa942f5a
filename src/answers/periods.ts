/**
 * Deadlines named by a part of the year or a day of the week, read in both languages without a
 * model: "fin du premier trimestre 2027", "au second semestre", "Q3", "T2 2027", "H2", "next
 * quarter"; "vendredi", "next Friday", "lundi prochain".
 */
import { addDays, addMonths, compareMonth, daysSinceMonday, type Day } from './calendar';
import { alternation } from './fold';
import { bothLanguages, en, fr, type PhraseList } from './lexicon';
import { containsPhrase } from './phrases';

type Month = { year: number; month: number };

export const has = (words: string, list: PhraseList) => containsPhrase(words, bothLanguages(list));

/** A year written out, 1900-2099. */
export const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;

const RANK = new Map<string, number>();
for (const lexicon of [fr, en]) lexicon.ordinals.forEach((names, i) => names.forEach((n) => RANK.set(n, i + 1)));
for (const n of bothLanguages('lastOne')) RANK.set(n, Number.POSITIVE_INFINITY);
const QUARTER = alternation(bothLanguages('quarter'));
const HALF = alternation(bothLanguages('half'));
const NOUN = `(${QUARTER})|(${HALF})`;
// "premier trimestre", "2nd half", "dernier semestre".
const RANKED = new RegExp(`(?<![\\p{L}\\d])(${alternation([...RANK.keys()])})\\s+(?:${NOUN})(?![\\p{L}])`, 'u');
// "Q3", "T2", "H2", "S1": a quarter (Q, T) or a half-year (H, S), by its number.
const CODE = /(?<![\p{L}\d])([qths])([1-4])(?![\p{L}\d])/u;
// "ce trimestre", "this quarter", "le trimestre en cours", "next half", "le semestre prochain".
const NAMED = new RegExp(`(?<![\\p{L}])(?:${NOUN})(?![\\p{L}])`, 'u');
const THIS_ONE = new RegExp(`(?<![\\p{L}])(?:${alternation(bothLanguages('thisOne'))})(?![\\p{L}])`, 'u');

/** Which part of the year, as its length in months and its rank (1-based; "next" is relative). */
function part(f: string, words: string, t: Day): { months: 3 | 6; rank: number } | undefined {
  const ranked = RANKED.exec(f);
  if (ranked) {
    const months = ranked[2] ? 3 : 6;
    return { months, rank: Math.min(RANK.get(ranked[1])!, 12 / months) };
  }
  const code = CODE.exec(f);
  if (code) {
    const months = code[1] === 'q' || code[1] === 't' ? 3 : 6;
    const rank = Number(code[2]);
    return rank <= 12 / months ? { months, rank } : undefined;
  }
  const named = NAMED.exec(f);
  if (!named) return undefined;
  const months = named[1] ? 3 : 6;
  const current = Math.floor((t.month - 1) / months) + 1;
  if (has(words, 'next')) return { months, rank: current + 1 };
  // "ce trimestre", "fin du trimestre", "d'ici la fin du semestre": the current one.
  if (THIS_ONE.test(f) || has(words, 'periodEnd')) return { months, rank: current };
  return undefined;
}

/**
 * The last month of the quarter or half-year named (its first with "début"/"early", its middle
 * with "mi"/"mid"), in the year written, else the next one not over.
 */
export function quarterOrHalf(f: string, words: string, t: Day): { month: Month; inferred: boolean } | undefined {
  const p = part(f, words, t);
  if (!p) return undefined;
  const offset = has(words, 'periodStart') ? 0 : has(words, 'periodMiddle') ? Math.floor(p.months / 2) : p.months - 1;
  const year = YEAR.exec(f);
  // Ranks past the year's end ("next quarter" in December) roll over.
  const first = addMonths({ year: year ? Number(year[1]) : t.year, month: 1 }, (p.rank - 1) * p.months);
  if (!year && compareMonth(addMonths(first, p.months - 1), t) < 0) {
    return { month: addMonths(first, 12 + offset), inferred: true };
  }
  return { month: addMonths(first, offset), inferred: !year };
}

const WEEKDAY = new Map<string, number>();
for (const lexicon of [fr, en]) lexicon.weekdays.forEach((names, i) => names.forEach((n) => WEEKDAY.set(n, i)));
const WEEKDAY_NAME = new RegExp(`(?<![\\p{L}])(${alternation([...WEEKDAY.keys()])})(?![\\p{L}])`, 'u');
const LAST_ONE = new RegExp(`(?<![\\p{L}])(?:${alternation(bothLanguages('lastOne'))})(?![\\p{L}])`, 'u');

/**
 * "vendredi", "by Friday": the next one, today included; "vendredi prochain", "next Friday",
 * "friday next week": that day of next week; "vendredi dernier": the past one (so refused).
 */
export function weekday(f: string, words: string, t: Day): { day: Day; inferred: boolean } | undefined {
  const m = WEEKDAY_NAME.exec(f);
  if (!m) return undefined;
  const wanted = WEEKDAY.get(m[1])!;
  const monday = addDays(t, -daysSinceMonday(t));
  if (has(words, 'next') || has(words, 'nextWeek')) return { day: addDays(monday, 7 + wanted), inferred: true };
  const thisWeek = addDays(monday, wanted);
  if (LAST_ONE.test(f)) return { day: addDays(thisWeek, wanted < daysSinceMonday(t) ? 0 : -7), inferred: true };
  return { day: wanted >= daysSinceMonday(t) ? thisWeek : addDays(thisWeek, 7), inferred: true };
}
