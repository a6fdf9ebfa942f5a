/**
 * Word classes for finding a command's intent inside a sentence (intent.ts). Folded, after the
 * expansions of words.ts ("m'" → "me", "don't" → "do not"). The commands' own words are not here:
 * staff keep them, as examples, in dialogs/commands.yaml.
 */

/** Words that carry no intent: pronouns, articles, prepositions, auxiliaries, adverbs of degree. */
export const FUNCTION_WORDS = [
  // French
  'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'me', 'moi', 'te', 'toi', 'se', 'lui', 'leur',
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'a', 'au', 'aux', 'en', 'y', 'ce', 'ca', 'cela', 'ceci',
  'ces', 'cet', 'cette', 'est', 'es', 'suis', 'sommes', 'etes', 'sont', 'ai', 'as', 'avons', 'avez', 'ont', 'que',
  'qui', 'si', 'et', 'ou', 'mais', 'donc', 'alors', 'car', 'juste', 'tout', 'toute', 'tous', 'toutes', 'maintenant', 'deja',
  'encore', "quelqu'un", 'quelquun', 'notre', 'nos', 'votre', 'vos', 'ici', 'la-dessus', 'peu', 'vraiment',
  'aussi', 'directement', 'svp', 'stp', 'sil', 'plait', 'faire', 'fais', 'avoir', 'etre', 'bien', 'plus',
  'moment', 'quand', 'meme', 'sur', 'pour', 'par', 'avec', 'dans', 'chez', 'vers', 'parce', 'demain', 'tard', 'tot', 'bientot', "aujourd'hui", 'matin', 'soir',
  // English
  'i', 'you', 'he', 'she', 'it', 'we', 'they', 'me', 'him', 'her', 'us', 'them', 'the', 'a', 'an', 'to', 'of',
  'in', 'on', 'at', 'for', 'with', 'by', 'from', 'this', 'that', 'these', 'those', 'is', 'am', 'are', 'was',
  'were', 'be', 'been', 'do', 'does', 'did', 'have', 'has', 'had', 'will', 'shall', 'just', 'now', 'so', 'and',
  'or', 'then', 'someone', 'somebody', 'anyone', 'anybody', 'there', 'here', 'all', 'really', 'actually', 'maybe',
  'again', 's', 'right', 'some', 'any', 'our', 'your', 'get', 'got', 'go', 'going', 'one', 'today', 'tomorrow',
  'later', 'soon', 'tonight', 'morning', 'afternoon', 'evening', 'about', 'but', 'as', 'if', 'than', 'because',
  // The conversation itself: "répondre à cette question" is only the command.
  'question', 'questions',
];

/** Possessives of the speaker, one word: "supprimer mes données" is not "supprimer les données". */
export const MY_WORDS = ['mon', 'ma', 'mes', 'my', 'mine'];

/** Politeness and hesitations, anywhere in the message. */
export const POLITE_WORDS = [
  'merci', 'please', 'pls', 'plz', 'thanks', 'thank', 'bonjour', 'bonsoir', 'salut', 'hello', 'hi', 'hey',
  'excusez', 'excuse', 'pardon', 'sorry', 'desole', 'desolee', 'ok', 'okay', 'euh', 'heu', 'hum', 'hmm', 'bon',
  'ben', 'bah', 'well', 'oh', 'ah', 'um', 'uh', 'dac', 'daccord', 'coucou',
];

/**
 * A request or a wish before the command ("je préfère", "pouvez-vous", "est-ce que quelqu'un
 * peut", "I'd rather", "can someone", "is it possible to"): part of the command, and a sign of it.
 */
export const FRAME_WORDS = [
  'veux', 'veut', 'voulons', 'voulez', 'voudrais', 'voudrai', 'voudrait', 'voudrions', 'aimerais', 'aimerai',
  'aimerait', 'aimerions', 'souhaite', 'souhaitons', 'souhaiterais', 'souhaiterait', 'prefere', 'preferons',
  'preferez', 'preferais', 'prefererais', 'prefererait', 'peux', 'peut', 'pouvez', 'pouvons', 'pourriez',
  'pourrais', 'pourrait', 'pourrions', 'puis', 'besoin', 'faut', 'faudrait', 'dois', 'doit', 'devons', 'plutot',
  'comment', 'envie', 'serait',
  'want', 'wants', 'like', 'rather', 'prefer', 'can', 'could', 'would', 'may', 'might', 'let', 'need', 'wish',
  'able', 'how', 'instead', 'should', 'possible',
];

/** Negations: a command after one ("ne me rappelez pas", "no need to call me") is refused, not asked. */
export const NEGATION_WORDS = ['ne', 'pas', 'jamais', 'not', 'never', 'no', 'sans', 'without', 'nope', 'non'];

/** Irregular forms reduced to one stem, so an example's verb meets its other forms. */
export const IRREGULAR_STEMS: Record<string, string> = {
  reviens: 'reven', revient: 'reven', revenons: 'reven', revenez: 'reven', revenir: 'reven', revenu: 'reven',
  reprendre: 'repren', reprends: 'repren', reprend: 'repren', reprenons: 'repren', reprenez: 'repren', repris: 'repren',
  comprendre: 'compren', comprends: 'compren', comprend: 'compren', comprenons: 'compren', comprenez: 'compren',
  compris: 'compren', sais: 'sav', sait: 'sav', savons: 'sav', savez: 'sav', savoir: 'sav',
  sert: 'serv', servir: 'serv', servent: 'serv', sers: 'serv', dis: 'dir', dit: 'dir', dire: 'dir', dites: 'dir',
  going: 'go', went: 'go', gone: 'go', spoke: 'speak', spoken: 'speak', people: 'person', persons: 'person',
  personnes: 'personn', personne: 'personn', humains: 'humain', humaine: 'humain', gens: 'personn',
  arrete: 'arret', arreter: 'arret', arretons: 'arret', arretez: 'arret',
  donnees: 'donnee', donnee: 'donnee', informations: 'information', infos: 'information', info: 'information',
  precedent: 'preced', precedente: 'preced', previous: 'preced',
};

/** Suffixes removed (twice at most) from a word, longest first, keeping three letters. */
export const SUFFIXES = [
  'eraient', 'erions', 'eriez', 'erons', 'erez', 'eront', 'erais', 'erait', 'ement', 'ations', 'ation', 'ions',
  'iez', 'ons', 'ez', 'ent', 'ees', 'ee', 'es', 'er', 're', 'ing', 'ed', 'e', 's',
];
