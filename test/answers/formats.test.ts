/** Yes/no, postcode, legal identifiers, contact details and free text beyond the shared table. */
import {
  isValidSiren,
  parseEmail,
  parsePhone,
  parsePostcode,
  parseStructureId,
  parseText,
  parseUrl,
  parseYesNo,
  type ParseContext,
} from '../../src/answers';

const ctx: ParseContext = { locale: 'fr', now: new Date('2026-11-23T12:00:00Z') };

describe('parseYesNo', () => {
  test.each([
    ['Oui !', true],
    ['oui, merci', true],
    ['ok merci beaucoup', true],
    ['Avec plaisir', true],
    ['👍', true],
    ['non, on n’a pas de site', false],
    ['Absolument pas', false],
    ['no thanks', false],
    ['👎🏽', false],
  ])('%j → %s', (input, expected) => {
    expect(parseYesNo(input, ctx)).toEqual({ status: 'value', value: expected, approx: false, echo: false });
  });

  test.each(['peut-être', 'oui et non', 'bof', ''])('%j is not a yes or a no', (input) => {
    expect(parseYesNo(input, ctx).status).toBe('invalid');
  });

  test.each([
    // Hesitation or filler around the answer.
    ['euh oui', true],
    ['bah oui', true],
    ['ben oui', true],
    ['oui euh', true],
    ['bon ben oui', true],
    ['ben non', false],
    ['bah non', false],
    ['euh non', false],
    ['euh non merci', false],
    ['euh oui, c’est ça', true],
    ["ben non on n'a pas de site", false],
    ["eh bien oui c'est ça on a un site", true],
    // Belief markers.
    ['je pense que oui', true],
    ['je crois que oui', true],
    ['je pense que non', false],
    ['je crois que non', false],
    ['plutôt oui', true],
    ['plutôt non', false],
    // Everyday approvals.
    ['ça me va', true],
    ['ok pour moi', true],
    ["ok c'est bon", true],
    ["c'est tout bon", true],
    ['tout est correct', true],
    ["c'est parfait", true],
    ['nickel', true],
    ['impeccable', true],
    ['yes ok', true],
    ['ok super merci', true],
    ['I think so', true],
    ['well no', false],
    // Still no.
    ['pas vraiment', false],
    ['je ne pense pas', false],
    ['non merci ça ira', false],
  ])('%j → %s', (input, expected) => {
    expect(parseYesNo(input, ctx)).toEqual({ status: 'value', value: expected, approx: false, echo: false });
  });

  test.each([
    'oui mais non',
    'ok non',
    'oui, mais non',
    'oui non',
    'non, enfin oui',
    'oui, mais pas maintenant',
    'ça me va pas',
    'euh',
    'je pense que',
    'plutôt',
  ])('a yes taken back or never said is not a yes: %j', (input) => {
    expect(parseYesNo(input, ctx)).toEqual({ status: 'invalid', problem: 'not_understood' });
  });
});

describe('parsePostcode', () => {
  test.each([
    ['75 011', { postcode: '75011' }],
    ['92130, Issy-les-Moulineaux', { postcode: '92130', town: 'Issy-les-Moulineaux' }],
    ['Issy-les-Moulineaux 92130', { postcode: '92130', town: 'Issy-les-Moulineaux' }],
    ["c'est 75011", { postcode: '75011' }],
    ['Code postal 75011', { postcode: '75011' }],
  ])('%j', (input, expected) => {
    expect(parsePostcode(input, ctx)).toMatchObject({ status: 'value', value: expected });
  });

  test.each([
    ['750112', 'format'],
    ['00100', 'format'],
    ['99000', 'format'],
    ['75011 ou 75012', 'ambiguous'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parsePostcode(input, ctx)).toEqual({ status: 'invalid', problem });
  });
});

