/**
 * Count, amount, year and deadline answers beyond the shared table: the approximations, ranges
 * and refusals the flow keys its re-prompts on.
 */
import {
  parseAmount,
  parseCount,
  parseDeadline,
  parseYear,
  type ParseContext,
} from '../../src/answers';

const fr: ParseContext = { locale: 'fr', now: new Date('2026-11-23T12:00:00Z') };
const en: ParseContext = { ...fr, locale: 'en' };


describe('parseCount', () => {
  test.each([
    ['Deux', 2, false],
    ['1 500 adhérents', 1500, false],
    ['vingt et un', 21, false],
    ['quatre-vingt-dix', 90, false],
    ['entre 10 et 15', 10, true],
    ['2 ou 3', 2, true],
    ['2,5 ETP', 3, true],
    ['~30', 30, true],
    ['200+', 200, true],
    ['env. 40', 40, true],
    ['des dizaines', 20, true],
    ['un millier', 1000, true],
    ['Aucun salarié', 0, false],
    ['pas un seul', 0, false],
    ['Moi', 1, false],
  ])('%j → %d (approx %s)', (input, expected, approx) => {
    expect(parseCount(input, fr)).toMatchObject({ status: 'value', value: expected, approx });
  });

  test('digits are not echoed, words are', () => {
    expect(parseCount('12', fr)).toMatchObject({ echo: false });
    expect(parseCount('douze', fr)).toMatchObject({ value: 12, echo: true });
  });

  test.each([
    ['3 bénévoles et 2 salariés', 'ambiguous'],
    ['quelques-uns', 'not_understood'],
    ['je ne sais pas', 'unknown'],
    ['-5', 'negative'],
    ['', 'empty'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parseCount(input, fr)).toEqual({ status: 'invalid', problem });
  });

  test.each([
    ['between 5 and 10', 5, true],
    ['Twelve', 12, false],
    ['nobody', 0, false],
    ['hundreds', 200, true],
  ])('English %j → %d', (input, expected, approx) => {
    expect(parseCount(input, en)).toMatchObject({ status: 'value', value: expected, approx });
  });

  describe('people counted by naming them', () => {
    test.each([
      ['la présidente et moi', 2],
      ['moi et ma collègue', 2],
      ['le trésorier, la présidente et moi', 3],
      ['mon collègue et moi', 2],
      ['moi seule', 1],
      ['moi seul', 1],
      ['ma collègue et moi-même', 2],
      ['la chargée de mission et moi', 2],
      ['ma collègue Julie et moi', 2],
      ['Julie, Marc et moi', 3],
      ['moi et deux collègues', 3],
      ['la présidente', 1],
    ])('%j → %d', (input, expected) => {
      expect(parseCount(input, fr)).toEqual({ status: 'value', value: expected, approx: false, echo: true });
    });

    test.each([
      ['me and my colleague', 2],
      ['my colleague and I', 2],
      ['the treasurer, the president and me', 3],
    ])('English %j → %d', (input, expected) => {
      expect(parseCount(input, en)).toMatchObject({ status: 'value', value: expected, approx: false });
    });

    test.each([
      ['Julie et Marc', 'not_understood'], // names alone could be anything
      ['moi et les bénévoles', 'not_understood'], // a group without a number
      ['le matin et le soir', 'not_understood'],
    ])('%j → invalid %s', (input, problem) => {
      expect(parseCount(input, fr)).toEqual({ status: 'invalid', problem });
    });

    test('numbers and ranges are still read as such', () => {
      expect(parseCount('3 bénévoles et 2 salariés', fr)).toEqual({ status: 'invalid', problem: 'ambiguous' });
      expect(parseCount('entre 10 et 15', fr)).toMatchObject({ value: 10, approx: true });
      expect(parseCount('3 bénévoles', fr)).toMatchObject({ status: 'value', value: 3 }); // not "3 b(illion)"
    });
  });
});

