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
  hundreds: 100,
  thousands: 1000,
};

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