describe('parseStructureId', () => {
  test('isValidSiren', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('443061841')).toBe(true);
    expect(isValidSiren('123456789')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('73282932a')).toBe(false);
  });

  test.each([
    ['notre RNA est W751234567', { type: 'RNA', value: 'W751234567' }],
    ['SIREN : 732.829.320', { type: 'SIREN', value: '732829320' }],
    ['732 829 320 00074', { type: 'SIREN', value: '732829320' }], // a SIRET gives its SIREN
  ])('%j', (input, expected) => {
    expect(parseStructureId(input, ctx)).toMatchObject({ status: 'value', value: expected });
  });

  test.each(['je ne sais pas', 'aucun', 'pas de numéro', "I don't have it"])('%j → none', (input) => {
    expect(parseStructureId(input, ctx)).toEqual({ status: 'none' });
  });

  test.each([
    ['W7512345678', 'format'],
    ['12345678', 'format'],
    ['732829321', 'luhn'],
    ['bonjour', 'format'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parseStructureId(input, ctx)).toEqual({ status: 'invalid', problem });
  });
});

describe('parseEmail', () => {
  test.each([
    ["c'est contact@x.fr", 'contact@x.fr'],
    ['mailto:Presidente.Asso@Exemple.org.', 'presidente.asso@exemple.org'],
    ['<contact+bot@asso.fr>', 'contact+bot@asso.fr'],
  ])('%j → %s', (input, expected) => {
    expect(parseEmail(input, ctx)).toMatchObject({ status: 'value', value: expected });
  });

  test.each([
    ['contact@asso', 'format'],
    ['contact@@asso.fr', 'format'],
    ['contact@-asso.fr', 'format'],
    ['a@x.fr ou b@x.fr', 'ambiguous'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parseEmail(input, ctx)).toEqual({ status: 'invalid', problem });
  });
});

describe('parsePhone', () => {
  test.each([
    ['06-12-34-56-78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['mon numéro : 01 23 45 67 89', '+33123456789'],
    ['0692 12 34 56', '+262692123456'], // La Réunion has its own country code
    ['+32 2 123 45 67', '+3221234567'],
  ])('%j → %s', (input, expected) => {
    expect(parsePhone(input, ctx)).toMatchObject({ status: 'value', value: expected });
  });

  test.each([
    ['06 12 34 56', 'format'],
    ['00 12 34 56 78', 'format'],
    ['06 12 34 56 78 ou 07 12 34 56 78', 'ambiguous'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parsePhone(input, ctx)).toEqual({ status: 'invalid', problem });
  });
});

describe('parseUrl', () => {
  test.each([
    ['asso.fr', 'https://asso.fr'],
    ['www.asso.fr', 'https://www.asso.fr'],
    ['https://asso.fr/x', 'https://asso.fr/x'],
    ['http://Asso.FR/Page?id=1', 'http://asso.fr/Page?id=1'],
    ['notre site : www.mon-asso.org.', 'https://www.mon-asso.org'],
    ['facebook.com/monasso', 'https://facebook.com/monasso'],
  ])('%j → %s', (input, expected) => {
    expect(parseUrl(input, ctx)).toMatchObject({ status: 'value', value: expected });
  });

  test.each(['pas de site', "on n'a pas de site", 'Non', 'no website'])('%j → none', (input) => {
    expect(parseUrl(input, ctx)).toEqual({ status: 'none' });
  });

  test.each(['asso', "j'ai fini.Merci", 'contact@asso.fr'])('%j → invalid', (input) => {
    expect(parseUrl(input, ctx).status).toBe('invalid');
  });
});

describe('parseText', () => {
  test('trims, collapses whitespace and strips control characters', () => {
    const result = parseText('  Nous   aidons\n\tles\u0007 jeunes\u200B  ', ctx);
    expect(result).toMatchObject({ value: 'Nous aidons les jeunes' });
  });

  test('keeps emoji and right-to-left text', () => {
    expect(parseText('مرحبا 👩🏽‍💻', ctx)).toMatchObject({ value: 'مرحبا 👩🏽‍💻' });
  });

  test('2,000 characters at most', () => {
    expect(parseText('é'.repeat(2000), ctx).status).toBe('value');
    expect(parseText('é'.repeat(2001), ctx)).toEqual({ status: 'invalid', problem: 'too_long' });
    expect(parseText(`${'a'.repeat(1999)}${'   '.repeat(1000)}b`, ctx)).toMatchObject({ status: 'invalid' });
  });

  test('blank is empty', () => {
    expect(parseText(' \n\t\u0000 ', ctx)).toEqual({ status: 'invalid', problem: 'empty' });
  });
});