describe('parseAmount', () => {
  test.each([
    ['5.000 €', 5000, false],
    ['5000,50 €', 5000.5, false],
    ['3 500 € HT', 3500, false],
    ['50 000 € par an', 50000, false],
    ['50\u202F000\u00A0€', 50000, false], // narrow no-break and no-break spaces
    ['cinq mille euros', 5000, false],
    ['Deux cent mille', 200000, false],
    ['1 milliard', 1e9, false],
    ['entre 10 000 et 20 000 €', 10000, true],
    ['pas plus de 5000 €', 5000, true],
    ['Rien', 0, false],
    ['zéro euro', 0, false],
  ])('%j → %d', (input, expected, approx) => {
    expect(parseAmount(input, fr)).toMatchObject({ status: 'value', value: expected, approx });
  });

  test.each([
    ['5000 dollars', 'currency'],
    ['-500 €', 'negative'],
    ['aucune idée', 'unknown'],
    ['10 000 000 000 000 €', 'implausible'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parseAmount(input, fr)).toEqual({ status: 'invalid', problem });
  });

  test('English', () => {
    expect(parseAmount('about 20,000 euros', en)).toMatchObject({ value: 20000, approx: true });
    expect(parseAmount('1.5M€', en)).toMatchObject({ value: 1500000 });
    expect(parseAmount("I don't know", en)).toEqual({ status: 'invalid', problem: 'unknown' });
  });

  describe('an article is not one euro', () => {
    test.each(['oui on a un petit budget', 'on a un budget', 'une petite enveloppe', 'un budget limité', 'une enveloppe'])(
      '%j → invalid unknown (a budget, but no amount)',
      (input) => {
        expect(parseAmount(input, fr)).toEqual({ status: 'invalid', problem: 'unknown' });
      },
    );

    test('English', () => {
      expect(parseAmount('we have a small budget', en)).toEqual({ status: 'invalid', problem: 'unknown' });
      expect(parseAmount('one euro', en)).toMatchObject({ status: 'value', value: 1 });
    });

    test.each([
      ['1 €', 1, false],
      ['un euro', 1, false],
      ['un budget de 2000 euros', 2000, false],
      ['un petit budget, environ 3000 €', 3000, true],
      ["un millier d'euros", 1000, true],
      ["quelques milliers d'euros", 2000, true],
      ['plusieurs milliers', 2000, true],
      ["une dizaine de milliers d'euros", 10000, true],
      ["quelques dizaines de milliers d'euros", 20000, true],
      ["une centaine d'euros", 100, true],
      ["quelques millions d'euros", 2000000, true],
    ])('%j → %d', (input, expected, approx) => {
      expect(parseAmount(input, fr)).toMatchObject({ status: 'value', value: expected, approx });
    });

    test('"pas un centime" is nothing', () => {
      expect(parseAmount('pas un centime', fr)).toMatchObject({ status: 'value', value: 0 });
    });
  });

  describe('a range whose unit is written once, on its high end', () => {
    test.each([
      ['entre 100 et 150k€', 100000],
      ['5 à 10k€', 5000],
      ['100-150k', 100000],
      ['de 5 à 10 000 euros', 5000],
      ['entre 100k et 150k', 100000],
      ['environ 5 à 10k€', 5000],
      ['entre 1,5 et 2 M€', 1500000],
      ['entre cinq et dix mille euros', 5000],
      ["deux à trois millions d'euros", 2000000],
      ['entre 10 et 1000 €', 10], // a plausible range as written
      ['entre 500 € et 1 M€', 500], // the low end has its own unit
    ])('%j → %d (approx)', (input, expected) => {
      expect(parseAmount(input, fr)).toEqual({ status: 'value', value: expected, approx: true, echo: true });
    });

    test('English', () => {
      expect(parseAmount('between 5 and 10k', en)).toMatchObject({ value: 5000, approx: true });
      expect(parseAmount('a few thousand euros', en)).toMatchObject({ value: 2000, approx: true });
      expect(parseAmount('tens of thousands', en)).toMatchObject({ value: 20000, approx: true });
    });
  });
});

