/**
 * Number words of both languages, folded (no accents, lower case), read by numberWords.ts before
 * any Recognizers-Text model: the usual answers ("douze", "twenty-one", "deux cent mille",
 * "1.2 million") need no model at all, and English ones are read before the English models are
 * warm. No word means a different number in the two languages.
 */

/** 0-19: a word that adds to the group being read. */
export const UNITS: Record<string, number> = {
  zero: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  'dix-sept': 17, 'dix-huit': 18, 'dix-neuf': 19,
  one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};

/** Tens: a unit may follow ("vingt et un", "twenty-one"); in French, 60 and 80 take 10-19 too. */
export const TENS: Record<string, number> = {
  vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, 'quatre-vingt': 80, 'quatre-vingts': 80,
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  // Belgian and Swiss French.
  septante: 70, octante: 80, huitante: 80, nonante: 90,
};

/** Words that multiply the group before them: "deux cents", "two dozen". */
export const MULTIPLIERS: Record<string, number> = { cent: 100, cents: 100, hundred: 100, dozen: 12 };

/** Words that close a group and multiply it: "deux mille", "1,5 million", "two thousand". */
export const SCALES: Record<string, number> = {
  mille: 1e3, thousand: 1e3, k: 1e3,
  million: 1e6, millions: 1e6, m: 1e6, mn: 1e6, mio: 1e6,
  milliard: 1e9, milliards: 1e9, billion: 1e9, bn: 1e9, md: 1e9, mds: 1e9,
};

/** Scales written as a letter or abbreviation: only right after digits ("50k", "1,2 M€"). */
export const ABBREVIATED_SCALES = new Set(['k', 'm', 'mn', 'mio', 'bn', 'md', 'mds']);

/** "a hundred", "an hour"... the English article counts as one before a multiplier or scale only. */
export const ARTICLES_AS_ONE = new Set(['a', 'an']);

/** Joins parts of one number: "vingt et un", "two hundred and five". */
export const JOINERS = new Set(['et', 'and']);

/** "et demi", "and a half": half of the last unit read. */
export const HALF = new Set(['demi', 'demie', 'half']);

/**
 * Words our reader does not understand but a model does ("un tiers", "la moitié", "deux virgule
 * cinq", "10 %"): an answer with one of them goes to the model when it is usable.
 */
export const MODEL_ONLY = /(?<![\p{L}])(?:tiers|quart|quarts|moitie|virgule|pourcent|pour cent|third|thirds|quarter|quarters|point|percent|per cent)(?![\p{L}])|%/u;
