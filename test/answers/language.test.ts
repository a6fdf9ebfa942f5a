/**
 * Language requests in the user's own phrasing, and first answers plainly written in English
 * (issue 10, "Language").
 */
import { languageRequest, looksEnglish } from '../../src/answers';

describe('languageRequest: a request to continue in a language, in either language', () => {
  test.each([
    ['could we do this in English?', 'en'],
    ["I don't speak French", 'en'],
    ['do you speak English', 'en'],
    ['english please', 'en'],
    ['English', 'en'],
    ['In English, please.', 'en'],
    ['Hi, do you speak English?', 'en'],
    ["Hi, I'm Emma, do you speak English?", 'en'],
    ['Sorry, I only speak English', 'en'],
    ["Sorry I don't understand French", 'en'],
    ['Is there an English version?', 'en'],
    ['can I answer in English?', 'en'],
    ['my French is not very good', 'en'],
    ["I don't speak French, can we speak English?", 'en'],
    ['vous parlez anglais ?', 'en'],
    ['Parlez-vous anglais ?', 'en'],
    ['on peut continuer en anglais ?', 'en'],
    ['est-ce possible de passer en anglais svp', 'en'],
    ['en anglais svp', 'en'],
    ['not in French please', 'en'],
    ['en français svp', 'fr'],
    ['can we switch to French', 'fr'],
    ['je ne parle pas anglais', 'fr'],
    ["je ne comprends pas l'anglais", 'fr'],
    ['Français', 'fr'],
    ['on peut parler français ?', 'fr'],
    ['Je préfère continuer en français', 'fr'],
    ['I would rather continue in French', 'fr'],
    ["I don't speak English", 'fr'],
    ['pas en anglais svp', 'fr'],
    ['can we switch from French to English?', 'en'],
    ['passer du français à l’anglais', 'en'],
  ])('%j → %s', (text, locale) => {
    expect(languageRequest(text)).toBe(locale);
  });

  test.each([
    'Association English Club',
    'cours de français pour migrants',
    'We teach English to refugees',
    'nous donnons des cours d’anglais aux familles',
    'nous travaillons en anglais avec nos partenaires',
    'On parle anglais avec nos bénévoles',
    'Alliance Française de Lyon',
    'English Club',
    'English or French?',
    'Les Amis du Théâtre Français',
    'Nous parlons français, anglais et arabe avec les familles',
    'oui',
    'bonjour',
    '',
  ])('%j → nothing', (text) => {
    expect(languageRequest(text)).toBeUndefined();
  });

  test.each([undefined, null, 42, 'english '.repeat(60)] as unknown as string[])('bad input %p → nothing', (input) => {
    expect(languageRequest(input)).toBeUndefined();
  });
});

describe('looksEnglish: a first answer plainly written in English', () => {
  test.each([
    'We are a small charity helping refugees',
    'Yes I agree',
    'Hello, we need help with our website',
    'We run cooking workshops for people in need',
    'I would like to get some help for our association',
    'Our organisation supports young people who left school',
  ])('%j → yes', (text) => {
    expect(looksEnglish(text)).toBe(true);
  });

  test.each([
    'OK',
    'Atelier Vélo',
    'Marseille',
    'Green Kitchen Lyon',
    'The Green Kitchen',
    'The Sharing Kitchen and Co',
    'Emma Wilson',
    'yes please',
    'Nous sommes une petite association',
    'on a besoin d’aide pour notre site',
    'association loi 1901',
    'Les Jardins Partagés',
    'Association English Club',
    'oui je suis d accord',
    '',
  ])('%j → no', (text) => {
    expect(looksEnglish(text)).toBe(false);
  });
});
