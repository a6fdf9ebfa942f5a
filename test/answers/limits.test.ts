/**
 * Every parser at its limits: the last value accepted and the first refused, on both sides,
 * so that moving a bound by one (or dropping it) fails here and not only, by chance, in the fuzz.
 */
import {
  MAX_TEXT_LENGTH,
  parseAmount,
  parseCount,
  parseDeadline,
  parseEmail,
  parsePhone,
  parsePostcode,
  parseStructureId,
  parseText,
  parseUrl,
  parseYear,
  type ParseContext,
  type Parsed,
} from '../../src/answers';

/** Monday 23 November 2026, 13:00 in Paris. */
const ctx: ParseContext = { locale: 'fr', now: new Date('2026-11-23T12:00:00Z') };
const ok = <T>(value: T, echo = false): Parsed<T> => ({ status: 'value', value, approx: false, echo });
const refused = (problem: string) => ({ status: 'invalid', problem });
const repeat = (c: string, n: number) => c.repeat(n);


describe('amounts: 0 to 10 billion euros', () => {
  test.each([
    ['0 €', ok(0)],
    ['-1 €', refused('negative')],
    ['10 000 000 000 €', ok(10_000_000_000)],
    ['10000000000', ok(10_000_000_000)],
    ['10 000 000 001 €', refused('implausible')],
    ['10000000001', refused('implausible')],
    ['10 000 000 000,01 €', refused('implausible')],
    ['9 999 999 999,99 €', ok(9_999_999_999.99)],
    ['10 milliards', ok(10_000_000_000, true)],
    ['10,5 milliards', refused('implausible')],
  ])('%j', (input, expected) => {
    expect(parseAmount(input, ctx)).toEqual(expected);
  });
});

describe('counts: 0 to 10 million', () => {
  test.each([
    ['0', ok(0)],
    ['-1', refused('negative')],
    ['10 000 000', ok(10_000_000)],
    ['10000000', ok(10_000_000)],
    ['10 000 001', refused('implausible')],
    ['10000001', refused('implausible')],
    ['dix millions', ok(10_000_000, true)],
    ['dix millions un', refused('implausible')],
  ])('%j', (input, expected) => {
    expect(parseCount(input, ctx)).toEqual(expected);
  });
});

describe('years of creation: 1800 to this year, in Paris', () => {
  test.each([
    ['1800', ok(1800)],
    ['1799', refused('implausible')],
    ['depuis 1799', refused('implausible')],
    ['2026', ok(2026)],
    ['2027', refused('future')],
  ])('%j', (input, expected) => {
    expect(parseYear(input, ctx)).toEqual(expected);
  });

  test('at 00:30 on 1 January in Paris (still 31 December in UTC), the new year is this year', () => {
    const newYear = { locale: 'fr' as const, now: new Date('2026-12-31T23:30:00Z') };
    expect(parseYear('2027', newYear)).toEqual(ok(2027));
    expect(parseYear('2028', newYear)).toEqual(refused('future'));
  });
});

describe('deadlines: from today (in Paris) to the same month 20 years ahead', () => {
  const day = (value: string) => ({ value, precision: 'day' });
  const month = (value: string) => ({ value, precision: 'month' });
  test.each([
    ['le 23 novembre 2026', ok(day('2026-11-23'))],
    ['le 22 novembre 2026', refused('past')],
    ['novembre 2026', ok(month('2026-11'))],
    ['octobre 2026', refused('past')],
    ['novembre 2046', ok(month('2046-11'))],
    ['décembre 2046', refused('implausible')],
    ['le 30 novembre 2046', ok(day('2046-11-30'))],
    ['le 1er décembre 2046', refused('implausible')],
  ])('%j', (input, expected) => {
    expect(parseDeadline(input, ctx)).toEqual(expected);
  });

  test('at 00:30 on 23 November in Paris (still the 22nd in UTC), the 22nd is past', () => {
    const justAfterMidnight = { locale: 'fr' as const, now: new Date('2026-11-22T23:30:00Z') };
    expect(parseDeadline('le 22 novembre 2026', justAfterMidnight)).toEqual(refused('past'));
    expect(parseDeadline('le 23 novembre 2026', justAfterMidnight)).toEqual(ok(day('2026-11-23')));
  });
});

describe('phones: 10 French digits, or + and 9 to 15 digits', () => {
  test.each([
    ['06 12 34 56 78', ok('+33612345678')],
    ['06 12 34 56 7', refused('format')],
    ['06 12 34 56 789', refused('format')],
    ['01 00 00 00 00', ok('+33100000000')],
    ['00 00 00 00 00', refused('format')],
    ['+1 234 567 89', ok('+123456789')],
    ['+12345678', refused('format')],
    ['+123456789012345', ok('+123456789012345')],
    ['+1234567890123456', refused('format')],
  ])('%j', (input, expected) => {
    expect(parsePhone(input, ctx)).toEqual(expected);
  });
});