describe('parseYear', () => {
  test.each([
    ['Créée en 1998', 1998, false, false],
    ['il y a 6 mois', 2026, false, true],
    ["ça fait une dizaine d'années", 2016, true, true],
    ['depuis trois ans', 2023, false, true],
    ["L'année dernière", 2025, false, true],
    ['il y a plus de 20 ans', 2006, true, true],
    ['deux mille quatre', 2004, false, true],
  ])('%j → %d', (input, expected, approx, echo) => {
    expect(parseYear(input, fr)).toEqual({ status: 'value', value: expected, approx, echo });
  });

  test.each([
    ['créée en 1998, refondée en 2005', 'ambiguous'],
    ['2027', 'future'],
    ['il y a 300 ans', 'implausible'],
    ['je ne sais plus', 'unknown'],
    ['bientôt', 'not_understood'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parseYear(input, fr)).toEqual({ status: 'invalid', problem });
  });

  test.each([
    ['a year ago', 2025],
    ['for five years', 2021],
    ['last year', 2025],
  ])('English %j → %d', (input, expected) => {
    expect(parseYear(input, en)).toMatchObject({ status: 'value', value: expected, echo: true });
  });
});

describe('parseDeadline', () => {
  const day = (value: string) => ({ status: 'value', value: { value, precision: 'day' } });
  const month = (value: string) => ({ status: 'value', value: { value, precision: 'month' } });

  test.each([
    ['15/01/2027', day('2027-01-15')],
    ['15/01', day('2027-01-15')],
    ['le 1er mars', day('2027-03-01')],
    ['le 10 novembre', day('2027-11-10')], // already past this year
    ['2027-03-15', day('2027-03-15')],
    ["d'ici 2 semaines", day('2026-12-07')],
    ['dans une quinzaine de jours', day('2026-12-08')],
    ['demain', day('2026-11-24')],
    ['la semaine prochaine', day('2026-12-06')], // the last day of next week
    ['Fin novembre', month('2026-11')], // the current month is still open
    ['novembre prochain', month('2027-11')],
    ['dans un an', month('2027-11')],
    ['fin 2027', month('2027-12')],
    ['début 2027', month('2027-01')],
    ['avant 2028', month('2027-12')],
    ["d'ici la fin de l'année", month('2026-12')],
    ['à la rentrée', month('2027-09')],
  ])('%j', (input, expected) => {
    expect(parseDeadline(input, fr)).toMatchObject(expected);
  });

  test('a bare year is read as its last month, approximately', () => {
    expect(parseDeadline('en 2027', fr)).toMatchObject({ value: { value: '2027-12' }, approx: true, echo: true });
  });

  test('a full date is not echoed, an inferred year is', () => {
    expect(parseDeadline('le 15 janvier 2027', fr)).toMatchObject({ echo: false });
    expect(parseDeadline('le 15 janvier', fr)).toMatchObject({ value: { value: '2027-01-15' }, echo: true });
  });

  test.each([
    ['le 10 novembre 2026', 'past'],
    ['juin 2026', 'past'],
    ['le 31 février', 'invalid_date'],
    ['mars ou avril', 'ambiguous'],
    ['dans quelques mois', 'ambiguous'],
    ['dès que possible', 'asap'],
    ['aucune idée', 'unknown'],
    ['en 2060', 'implausible'],
  ])('%j → invalid %s', (input, problem) => {
    expect(parseDeadline(input, fr)).toEqual({ status: 'invalid', problem });
  });

  test.each(['pas urgent', 'Non', 'pas de date précise', 'aucune échéance'])('%j → none', (input) => {
    expect(parseDeadline(input, fr)).toEqual({ status: 'none' });
  });

  test.each([
    ['March 15, 2027', day('2027-03-15')],
    ['the 15th of March', day('2027-03-15')],
    ['in two weeks', day('2026-12-07')],
    ['by the end of March', month('2027-03')],
    ['we may need it by June', month('2027-06')],
    ['next Friday', day('2026-12-04')],
  ])('English %j', (input, expected) => {
    expect(parseDeadline(input, en)).toMatchObject(expected);
  });

  test.each(['dès que possible', 'au plus vite', 'asap', 'urgent', "c'est urgent", 'le plus tôt possible'])(
    '%j → invalid asap',
    (input) => {
      expect(parseDeadline(input, fr)).toEqual({ status: 'invalid', problem: 'asap' });
    },
  );

  describe('seasons (meteorological): their last month, or the month before them with "avant", the season not over (as of 23 November 2026)', () => {
    test.each([
      ["avant l'été", '2027-05'],
      ["pour l'été", '2027-05'],
      ["d'ici l'été", '2027-05'],
      ["avant le début de l'été", '2027-05'],
      ["l'été prochain", '2027-08'],
      ['en été', '2027-08'],
      ['cet été', '2027-08'],
      ["avant l'été 2027", '2027-05'],
      ['été 2027', '2027-08'],
      ['au printemps', '2027-05'],
      ['avant le printemps', '2027-02'],
      ['début du printemps', '2027-03'],
      ['mi-printemps', '2027-04'],
      ['à la fin du printemps', '2027-05'],
      ["à l'automne", '2026-11'], // autumn 2026 is not over
      ['cet automne', '2026-11'],
      ["l'automne prochain", '2027-11'], // while in autumn, "prochain" is the next one
      ['cet hiver', '2027-02'],
      ['en hiver', '2027-02'],
      ["d'ici l'hiver", '2026-11'],
      ["avant l'hiver", '2026-11'],
      ["à la fin de l'hiver", '2027-02'],
      ["d'ici la fin de l'été", '2027-08'],
    ])('%j → %s', (input, expected) => {
      expect(parseDeadline(input, fr)).toEqual({
        status: 'value',
        value: { value: expected, precision: 'month' },
        approx: false,
        echo: true,
      });
    });

    test('"été" as a past participle is not a season', () => {
      expect(parseDeadline('ça a été décidé', fr)).toEqual({ status: 'invalid', problem: 'not_understood' });
    });

    test.each([
      ['by summer', '2027-05'],
      ['before the summer', '2027-05'],
      ['in summer', '2027-08'],
      ['in the spring', '2027-05'],
      ['this winter', '2027-02'],
      ['before winter', '2026-11'],
      ['by the fall', '2027-08'], // autumn 2026 has started: the next one
      ['end of spring 2027', '2027-05'],
    ])('English %j → %s', (input, expected) => {
      expect(parseDeadline(input, en)).toMatchObject(month(expected));
    });
  });

  describe('periods relative to now', () => {
    test.each([
      ['le mois prochain', month('2026-12')], // not the current month, as the French model reads it
      ["d'ici le mois prochain", month('2026-12')],
      ['fin du mois prochain', month('2026-12')],
      ['début du mois prochain', month('2026-12')],
      ['ce mois-ci', month('2026-11')],
      ["d'ici la fin du mois", month('2026-11')],
      ['semaine prochaine', day('2026-12-06')],
      ['début de la semaine prochaine', day('2026-11-30')], // its Monday
      ['cette semaine', day('2026-11-29')],
      ["l'année prochaine", month('2027-12')],
    ])('%j', (input, expected) => {
      expect(parseDeadline(input, fr)).toMatchObject({ ...expected, echo: true });
    });

    test('"le mois prochain" is exact, "l\'année prochaine" approximate', () => {
      expect(parseDeadline('le mois prochain', fr)).toMatchObject({ approx: false });
      expect(parseDeadline("l'année prochaine", fr)).toMatchObject({ approx: true });
    });

    test.each([
      ['next month', month('2026-12')],
      ['by next month', month('2026-12')],
      ['next week', day('2026-12-06')],
    ])('English %j', (input, expected) => {
      expect(parseDeadline(input, en)).toMatchObject(expected);
    });
  });

  test('"today" follows the Paris calendar, not UTC', () => {
    const lateEvening = { ...fr, now: new Date('2026-11-23T23:30:00Z') }; // already the 24th in Paris
    expect(parseDeadline("aujourd'hui", lateEvening)).toMatchObject(day('2026-11-24'));
  });
});

describe('French phrasings our readers do not know are asked again, never read wrongly (no model reads French)', () => {
  const notUnderstood = { status: 'invalid', problem: 'not_understood' };

  test.each(['trois quarts', 'deux virgule cinq', 'un tiers temps', '10 %'])('a count %j: not the number it starts with', (input) => {
    expect(parseCount(input, fr)).toEqual(notUnderstood);
  });

  test("an amount in words with a decimal: not « deux millions »", () => {
    expect(parseAmount("deux virgule cinq millions d'euros", fr)).toEqual(notUnderstood);
  });

  test.each(['pour Pâques', 'avant Noël'])('a deadline %j: not a guessed day', (input) => {
    expect(parseDeadline(input, fr)).toEqual(notUnderstood);
  });
});
