/**
 * Approximate quantities. Recognizers-Text reads "une douzaine" but not "une trentaine", and never
 * says a quantity was approximate, so both are ours. Keys are folded (no accents, lower case).
 */

/** "une trentaine" ≈ 30: a round number the speaker only estimates. */
export const APPROX_NOUNS: Record<string, number> = {
  dizaine: 10,
  douzaine: 12,
  quinzaine: 15,
  vingtaine: 20,
  trentaine: 30,
  quarantaine: 40,
  cinquantaine: 50,
  soixantaine: 60,
  centaine: 100,
  millier: 1000,
  dozen: 12,
};

/** "plusieurs centaines", "hundreds": at least two of the unit, stored as that low bound. */
export const PLURAL_NOUNS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(APPROX_NOUNS).map(([k, v]) => [`${k}s`, v])),
  tens: 10,
  hundreds: 100,
  thousands: 1000,
};

/**
 * Large units an approximate noun may count ("une dizaine de milliers", "des centaines de
 * millions", "tens of thousands"), and that "quelques"/"plusieurs"/"des" may quantify alone
 * ("quelques millions"; "quelques milliers" is already a plural noun).
 */
export const SCALES: Record<string, number> = {
  millier: 1e3, milliers: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9,
  thousand: 1e3, thousands: 1e3, billion: 1e9, billions: 1e9,
};

/** Vague quantifiers of a plural: "quelques millions" is read as its low bound, two millions. */
export const VAGUE_QUANTIFIERS = ['quelques', 'plusieurs', 'des', 'several', 'a few'];

/** Hedges marking an estimate or a bound: the number stays, the answer is flagged approximate. */
export const HEDGES = [
  // French
  'environ',
  'a peu pres',
  'approximativement',
  'autour de',
  'aux alentours de',
  'dans les',
  'pres de',
  'presque',
  'quasiment',
  'grosso modo',
  'plus de',
  'un peu plus de',
  'moins de',
  'un peu moins de',
  'au moins',
  'au plus',
  'pas loin de',
  'max',
  'maximum',
  'minimum',
  'je crois',
  'je pense',
  'il me semble',
  'peut-etre',
  'a vue de nez',
  'env',
  // English
  'about',
  'around',
  'approximately',
  'approx',
  'roughly',
  'nearly',
  'almost',
  'over',
  'more than',
  'less than',
  'under',
  'at least',
  'at most',
  'up to',
  'i think',
  'maybe',
  'probably',
  'some',
];

/** Symbols with the same meaning ("~30", "200+", "±50"). */
export const HEDGE_SYMBOLS = /~|±|\+\/-|\d\s*\+(?!\d)|\bish\b/;
