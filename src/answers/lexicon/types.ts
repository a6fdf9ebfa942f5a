/** Phrase lists of one language, all folded (no accents, lower case, straight apostrophes). */
export interface Lexicon {
  /** Twelve entries, January first: full name then unambiguous abbreviations. */
  months: string[][];
  /** Four entries, spring first (they start in March, June, September, December). */
  seasons: string[][];
  /** Seven entries, Monday first. */
  weekdays: string[][];
  /** Ranks of a quarter or half-year ("premier trimestre", "2nd half"): first to fourth. */
  ordinals: string[][];
  /** The last one ("dernier trimestre", "last quarter"); also "vendredi dernier", "last Friday". */
  lastOne: string[];
  /** A quarter of a year; a half of a year. */
  quarter: string[];
  half: string[];
  /** Determiners of the current period ("ce trimestre", "this quarter", "le trimestre en cours"). */
  thisOne: string[];
  yes: string[];
  no: string[];
  /** Courtesy words that may surround a yes or a no ("oui merci", "no thanks"). */
  courtesy: string[];
  /** Hesitations and belief markers that may surround a yes or a no ("euh oui", "je pense que non"). */
  fillers: string[];
  /** Answers that start like these mean "zero people" ("aucun", "personne pour l'instant"). */
  nobody: string[];
  /** The speaker alone ("juste moi"). */
  justMe: string[];
  /** The speaker, when people are counted by naming them ("la présidente et moi"). */
  self: string[];
  /** Nouns naming one person (folded, singular; both genders), counted when named. */
  people: string[];
  /** Singular determiners before such a noun ("la", "mon", "notre", "my"). */
  oneDeterminers: string[];
  /** Answers that start like these mean "I have none" (a budget, a website, a deadline, an id). */
  nothing: string[];
  /** "I don't know": not a zero, not a value. */
  dontKnow: string[];
  /** "As soon as possible": urgent, but not a date. */
  asap: string[];
  /** Years named relative to now ("l'an dernier"). */
  lastYear: string[];
  thisYear: string[];
  nextYear: string[];
  today: string[];
  tomorrow: string[];
  /** Read before `tomorrow`, which it contains. */
  dayAfterTomorrow: string[];
  /** Periods named relative to now: "le mois prochain", "cette semaine". */
  thisMonth: string[];
  nextMonth: string[];
  thisWeek: string[];
  nextWeek: string[];
  /** Marks the next occurrence of a month ("juin prochain", "next June"). */
  next: string[];
  /** Narrow a year to its start, middle or end ("début 2027", "mid-2027", "fin 2027"). */
  periodStart: string[];
  periodMiddle: string[];
  periodEnd: string[];
  /** "avant 2027": the deadline is the end of the previous year. */
  before: string[];
  /** "None of these" to a list of choices ("aucune", "rien de tout ça", "pas concerné", "none of the above"). */
  noneOfThese: string[];
  /** What may follow such an answer ("pour l'instant", "for now", "désolé"). */
  noneTail: string[];
  /** Explicitly no deadline. */
  noDeadline: string[];
  /** Function words ignored when matching choices, so "le numérique" finds "Numérique". */
  stopwords: string[];
  /** Words that strengthen an adjective: kept (as one word) when matching choices, so "très
   *  difficile" is not just "difficile". Softeners ("un peu", "assez", "quite") are stopwords. */
  intensifiers: string[];
}
