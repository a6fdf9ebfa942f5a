import type { Lexicon } from './types';

export const fr: Lexicon = {
  months: [
    ['janvier', 'janv', 'jan'],
    ['fevrier', 'fevr', 'fev'],
    ['mars'],
    ['avril', 'avr'],
    ['mai'],
    ['juin'],
    ['juillet', 'juil'],
    ['aout'],
    ['septembre'], // not "sept", the number seven
    ['octobre', 'oct'],
    ['novembre', 'nov'],
    ['decembre', 'dec'],
  ],
  yes: [
    'oui', 'ouais', 'ouaip', 'ouep', 'oui oui', 'si', 'bien sur', 'bien entendu', 'tout a fait', 'absolument',
    "d'accord", "d'acc", 'dac', 'ok', 'okay', 'oki', 'carrement', 'volontiers', 'je veux bien', 'avec plaisir',
    'exactement', "c'est ca", "c'est bon", 'evidemment', 'certainement', 'en effet', 'effectivement', 'parfait',
    'vas-y', 'allez-y', 'allons-y', 'ca marche', 'pourquoi pas', 'affirmatif', 'oui bien sur',
    'oui volontiers', 'oui tout a fait', 'oui absolument', 'avec grand plaisir',
  ],
  no: [
    'non', 'nan', 'non non', 'pas du tout', 'pas vraiment', 'je ne pense pas', 'je pense pas', 'je ne crois pas',
    'je crois pas', 'absolument pas', 'surtout pas', 'jamais', 'pas question', 'hors de question',
    "pas pour l'instant", 'pas maintenant', 'pas encore', 'aucunement', 'negatif', 'niet', 'certainement pas',
    'pas forcement', 'pas specialement', 'pas particulierement', 'non pas vraiment', 'non pas du tout',
    'ca ira', 'ca va aller', 'sans facon', 'je ne veux pas', 'je veux pas',
  ],
  courtesy: [
    'merci', 'merci beaucoup', 'merci bien', 'svp', 'stp', "s'il vous plait", "s'il te plait",
  ],
  nobody: [
    'aucun', 'aucune', 'personne', 'zero', 'nul', 'nulle', 'pas un', 'pas une', 'pas de', "pas d'", 'rien',
    "il n'y a personne", "il n'y en a pas", "on n'en a pas", "nous n'en avons pas", "on n'a pas de",
    "nous n'avons pas de", "on n'a aucun", "nous n'avons aucun", 'pas encore', "pas pour l'instant",
  ],
  justMe: [
    'moi', 'moi-meme', 'moi seul', 'moi seule', 'juste moi', 'que moi', 'seulement moi', 'uniquement moi',
    'rien que moi', "il n'y a que moi", "y a que moi", 'je suis seul', 'je suis seule', 'seul', 'seule',
    'moi uniquement', 'moi seulement', 'juste moi-meme',
  ],
  nothing: [
    'pas de', "pas d'", 'pas vraiment', 'pas particulierement', 'pas specialement', 'aucun', 'aucune', 'rien',
    'zero', 'sans', 'neant', 'nul', 'non',
    'pas encore', "on n'a pas", "on n'en a pas", "nous n'avons pas", "nous n'en avons pas", "je n'ai pas",
    "je n'en ai pas", "je ne l'ai pas", "je l'ai pas", "on ne l'a pas", "nous ne l'avons pas",
    "il n'y a pas", "il n'y en a pas", "y a pas", "n'existe pas",
  ],
  dontKnow: [
    'je ne sais pas', 'je sais pas', 'sais pas', 'ne sais pas', 'ne sait pas', 'on ne sait pas', 'on sait pas',
    'nous ne savons pas', 'aucune idee', "je n'en sais rien", "j'en sais rien", 'je ne sais plus',
    'je ne suis pas sur', 'je ne suis pas sure', 'pas sur', 'pas sure', 'nsp', 'inconnu', 'aucune idee',
    'je ne le connais pas', 'je ne la connais pas', 'je ne connais pas', 'pas defini', 'pas encore defini',
    'a definir', 'on verra', 'difficile a dire',
  ],
  asap: [
    'des que possible', 'au plus vite', 'au plus tot', 'le plus vite possible', 'le plus tot possible',
    'rapidement', 'urgent', "c'est urgent", 'urgence', 'tout de suite', 'immediatement',
  ],
  lastYear: ["l'an dernier", "l'annee derniere", "l'an passe", "l'annee passee", "l'annee precedente"],
  thisYear: ['cette annee', 'cet annee', "l'annee en cours", 'cette annee-ci', "fin d'annee", "fin de l'annee"],
  nextYear: ["l'an prochain", "l'annee prochaine", "l'annee suivante"],
  today: ["aujourd'hui", 'ce soir'],
  tomorrow: ['demain'],
  next: ['prochain', 'prochaine', 'suivant', 'suivante'],
  periodStart: ['debut', 'au debut', 'en debut'],
  periodMiddle: ['mi', 'milieu', 'au milieu', 'courant'],
  periodEnd: ['fin', 'en fin', 'a la fin'],
  before: ['avant'],
  noDeadline: [
    "pas d'echeance", 'aucune echeance', 'sans echeance', 'pas de date', 'aucune date', 'sans date',
    'pas de deadline', 'pas de delai', 'pas de limite', 'pas urgent', "pas d'urgence", 'aucune urgence',
    'pas presse', 'rien de prevu', 'quand vous voulez', 'quand vous pouvez', "pas de date butoir",
  ],
  stopwords: [
    'le', 'la', 'les', "l'", 'un', 'une', 'des', 'du', 'de', "d'", 'et', 'ou', 'en', 'au', 'aux', 'a', 'sur',
    'pour', 'par', 'avec', 'dans', 'ce', 'cet', 'cette', 'ces', "c'", 'mon', 'ma', 'mes', 'notre', 'nos',
    'votre', 'vos', 'leur', 'leurs', 'son', 'sa', 'ses', 'on', 'nous', 'je', "j'", 'il', 'elle', 'ils',
    'elles', 'y', 'qui', 'que', "qu'", 'est', 'sont', 'ai', 'avons', 'avez', 'ont', 'surtout', 'plutot',
    'aussi', 'egalement', 'tres', 'plus', 'vraiment', 'notamment', 'principalement', "n'", 'ne', 'pas',
    'mais', 'donc', 'car', 'peu',
    // Verbs of asking, so "on recherche un juriste" does not pick "Recherche de financements".
    'recherche', 'rechercher', 'recherchons', 'cherche', 'chercher', 'cherchons',
  ],
};
