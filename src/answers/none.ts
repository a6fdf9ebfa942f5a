import { alternation, foldWords } from './fold';
import { bothLanguages } from './lexicon';

// What may come before: hesitations, politeness, a "no" ("non, aucune", "euh honnêtement rien").
const BEFORE = alternation([...bothLanguages('fillers'), ...bothLanguages('courtesy'), 'non', 'no', 'desole', 'sorry']);
// What may come after: "aucune pour l'instant", "none of these, sorry", "rien merci".
const AFTER = alternation([...bothLanguages('noneTail'), ...bothLanguages('courtesy')]);
// "aucune de ces causes", "aucun domaine en particulier", "none of your categories", "no cause in particular".
const NONE_OF =
  "(?:aucune?s?|none|not one) (?:(?:de|d'|d'entre|of) (?:ces|ceux|celles|elles|eux|vos|these|those|them|your)|des|of the)" +
  "(?: [\\p{L}'-]+){0,3}";
const NONE_PARTICULAR = `(?:aucune?|pas de|no) [\\p{L}'-]+ (?:en particulier|particuliere?|precise?|in particular)`;
const NONE = new RegExp(
  `^(?:(?:${BEFORE}) )*(?:${alternation(bothLanguages('noneOfThese'))}|${NONE_OF}|${NONE_PARTICULAR})(?: (?:${AFTER}))*$`,
  'u',
);

/**
 * True when the answer to a list of choices says that none of them applies, in either language
 * ("aucune", "rien de tout ça", "pas concerné", "none of these", "not applicable"). The flow's own
 * words for it (a question's `none`) are the caller's to add. "Aucune idée" is not one of them.
 */
export function isNoneAnswer(text: string): boolean {
  if (typeof text !== 'string' || text.length > 200) return false;
  return NONE.test(foldWords(text));
}
