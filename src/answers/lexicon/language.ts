/**
 * Words for telling a request to change language from an answer that names a language, and for
 * telling English from French. Folded (no accents, lower case), one word each; English contractions
 * and French elisions are expanded before lookup ("don't" → "do not", "j'" → "je").
 */

/** Names of each language, in both languages (and a few others users may type). */
export const LANGUAGE_NAMES: Record<'en' | 'fr', string[]> = {
  en: ['english', 'anglais', 'anglaise', 'ingles', 'englisch', 'inglese'],
  fr: ['french', 'francais', 'francaise', 'frances', 'franzosisch', 'francese'],
};

/** Verbs of speaking, writing, switching or answering: a language after them is requested. */
export const REQUEST_VERBS = [
  'speak', 'speaks', 'speaking', 'talk', 'talking', 'write', 'writing', 'chat', 'continue', 'carry', 'switch',
  'change', 'swap', 'move', 'answer', 'reply', 'go', 'do', 'use', 'understand', 'read', 'prefer', 'communicate',
  'parler', 'parle', 'parles', 'parlez', 'parlons', 'ecrire', 'ecris', 'ecrivez', 'ecrivons', 'continuer', 'continue',
  'continuons', 'poursuivre', 'passer', 'passe', 'passons', 'changer', 'basculer', 'repondre', 'reponds',
  'repondez', 'faire', 'utiliser', 'comprends', 'comprend', 'comprenez', 'lire', 'lis', 'prefere', 'preferons',
  'preferais', 'prefererais', 'communiquer', 'echanger',
];

/** Words after a language that say it is not the user's ("my French is bad", "mon anglais est nul"). */
export const WEAK = ['bad', 'poor', 'weak', 'rusty', 'limited', 'basic', 'mauvais', 'nul', 'limite', 'faible', 'rouille', 'moyen'];

/** Negations, after expansion ("don't" → "do not", "n'" → "ne"). */
export const NEGATIONS = ['not', 'no', 'never', 'cannot', 'ne', 'pas', 'jamais', 'plus', 'aucun'];

/** Prepositions that point at the language wanted ("switch to English", "passer en français"). */
export const TOWARDS = ['to', 'into', 'in', 'en', 'vers', 'a', 'au'];

/**
 * Every other word a request to change language may hold, in either language: pronouns,
 * auxiliaries, politeness, "possible", "version"... A message with a word outside this vocabulary
 * (besides a name) is an answer that mentions a language ("Association English Club").
 */
export const REQUEST_VOCABULARY = [
  // English
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'it', 'this', 'that', 'the', 'a', 'an', 'from', 'with',
  'for', 'of', 'on', 'at', 'does', 'did', 'can', 'could', 'would', 'will', 'shall', 'may', 'might', 'should',
  'be', 'is', 'am', 'are', 'was', 'please', 'pls', 'plz', 'thanks', 'thank', 'ok', 'okay', 'sorry', 'hi', 'hello',
  'hey', 'have', 'there', 'version', 'language', 'conversation', 'possible', 'rather', 'like', 'want', 'need',
  'only', 'just', 'also', 'well', 'very', 'good', 'fluent', 'fluently', 'instead', 'now', 'again', 'back', 'so',
  'but', 'and', 'or', 'any', 'anyone', 'someone', 'somebody', 'here', 'who', 'let', 'lets', 'really', 'much',
  'more', 'better', 'little', 'bit', 'all', 'yes', 'yeah', 'sure', 'native', 'speaker', 'mother', 'tongue',
  'question', 'questions', 'too', 'enough', 'is', 'it', 'if', 'way', 'option', 'able', 'get', 'prefer', 'd',
  // French
  'je', 'moi', 'nous', 'on', 'vous', 'tu', 'te', 'il', 'y', 'a', 'est', 'ce', 'ca', 'cela', 'que', 'qui', 'le',
  'la', 'les', 'un', 'une', 'au', 'dans', 'de', 'du', 'des', 'pour', 'avec', 'et', 'ou', 'mais', 'donc', 'alors',
  'svp', 'stp', 'se', 's', 'plait', 'merci', 'desole', 'desolee', 'bonjour', 'salut', 'bonsoir', 'peut', 'peux',
  'pouvez', 'pouvons', 'pourrait', 'pourriez', 'pourrions', 'pourrais', 'voudrais', 'veux', 'voulez', 'voudrait',
  'souhaite', 'souhaiterais', 'aimerais', 'aimerait', 'besoin', 'bien', 'tres', 'mal', 'mieux', 'bon', 'niveau',
  'langue', 'discussion', 'echange', 'uniquement', 'seulement', 'juste', 'maintenant', 'plutot', 'ici',
  "quelqu'un", 'quelqu', 'oui', 'si', 'possible', 'maternelle', 'parfaitement', 'couramment', 'suite', 'reste',
  'etre', 'vos', 'votre', 'mes', 'mon', 'ma', 'sommes', 'suis', 'es', 'sais', 'sait', 'savez', 'comment',
  'serait', 'ok', 'please', 'hello',
];

/** Words that mark a text as English and are not French words. */
export const ENGLISH_MARKERS = [
  'the', 'and', 'we', 'our', 'is', 'are', 'with', 'for', 'of', 'to', 'in', 'you', 'your', 'this', 'that', 'it',
  'have', 'has', 'be', 'was', 'were', 'will', 'would', 'can', 'i', 'my', 'me', 'want', 'need', 'like', 'what',
  'how', 'who', 'not', 'at', 'from', 'by', 'an', 'us', 'they', 'their', 'there', 'here', 'about', 'help',
  'helping', 'work', 'working', 'people', 'yes', 'please', 'thanks', 'hello', 'hi', 'do', 'does', "don't", 'am',
  'im', 'its', 'which', 'some', 'small', 'non-profit', 'nonprofit', 'charity', 'organisation', 'organization',
  'since', 'years', 'ago', 'around', 'about', 'no', 'yeah', 'agree', 'would', 'should', 'could', 'been', 'being',
];

/** Words that mark a text as French and are not English words. */
export const FRENCH_MARKERS = [
  'le', 'la', 'les', 'des', 'du', 'de', 'et', 'est', 'nous', 'vous', 'une', 'un', 'pour', 'avec', 'dans', 'sur',
  'au', 'aux', 'que', 'qui', 'ne', 'pas', 'notre', 'nos', 'votre', 'je', 'ce', 'cette', 'sont', 'sommes', 'avons',
  'faire', 'plus', 'tres', 'mais', 'ou', 'oui', 'merci', 'bonjour', 'aide', 'aider', 'aidons', 'depuis',
  'ans', 'environ', 'personnes', 'benevoles', 'salaries', 'qu', 'c', 'j', 'l', 'd', 'n', 'il', 'elle', 'y',
  'en', 'ai', 'avez', 'suis', 'fait', 'ca', 'leur', 'leurs',
];
