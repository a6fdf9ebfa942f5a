import fc from 'fast-check';

/**
 * Inputs for fuzzing the answer parsers and the engine: arbitrary Unicode, plus strings built
 * from the pieces French answers are made of (number words, digits, currency signs, dates,
 * accents), so that runs reach the parsers' deep paths and not only their "not understood" exit.
 */

/** Every kind of arbitrary string fast-check v4 can build: printable ASCII, full Unicode, lone surrogates. */
export const anyString = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'grapheme-composite', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
  );

const NUMBER_WORDS = [
  'zéro', 'un', 'une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze',
  'quinze', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante', 'soixante-dix', 'quatre-vingt', 'quatre-vingt-dix',
  'cent', 'cents', 'mille', 'million', 'millions', 'milliard', 'et', 'virgule', 'demi', 'moitié',
  'une dizaine', 'une quinzaine', 'une vingtaine', 'une trentaine', 'une quarantaine', 'une centaine', 'des milliers',
  'environ', 'à peu près', 'presque', 'plus de', 'moins de', 'entre', 'à', 'ou', 'aucun', 'personne', 'moi seul',
  'two', 'dozen', 'hundred', 'thousand', 'about', 'a few',
];
const CURRENCY = ['€', 'k€', 'K€', 'M€', 'euros', "d'euros", 'EUR', '$', 'dollars', '£', 'livres', '¥', 'k', 'M', 'balles', 'HT', 'TTC'];
const DATES = [
  "d'ici", 'avant', 'fin', 'mi-', 'début', 'le', 'premier', '1er', 'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'été', 'hiver', 'printemps', 'automne', 'prochain',
  'prochaine', 'dernier', "l'an dernier", 'cette année', 'il y a', 'depuis', 'ans', 'mois', 'semaines', 'jours',
  'dans', 'sous', 'la semaine prochaine', 'lundi', 'vendredi', 'dès que possible', 'asap', "pas d'échéance",
  'pas de date', 'ça fait', 'créée en', 'by', 'next', 'June', 'years ago', '31 février', '29/02', '15/01/2027',
  '2027-03-15', '15.03.27',
];
const ANSWER_WORDS = [
  'oui', 'non', 'ouais', 'bien sûr', 'pas vraiment', "j'accepte", 'peut-être', 'je ne sais pas', 'passer', 'rien',
  'aucune', "je n'ai pas", 'pas de site', 'pas de budget', 'W', 'SIREN', 'RNA', 'SIRET', '@', 'contact', '.fr', '.org',
  'www.', 'https://', 'mailto:', '+33', '06', '(0)', '0692', 'Paris', 'Lyon', 'Saint-Étienne', 'cedex', 'salariés',
  'bénévoles', 'personnes', 'ETP', 'association', 'asso', 'fondation', 'scop', 'stable', 'fragile', 'critique',
  'communication', 'numérique', 'santé mentale', 'ponctuel', 'coup de pouce',
];
const ACCENTS = ['é', 'è', 'ê', 'à', 'ç', 'ô', 'œ', 'É', 'e\u0301', 'ﬁ', 'ß', 'İ', 'ı', 'ǅ'];
const PUNCTUATION = [',', '.', ';', ':', '!', '?', '-', '–', '/', '(', ')', "'", '’', '"', '«', '»', '%', '+', '*', '#', 'n°'];
const ODD = ['\u00a0', '\u202f', '\t', '\n', '\u200b', '\u202e', '\u0000', '\ufeff', '\ud83d', '👍', '👎', '🙂', '👩‍💻', '١٢٣', 'שלום'];
const SEPARATORS = [' ', ' ', ' ', '', ',', '-', '.', '/', '\u00a0', '  '];

/** A number as users type it: digits, grouped digits, decimal comma or point, ranges. */
const typedNumber: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -100, max: 3000 }).map(String),
  fc.nat().map(String),
  fc.double({ min: -1e12, max: 1e16, noNaN: true }).map((n) => String(n)),
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => n.toLocaleString('fr-FR')),
  fc.tuple(fc.nat(999), fc.nat(99)).map(([a, b]) => `${a},${b}`),
  fc.stringMatching(/^\d{1,14}$/),
  fc.constantFrom('1e309', 'NaN', 'Infinity', '-0', '0x1F', '9007199254740993', '0'.repeat(40)),
);

