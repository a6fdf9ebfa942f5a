/**
 * "None of these" to a multiple choice, in both languages (issue 10, "Answers the journey must
 * take"): never a loop, the caller offers "Autre". The flow's own `none` words are the caller's.
 */
import { isNoneAnswer } from '../../src/answers';

test.each([
  'aucune',
  'Aucun',
  'aucune.',
  'rien de tout ça',
  'Rien de tout cela !',
  'none of these',
  'None',
  'none of the above',
  'pas concerné',
  'Pas concernée',
  'non concernés',
  'nous ne sommes pas concernés',
  'ça ne nous concerne pas',
  'not applicable',
  'N/A',
  'nothing like that',
  'nothing',
  'neither',
  'euh aucune',
  'non, aucune',
  'aucune pour l’instant',
  'honnêtement, rien de tout ça',
  'none of these, sorry',
  'aucune de ces causes',
  'aucun de ces domaines',
  'aucune des propositions',
  'aucune cause en particulier',
  'none of your categories',
  'no cause in particular',
  'rien ne correspond',
  'sans objet',
  "doesn't apply",
  'ni l’un ni l’autre',
])('%j is "none of these"', (text) => {
  expect(isNoneAnswer(text)).toBe(true);
});

test.each([
  'aucune idée',
  "je ne sais pas",
  'Culture',
  'autre',
  'other',
  'non',
  'no',
  'aucun salarié mais 3 bénévoles',
  'la culture, rien d’autre',
  'none of them are about sport but we do culture',
  'pas concerné par le sport mais par la culture',
  '',
])('%j is not', (text) => {
  expect(isNoneAnswer(text)).toBe(false);
});

test.each([undefined, null, 42, 'aucune '.repeat(40)] as unknown as string[])('bad input %p is not', (input) => {
  expect(isNoneAnswer(input)).toBe(false);
});
