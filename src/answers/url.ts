import { cleanInput } from './clean';
import { foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { startsWithPhrase } from './phrases';
import { invalid, none, safeParser, value } from './result';
import type { Parsed, Parser } from './types';

// A host with at least one dot and an alphabetic TLD, optional scheme, port, path.
const URL_LIKE = /(?<![\w@.-])((?:https?:\/\/)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24})(:\d{1,5})?((?:[/?#][^\s]*)?)(?![\w@-])/giu;
// Inside a sentence a bare "fini.Merci" must not become a website: require a scheme, www or a usual TLD.
const CONFIDENT = /^(?:https?:\/\/|www\.)|\.(?:fr|com|org|net|eu|info|io|be|ch|re|asso\.fr|gouv\.fr|site|online)$/i;

/** A website normalised to an absolute https URL, or none ("pas de site"). */
function readUrl(input: string): Parsed<string> {
  const text = cleanInput(input);
  if (!text) return invalid('empty');
  const single = !/\s/.test(text);
  const urls = new Set<string>();
  for (const m of text.matchAll(URL_LIKE)) {
    const host = m[1];
    if (!single && !CONFIDENT.test(host)) continue;
    const path = m[3].replace(/[.,;:!?)\]]+$/, '');
    const absolute = /^https?:\/\//i.test(host) ? host : `https://${host}`;
    try {
      const url = new URL(`${absolute}${m[2] ?? ''}${path}`);
      // "asso.fr" and "asso.fr/" are the same site: drop a bare root slash.
      urls.add(url.pathname === '/' && !url.search && !url.hash ? url.href.slice(0, -1) : url.href);
    } catch {
      // Not a URL after all; keep looking.
    }
  }
  if (urls.size > 1) return invalid('ambiguous');
  const [url] = urls;
  if (url) return value(url);
  const words = foldWords(text);
  if (startsWithPhrase(words, bothLanguages('nothing'))) return none();
  return invalid('format');
}

export const parseUrl: Parser<string> = safeParser((input) => readUrl(input));