/** A token of a French answer. */
const frenchToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBER_WORDS) },
  { weight: 3, arbitrary: typedNumber },
  { weight: 2, arbitrary: fc.constantFrom(...CURRENCY) },
  { weight: 3, arbitrary: fc.constantFrom(...DATES) },
  { weight: 3, arbitrary: fc.constantFrom(...ANSWER_WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...ACCENTS) },
  { weight: 1, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);

/** Tokens of French answers joined by the separators people type: "environ 150 k€", "d'ici fin-juin 2027". */
export const frenchish = (maxTokens = 12): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(frenchToken, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: maxTokens })
    .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Strings around and beyond the length limits (500 for short answers, 2,000 for text), made of any of the above. */
export const longString: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(frenchish(4), anyString(8)), fc.integer({ min: 1, max: 3000 }))
  .map(([unit, size]) => (unit || 'x').repeat(Math.ceil(size / Math.max(1, (unit || 'x').length))).slice(0, size));

/** Any answer a user (or a broken client) might type. */
export const userText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: anyString() },
  { weight: 5, arbitrary: frenchish() },
  { weight: 1, arbitrary: longString },
);

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const sep = fc.constantFrom('', ' ', '.', '-', '\u00a0');
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const around = (core: fc.Arbitrary<string>) =>
  fc.tuple(fc.oneof(fc.constant(''), frenchish(3)), core, fc.oneof(fc.constant(''), frenchish(3))).map(([a, c, b]) => `${a} ${c} ${b}`);

/** Answers close to valid for each kind, so the value checks run often, not only the rejections. */
export const nearValid = {
  count: around(fc.oneof(fc.nat(200).map(String), fc.constantFrom('deux', 'une dizaine', 'trois personnes', '2,5 ETP', 'moi seul'))),
  amount: around(fc.tuple(fc.nat(999_999), fc.constantFrom('€', 'k€', ' euros', ' M€', '', ' K€')).map(([n, u]) => `${n}${u}`)),
  year: around(fc.oneof(fc.integer({ min: 1700, max: 2100 }).map(String), fc.nat(80).map((n) => `il y a ${n} ans`))),
  deadline: around(
    fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('janvier', 'février', 'juin', 'décembre', 'June'), fc.integer({ min: 1990, max: 2120 })).map(
        ([d, m, y]) => `${d} ${m} ${y}`,
      ),
      fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 2200 })).map(([d, m, y]) => `${d}/${m}/${y}`),
      fc.tuple(fc.constantFrom("d'ici", 'dans', 'avant', 'fin', 'mi-'), fc.constantFrom('juin', '3 mois', '2 semaines', "l'été", '2028', '25 ans')).map(([a, b]) => `${a} ${b}`),
    ),
  ),
  yesno: around(fc.constantFrom('oui', 'non', 'ouais', 'pas vraiment', 'bien sûr', '👍', 'yes', 'no', "j'accepte", 'non merci')),
  postcode: around(fc.tuple(digits(2), sep, digits(3), fc.oneof(fc.constant(''), word.map((w) => ` ${w}`))).map((p) => p.join(''))),
  structureId: around(
    fc.oneof(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), sep), { minLength: 9, maxLength: 14 }).map((p) => p.map(([d, s]) => `${d}${s}`).join('')),
      fc.tuple(fc.constantFrom('W', 'w'), sep, digits(9)).map((p) => p.join('')),
    ),
  ),
  email: around(fc.tuple(word, fc.constantFrom('@', ' @ ', '@@'), word, fc.constantFrom('.fr', '.org', '.c', '.museum', '', '.')).map((p) => p.join(''))),
  phone: around(
    fc.tuple(fc.constantFrom('0', '+33 ', '+33 (0)', '0033 ', '+1 ', '+'), fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), sep), { minLength: 7, maxLength: 15 })).map(
      ([p, ds]) => p + ds.map(([d, s]) => `${d}${s}`).join(''),
    ),
  ),
  url: around(fc.tuple(fc.constantFrom('', 'https://', 'http://', 'www.', 'javascript:'), word, fc.constantFrom('.fr', '.org', '.asso.fr', '.x', ''), fc.constantFrom('', '/', '/a?b=<c>"d"', ':8080/x', '#top')).map((p) => p.join(''))),
  text: fc.oneof(anyString(), longString),
};