describe('postcodes: five digits, departments 01 to 98', () => {
  test.each([
    ['01000', ok({ postcode: '01000' })],
    ['00999', refused('format')],
    ['98999', ok({ postcode: '98999' })],
    ['99000', refused('format')],
    ['7501', refused('format')],
    ['750111', refused('format')],
  ])('%j', (input, expected) => {
    expect(parsePostcode(input, ctx)).toEqual(expected);
  });
});

describe('RNA (W + 9 digits) and SIREN (9 digits, Luhn; a 14-digit SIRET gives its SIREN)', () => {
  test.each([
    ['W123456789', ok({ type: 'RNA', value: 'W123456789' })],
    ['W12345678', refused('format')],
    ['W1234567890', refused('format')],
    ['732829320', ok({ type: 'SIREN', value: '732829320' })],
    ['732829321', refused('luhn')],
    ['73282932', refused('format')],
    ['7328293201', refused('format')],
    ['73282932000074', ok({ type: 'SIREN', value: '732829320' }, true)],
    ['7328293200007', refused('format')],
    ['732829320000745', refused('format')],
  ])('%j', (input, expected) => {
    expect(parseStructureId(input, ctx)).toEqual(expected);
  });
});

describe('websites: labels of 63 characters at most, a top-level domain of 2 to 24 letters, ports up to 65535', () => {
  test.each([
    ['example.fr', ok('https://example.fr')],
    ['example.f', refused('format')],
    [`example.${repeat('a', 24)}`, ok(`https://example.${repeat('a', 24)}`)],
    [`example.${repeat('a', 25)}`, refused('format')],
    [`${repeat('a', 63)}.fr`, ok(`https://${repeat('a', 63)}.fr`)],
    [`${repeat('a', 64)}.fr`, refused('format')],
    ['https://x.fr:65535', ok('https://x.fr:65535')],
    ['https://x.fr:65536', refused('format')],
  ])('%j', (input, expected) => {
    expect(parseUrl(input, ctx)).toEqual(expected);
  });
});

describe('emails: a local part of 64 characters at most, 254 in all, a top-level domain of 2 to 24 letters', () => {
  // 'a@' + 252 characters of domain: three 63-letter labels, one of 57, '.fr'.
  const domain = (last: number) => `${repeat('b', 63)}.${repeat('b', 63)}.${repeat('b', 63)}.${repeat('b', last)}.fr`;
  test.each([
    [`${repeat('a', 64)}@x.fr`, ok(`${repeat('a', 64)}@x.fr`)],
    [`${repeat('a', 65)}@x.fr`, refused('format')],
    [`a@${domain(57)}`, ok(`a@${domain(57)}`)],
    [`a@${domain(58)}`, refused('format')],
    ['a@b.fr', ok('a@b.fr')],
    ['a@b.f', refused('format')],
    [`a@b.${repeat('c', 24)}`, ok(`a@b.${repeat('c', 24)}`)],
    [`a@b.${repeat('c', 25)}`, refused('format')],
  ])('%j', (input, expected) => {
    expect(parseEmail(input, ctx)).toEqual(expected);
  });

  test('the lengths above are what they claim', () => {
    expect(`a@${domain(57)}`).toHaveLength(254);
  });
});

describe('lengths: free text up to 2,000 characters (an emoji counts once), other answers up to 500', () => {
  test.each([
    ['a', MAX_TEXT_LENGTH, true],
    ['a', MAX_TEXT_LENGTH + 1, false],
    ['😀', MAX_TEXT_LENGTH, true],
    ['😀', MAX_TEXT_LENGTH + 1, false],
  ])('%j × %i accepted: %s', (c, n, accepted) => {
    const text = repeat(c, n);
    expect(parseText(text, ctx)).toEqual(accepted ? ok(text) : refused('too_long'));
  });

  test('2,000 is the limit', () => {
    expect(MAX_TEXT_LENGTH).toBe(2000);
  });

  test('a short answer is read up to 500 characters (padding included), refused from 501', () => {
    expect(parsePhone(`${repeat(' ', 486)}06 12 34 56 78`, ctx)).toEqual(ok('+33612345678'));
    expect(parsePhone(`${repeat(' ', 487)}06 12 34 56 78`, ctx)).toEqual(refused('too_long'));
  });

  test.each(['', ' ', '\u200b'])('%j is empty', (input) => {
    expect(parseText(input, ctx)).toEqual(refused('empty'));
  });
});
