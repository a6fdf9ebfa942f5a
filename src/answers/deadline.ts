import {
  addDays, addMonths, compareDay, compareMonth, daysSinceMonday, isoDay, isoMonth, isRealDay, localNoon, today,
  type Day,
} from './calendar';
import { cleanInput } from './clean';
import { readUnits } from './count';
import { alternation, foldText, foldWords } from './fold';
import { bothLanguages, en, fr } from './lexicon';
import { has, quarterOrHalf, weekday, YEAR } from './periods';
import { startsWithPhrase } from './phrases';
import { recognizeDateTime } from './recognizers';
import { invalid, localeOf, none, safeParser, value } from './result';
import type { Deadline, Locale, ParseContext, Parsed, Parser } from './types';

type Month = { year: number; month: number };
/** `inferred`: the user did not write this exact date (relative phrasing, year guessed). */
type DayOrMonth =
  | { day: Day; inferred: boolean; approx?: boolean }
  | { month: Month; inferred: boolean; approx?: boolean };
type Found =
  | DayOrMonth
  | { none: true }
  | 'ambiguous'
  | 'invalid_date'
  | 'unknown'
  | 'asap';

const HORIZON_YEARS = 20;

// Month names of both languages → 1-12.
const MONTH_NUMBER = new Map<string, number>();
for (const lexicon of [fr, en]) lexicon.months.forEach((names, i) => names.forEach((n) => MONTH_NUMBER.set(n, i + 1)));
const MONTH = `(${alternation([...MONTH_NUMBER.keys()])})\\.?(?![\\p{L}])`;
const MONTH_ANY = new RegExp(`(?<![\\p{L}])${MONTH}`, 'gu');

