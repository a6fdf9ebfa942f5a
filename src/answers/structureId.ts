import { cleanInput } from './clean';
import { foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { containsPhrase, startsWithPhrase } from './phrases';
import { invalid, none, safeParser, value } from './result';
import type { Parsed, Parser, StructureId } from './types';

// W + 9 digits, or 9 (SIREN) / 14 (SIRET) digits, each possibly grouped by spaces or dots.
const RNA = /(?<![\p{L}\d])w(?:[\s.-]?\d){9}(?!\d)/iu;
const SIREN_OR_SIRET = /(?<![\p{L}\d])\d(?:[\s.-]?\d){8}(?:(?:[\s.-]?\d){5})?(?![\d])/u;
const SOMETHING_LIKE_AN_ID = /(?<![\p{L}])w\s?\d|\d{3}/iu;

/** Luhn checksum over the digits, as INSEE uses for SIREN and SIRET. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** True for 9 digits whose Luhn checksum holds. */
export function isValidSiren(digits: string): boolean {
  return typeof digits === 'string' && /^\d{9}$/.test(digits) && luhn(digits);
}

/** An RNA number or a SIREN (a SIRET is reduced to its SIREN); "je ne l'ai pas" is none. */
function readStructureId(input: string): Parsed<StructureId> {
  const text = cleanInput(input);
  if (!text) return invalid('empty');
  const rna = RNA.exec(text);
  if (rna) return value({ type: 'RNA', value: rna[0].replace(/[\s.-]/g, '').toUpperCase() });
  const number = SIREN_OR_SIRET.exec(text);
  if (number) {
    const digits = number[0].replace(/[\s.-]/g, '');
    // A SIRET's first nine digits are its SIREN; the SIRET checksum itself has exceptions (La Poste).
    const siren = digits.slice(0, 9);
    if (!isValidSiren(siren)) return invalid('luhn');
    return value({ type: 'SIREN', value: siren }, { echo: digits.length === 14 });
  }
  if (SOMETHING_LIKE_AN_ID.test(text)) return invalid('format');
  const words = foldWords(text);
  const hasNone = startsWithPhrase(words, bothLanguages('nothing')) || containsPhrase(words, bothLanguages('dontKnow'));
  return hasNone ? none() : invalid('format');
}

export const parseStructureId: Parser<StructureId> = safeParser((input) => readStructureId(input));
