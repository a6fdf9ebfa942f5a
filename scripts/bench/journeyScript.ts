/**
 * One whole journey as a user types it, card-free: test/conversations/booster-ongoing-strategy.yaml
 * (a stable association wanting six months of help: summary, confirmation, Probono Booster), with
 * a few answers written the way people do in words, so that every Recognizers-Text model the
 * journey relies on is reached: counts in words (number model), an amount in words (currency
 * model), a relative deadline (date-time model), a typographic apostrophe (UTF-16 text).
 * `expect` is a piece of the bot's replies to that turn: a bench that drifted off the journey
 * would measure something else, so it says so.
 */
export interface JourneyStep {
  text: string;
  expect: string;
}

export const JOURNEY: readonly JourneyStep[] = [
  { text: 'Bonjour', expect: 'Acceptez-vous que je conserve vos réponses' },
  { text: 'oui bien sur', expect: 'Quel est son nom' },
  { text: 'Solidarité Seniors 93', expect: 'forme juridique' },
  { text: 'association loi 1901', expect: 'numéro officiel' },
  { text: 'W931002345', expect: 'code postal' },
  { text: '93100 Montreuil', expect: 'En quelle année' },
  { text: 'en 2015', expect: 'Combien de salariés' },
  { text: 'quatre', expect: 'combien de bénévoles' },
  { text: 'vingt-cinq', expect: 'budget annuel' },
  { text: 'environ deux cent vingt mille euros', expect: '220 000 €' },
  { text: 'emploi des seniors', expect: 'site web' },
  { text: 'passer', expect: 'situation financière' },
  { text: 'stable', expect: 'Combien de personnes' },
  { text: 'nous sommes trois', expect: 'Décrivez' },
  {
    text: "On voudrait revoir notre projet associatif et notre modele economique pour changer d'echelle, on ne sait pas par ou commencer.",
    expect: 'Stratégie et modèle économique',
  },
  { text: 'oui', expect: 'déjà essayé' },
  { text: "on a fait un seminaire avec le CA l'an dernier mais sans suite", expect: 'accompagnement dans la durée' },
  { text: 'plutot un accompagnement dans la duree', expect: 'échéance' },
  { text: 'vendredi prochain', expect: 'votre nom' },
  { text: 'Nadia Benali', expect: 'adresse e-mail' },
  { text: 'n.benali@solidarite-seniors93.org', expect: 'téléphone' },
  { text: '07 81 22 33 44', expect: 'Dernière question' },
  { text: 'non', expect: 'récapitulatif' },
  { text: 'c’est bon', expect: 'Probono Booster' },
];

/**
 * A conversation that is over in two turns (test/conversations/consent-refused.yaml): the person
 * declines to have their answers kept and is told nothing was recorded. Played by the thousand to
 * see whether memory grows with conversations that are finished (it should not).
 */
export const FINISHED: readonly JourneyStep[] = [
  { text: 'Bonjour', expect: 'Acceptez-vous que je conserve vos réponses' },
  { text: 'non merci', expect: "je n'ai rien enregistré" },
];

/** Case, accents, apostrophes and spacing do not matter when checking a reply. */
export function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .toLowerCase()
    .trim();
}
