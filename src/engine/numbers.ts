import type { Locale } from '../answers/types';

/** Locale tags of the journey's languages: dates and numbers are written the British way in English. */
const localeTag = (lang: Locale): string => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** Formatters are costly to build and numbers are written on every turn: one per language and shape. */
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Locale, euros: boolean): Intl.NumberFormat {
  const key = `${lang}:${euros}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = euros ? { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 } : {};
    formatters.set(key, (format = new Intl.NumberFormat(localeTag(lang), options)));
  }
  return format;
}

/**
 * "2 000" / "2,000". French keeps its no-break spaces (a narrow one between digit groups, one
 * before "€"): in a narrow chat widget, "150 000 €" must never wrap inside the amount.
 */
export const formatNumber = (n: number, lang: Locale): string => numberFormat(lang, false).format(n);

/** "150 000 €" / "€150,000". */
export const formatEuros = (n: number, lang: Locale): string => numberFormat(lang, true).format(n);
