import type { WebChat } from './chat';

/** What an association answers after the legal form, to the end (nothing that depends on today's date). */
export const REST_OF_JOURNEY: readonly (readonly [expect: string, action: { click: string } | { type: string } | { card: string }])[] = [
  ['numéro officiel', { type: 'W751234567' }],
  ['code postal et la ville de votre structure', { type: '69003 Lyon' }],
  ['En quelle année', { type: 'depuis 2010' }],
  ['Combien de salariés', { type: 'deux' }],
  ['combien de bénévoles', { type: 'une trentaine' }],
  ['budget annuel approximatif', { type: '120 k€' }],
  ['Pour quelles causes', { type: 'bien manger, bien vieillir' }],
  ['Avez-vous un site web', { click: 'Passer' }],
  ['situation financière aujourd', { click: 'Stable' }],
  ['Combien de personnes de votre structure', { type: 'nous sommes trois' }],
  ['Décrivez en quelques phrases', { type: 'Nous voulons mieux communiquer sur les réseaux sociaux pour faire connaître nos ateliers.' }],
  ['je vous propose', { click: 'Oui' }],
  ['déjà essayé', { type: "rien pour l'instant" }],
  ['coup de pouce ponctuel', { click: 'Ponctuel' }],
  ['Avez-vous une échéance', { type: "pas d'échéance" }],
  ['Quel est votre nom', { type: 'Camille Martin' }],
  ['adresse e-mail', { type: 'camille@atelier-velo.fr' }],
  ['numéro de téléphone', { type: '06 12 34 56 78' }],
  ['le nom de votre structure figure dans l', { click: 'Non' }],
  ['Tout est correct', { card: 'Confirmer' }],
];

/** Plays the steps: waits for each question, then answers it. */
export async function play(chat: WebChat, steps: typeof REST_OF_JOURNEY): Promise<void> {
  for (const [expect, action] of steps) {
    await chat.sees(expect);
    if ('type' in action) await chat.says(action.type);
    else if ('click' in action) await chat.clicks(action.click);
    else await chat.confirmsCard(expect, action.card);
  }
}