const DAY_MONTH = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2}|premier|first)(?:er|st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:\\s+(\\d{4}))?`, 'u');
const MONTH_DAY = new RegExp(`(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?`, 'u');
// Day first, as written in France: "15/01/2027", "15.01", "15-01-27".
const NUMERIC = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/.-])/;
const ISO = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;
// "dans trois mois", "d'ici 2 semaines", "sous une quinzaine de jours", "within 10 days".
const IN_UNITS = /(?:^|\s)(?:dans|d'ici|sous|en|within|in)\s+(.+?)\s*(?:d'|de\s+)?(jours?|semaines?|mois|ans?|annees?|days?|weeks?|fortnights?|months?|years?)(?![\p{L}])/u;
const VAGUE_QUANTITY = /^(?:quelques|plusieurs|some|a few|several)$/;
const UNITS_FROM_NOW = /(?:^|\s)(.+?)\s+(days?|weeks?|months?|years?)\s+from now/u;
// "avant 2028" ends with 2027, but "avant la fin de l'année" ends with this year.
const BEFORE_YEAR = new RegExp(`(?<![\\p{L}])(?:${alternation(bothLanguages('before'))})\\s+(?:19|20)\\d{2}`, 'u');

// Season names of both languages → the month each starts in (spring: March … winter: December).
const SEASON_START = new Map<string, number>();
for (const lexicon of [fr, en]) {
  lexicon.seasons.forEach((names, i) => names.forEach((n) => SEASON_START.set(n, 3 + 3 * i)));
}
const SEASON_NAME = `(${alternation([...SEASON_START.keys()])})(?![\\p{L}])`;
// A season is named with a determiner or a qualifier ("avant l'été", "cet hiver", "au printemps",
// "été 2027", "next summer"), or alone: bare "été" is also a past participle ("a été décidé").
const SEASON_DETERMINER =
  "l'|d'|(?:mi|mid)-|(?:le|cet|ce|en|au|du|debut|milieu|fin|this|the|next|by|in|of|until|before|early|mid|late)\\s+";
const SEASON = new RegExp(
  `(?:^|(?<![\\p{L}])(?:${SEASON_DETERMINER}))${SEASON_NAME}` +
    `|(?<![\\p{L}])${SEASON_NAME}(?=\\s+(?:prochain|prochaine|next|20\\d{2}))`,
  'u',
);
// "avant l'été", "d'ici l'hiver", "pour l'été", "by summer": due before the season starts.
const BEFORE_SEASON = new RegExp(
  "(?<![\\p{L}])(?:avant|d'ici|pour|jusqu'a|before|by|until|till)\\s+(?:l'|le\\s+|la\\s+|the\\s+)?" +
    "(?:debut\\s+(?:de\\s+l'|du\\s+)|(?:the\\s+)?(?:beginning|start)\\s+of\\s+(?:the\\s+)?)?" +
    SEASON_NAME,
  'u',
);
const RENTREE = /(?<![\p{L}])rentree(?![\p{L}])/u;

/** The first occurrence of day/month on or after `from`. */
function nextDay(month: number, day: number, from: Day): Day {
  const candidate = { year: from.year, month, day };
  return compareDay(candidate, from) >= 0 ? candidate : { ...candidate, year: from.year + 1 };
}

/** The month this year if not yet over, else next year; with "next" ("juin prochain") strictly after this month. */
function nextMonth(month: number, from: Day, strictlyAfter: boolean): Month {
  const candidate = { year: from.year, month };
  const cmp = compareMonth(candidate, from);
  return cmp > 0 || (cmp === 0 && !strictlyAfter) ? candidate : { year: from.year + 1, month };
}

/** Day, month and maybe year of a date written out: ISO, "15 janvier", "March 15", "15/01". */
function dateParts(f: string): { day: number; month: number; year?: string } | undefined {
  let m = ISO.exec(f);
  if (m) return { year: m[1], month: Number(m[2]), day: Number(m[3]) };
  if ((m = DAY_MONTH.exec(f))) {
    return { day: /^\d/.test(m[1]) ? Number(m[1]) : 1, month: MONTH_NUMBER.get(m[2])!, year: m[3] };
  }
  if ((m = MONTH_DAY.exec(f))) return { month: MONTH_NUMBER.get(m[1])!, day: Number(m[2]), year: m[3] };
  if ((m = NUMERIC.exec(f))) return { day: Number(m[1]), month: Number(m[2]), year: m[3] };
  return undefined;
}

function explicitDay(f: string, t: Day): Found | undefined {
  const parts = dateParts(f);
  if (!parts) return undefined;
  const { day, month, year } = parts;
  if (year === undefined) {
    const next = nextDay(month, day, t);
    return isRealDay(next) ? { day: next, inferred: true } : 'invalid_date';
  }
  const d = { year: Number(year.length === 2 ? `20${year}` : year), month, day };
  return isRealDay(d) ? { day: d, inferred: false } : 'invalid_date';
}

function inUnits(f: string, t: Day, locale: Locale): Found | undefined {
  const m = IN_UNITS.exec(f) ?? UNITS_FROM_NOW.exec(f);
  if (!m) return undefined;
  const units = readUnits(m[1], locale);
  if (!units) return VAGUE_QUANTITY.test(m[1]) ? 'ambiguous' : undefined;
  const unit = m[2];
  const approx = units.approx;
  if (/^(?:jours?|days?)$/.test(unit)) return { day: addDays(t, units.n), inferred: true, approx };
  if (/^(?:semaines?|weeks?)$/.test(unit)) return { day: addDays(t, units.n * 7), inferred: true, approx };
  if (/^fortnights?$/.test(unit)) return { day: addDays(t, units.n * 14), inferred: true, approx };
  const months = /^(?:mois|months?)$/.test(unit) ? units.n : units.n * 12;
  return { month: addMonths(t, months), inferred: true, approx };
}

function namedMonth(f: string, words: string, t: Day): Found | undefined {
  let months = [...new Set([...f.matchAll(MONTH_ANY)].map((m) => m[1]))];
  // English "may" is usually the verb when another month is named.
  if (months.length > 1) months = months.filter((m) => m !== 'may');
  const numbers = new Set(months.map((m) => MONTH_NUMBER.get(m)!));
  if (numbers.size === 0) return RENTREE.test(f) ? { month: nextMonth(9, t, false), inferred: true } : undefined;
  if (numbers.size > 1) return 'ambiguous';
  const month = [...numbers][0];
  const year = YEAR.exec(f);
  if (year) return { month: { year: Number(year[1]), month }, inferred: false };
  return { month: nextMonth(month, t, has(words, 'next')), inferred: true };
}

/** "fin 2027", "début de l'année prochaine", "avant 2028": a year narrowed to a month. */
function namedYear(f: string, words: string, t: Day): Found | undefined {
  const explicit = YEAR.exec(f);
  let year: number;
  if (explicit) year = Number(explicit[1]);
  else if (has(words, 'lastYear')) year = t.year - 1; // refused as past
  else if (has(words, 'nextYear')) year = t.year + 1;
  else if (has(words, 'thisYear')) year = t.year;
  else return undefined;
  if (BEFORE_YEAR.test(f)) return { month: { year: year - 1, month: 12 }, inferred: true };
  if (has(words, 'periodStart')) return { month: { year, month: 1 }, inferred: true };
  if (has(words, 'periodMiddle')) return { month: { year, month: 6 }, inferred: true };
  // A bare year ("en 2027", "l'année prochaine") is read as its last month, flagged approximate.
  return { month: { year, month: 12 }, inferred: true, approx: !has(words, 'periodEnd') };
}

/**
 * Meteorological seasons (spring: March-May, summer: June-August, autumn: September-November,
 * winter: December-February). "en été", "au printemps", "cet hiver" → the season's last month;
 * "avant l'été", "d'ici l'hiver" → the last month before it starts; "début", "mi-", "fin" → its
 * first, middle or last month. Of the season not over yet (while in it, the current one, unless
 * "prochain"/"next"); before a season, of the next one that has not started.
 */
function season(f: string, words: string, t: Day): Found | undefined {
  const m = SEASON.exec(f);
  if (!m) return undefined;
  const start = SEASON_START.get(m[1] ?? m[2])!;
  const middle = has(words, 'periodMiddle');
  const end = has(words, 'periodEnd');
  const before = !middle && !end && BEFORE_SEASON.test(f);
  const offset = before ? -1 : has(words, 'periodStart') ? 0 : middle ? 1 : 2;
  const year = YEAR.exec(f);
  if (year) return { month: addMonths({ year: Number(year[1]), month: start }, offset), inferred: true };
  const into = (t.month - start + 12) % 12;
  const first =
    into < 3 && !before ? addMonths(t, has(words, 'next') ? 12 - into : -into) : nextMonth(start, t, before);
  return { month: addMonths(first, offset), inferred: true };
}

/** "le mois prochain", "cette semaine": read here, the French model resolves "le mois prochain" to this month. */
function relativePeriod(words: string, t: Day): Found | undefined {
  if (has(words, 'nextMonth')) return { month: addMonths(t, 1), inferred: true };
  if (has(words, 'thisMonth')) return { month: { year: t.year, month: t.month }, inferred: true };
  const week = has(words, 'nextWeek') ? 1 : has(words, 'thisWeek') ? 0 : undefined;
  if (week === undefined) return undefined;
  const monday = addDays(t, 7 * week - daysSinceMonday(t));
  // A week is due on its Sunday; "début de la semaine prochaine" on its Monday.
  if (has(words, 'periodStart')) return { day: compareDay(monday, t) < 0 ? t : monday, inferred: true };
  return { day: addDays(monday, 6), inferred: true };
}

function keyword(words: string, t: Day): Found | undefined {
  if (has(words, 'dayAfterTomorrow')) return { day: addDays(t, 2), inferred: true };
  if (has(words, 'tomorrow')) return { day: addDays(t, 1), inferred: true };
  if (has(words, 'today')) return { day: t, inferred: true };
  return undefined;
}

/** What Recognizers-Text resolves that we do not ("la semaine prochaine", "next Friday"). */
function recognized(input: string, t: Day, locale: Locale): Found | undefined {
  for (const result of recognizeDateTime(cleanInput(input), locale, localNoon(t))) {
    const candidates = ((result.resolution?.values ?? []) as Record<string, string | undefined>[])
      .map(fromResolution)
      .filter((c): c is DayOrMonth => c !== undefined);
    // "vendredi" resolves twice, last and next one: prefer the first not already past.
    const upcoming = candidates.find((c) => !isPast(c, t)) ?? candidates[candidates.length - 1];
    if (upcoming) return upcoming;
  }
  return undefined;
}

function fromResolution(v: Record<string, string | undefined>): DayOrMonth | undefined {
  const ymd = (s: string | undefined): Day | undefined => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s ?? '');
    return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
  };
  if (v.type !== 'daterange') {
    const day = ymd(v.value);
    return day && { day, inferred: true };
  }
  // A month ("2027-06", or "XXXX-03" placed by its start) keeps month precision.
  const named = /^(\d{4}|XXXX)-(\d{2})$/.exec(v.timex ?? '');
  const year = named && (named[1] === 'XXXX' ? ymd(v.start)?.year : Number(named[1]));
  if (named && year) return { month: { year, month: Number(named[2]) }, inferred: true };
  // Another period ("next week") is due on its last day; the resolved end is exclusive.
  const end = ymd(v.end);
  return end && { day: addDays(end, -1), inferred: true };
}

function isPast(c: DayOrMonth, t: Day): boolean {
  return 'day' in c ? compareDay(c.day, t) < 0 : compareMonth(c.month, t) < 0;
}

/** Answers without a date, checked before the recognizer, which reads "dès que possible" as today. */
function noDate(words: string): Found | undefined {
  if (has(words, 'noDeadline')) return { none: true };
  if (has(words, 'dontKnow')) return 'unknown';
  if (has(words, 'asap')) return 'asap';
  return undefined;
}

function readDeadline(input: string, locale: Locale, ctx: ParseContext): Parsed<Deadline> {
  const f = foldText(input);
  if (!f) return invalid('empty');
  const words = foldWords(f);
  const t = today(ctx.now);
  const found: Found | undefined =
    inUnits(f, t, locale) ??
    explicitDay(f, t) ??
    quarterOrHalf(f, words, t) ??
    namedMonth(f, words, t) ??
    season(f, words, t) ??
    weekday(f, words, t) ??
    relativePeriod(words, t) ??
    namedYear(f, words, t) ??
    keyword(words, t) ??
    noDate(words) ??
    recognized(input, t, locale);
  if (typeof found === 'string') return invalid(found);
  if (!found) return startsWithPhrase(words, bothLanguages('nothing')) ? none() : invalid('not_understood');
  if ('none' in found) return none();
  if (isPast(found, t)) return invalid('past');
  if (compareMonth('day' in found ? found.day : found.month, { year: t.year + HORIZON_YEARS, month: t.month }) > 0) {
    return invalid('implausible');
  }
  const deadline: Deadline =
    'day' in found
      ? { value: isoDay(found.day), precision: 'day' }
      : { value: isoMonth(found.month), precision: 'month' };
  const approx = found.approx ?? false;
  return value(deadline, { approx, echo: found.inferred || approx });
}

export const parseDeadline: Parser<Deadline> = safeParser((input, ctx) => readDeadline(input, localeOf(ctx), ctx));
