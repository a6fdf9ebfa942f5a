/**
 * Property-based fuzzing of every answer parser (src/answers): whatever the input and the clock,
 * a parser returns (never throws) a rejection with a known problem code, "none", or a value of its
 * kind's type that the need record can hold.
 */
import fc from 'fast-check';
import {
  type AnswerProblem,
  type Deadline,
  isValidSiren,
  type Locale,
  matchChoices,
  MAX_TEXT_LENGTH,
  type ParseContext,
  type Parsed,
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
  parseYesNo,
  type PostcodeAnswer,
  type StructureId,
} from '../../src/answers';
import { isoDay, isoMonth, isRealDay, today } from '../../src/answers/calendar';
import { choiceOptions } from '../../src/engine/parseAnswer';
import type { Step } from '../../src/flow/schema';
import { sharedFlow } from '../support/channelHarness';
import { anyString, frenchish, longString, nearValid, userText } from './arbitraries';
import { fuzzParameters } from './settings';

// Every problem code a parser may give; `Unlisted` fails to compile if a code is added and not listed here.
const PROBLEMS = [
  'empty', 'too_long', 'not_understood', 'negative', 'ambiguous', 'implausible', 'unknown', 'currency', 'future', 'past',
  'asap', 'invalid_date', 'format', 'luhn', 'no_match', 'out_of_range', 'too_many', 'error',
] as const satisfies readonly AnswerProblem[];
type Unlisted = Exclude<AnswerProblem, (typeof PROBLEMS)[number]>;
const allListed: [Unlisted] extends [never] ? true : never = true;
void allListed;

/** What the parsers must never keep in a value (stored, then shown to staff and sent to Airtable). */
const CONTROL_OR_INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Check<T> = (value: T, ctx: ParseContext) => void;

const checks = {
  count: ((v: number) => {
    expect(Number.isSafeInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(10_000_000);
  }) as Check<number>,
  amount: ((v: number) => {
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(10_000_000_000);
  }) as Check<number>,
  year: ((v: number, ctx) => {
    expect(Number.isInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(1800);
    expect(v).toBeLessThanOrEqual(today(ctx.now).year);
  }) as Check<number>,
  deadline: ((v: Deadline, ctx) => {
    const t = today(ctx.now);
    const [y, m, d] = v.value.split('-').map(Number);
    if (v.precision === 'day') {
      expect(v.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(isRealDay({ year: y, month: m, day: d })).toBe(true);
      expect(v.value >= isoDay(t)).toBe(true); // never already past
    } else {
      expect(v.precision).toBe('month');
      expect(v.value).toMatch(/^\d{4}-\d{2}$/);
      expect(m >= 1 && m <= 12).toBe(true);
      expect(v.value >= isoMonth(t)).toBe(true);
    }
    expect(y).toBeLessThanOrEqual(t.year + 20);
  }) as Check<Deadline>,
  yesno: ((v: boolean) => expect(typeof v).toBe('boolean')) as Check<boolean>,
  postcode: ((v: PostcodeAnswer) => {
    expect(v.postcode).toMatch(/^(0[1-9]|[1-8]\d|9[0-8])\d{3}$/);
    if (v.town !== undefined) {
      expect(v.town.length).toBeGreaterThan(0);
      expect(v.town.length).toBeLessThanOrEqual(100);
      expect(v.town).not.toMatch(CONTROL_OR_INVISIBLE);
    }
  }) as Check<PostcodeAnswer>,
  structureId: ((v: StructureId) => {
    if (v.type === 'RNA') expect(v.value).toMatch(/^W\d{9}$/);
    else {
      expect(v.type).toBe('SIREN');
      expect(isValidSiren(v.value)).toBe(true);
    }
  }) as Check<StructureId>,
  email: ((v: string) => {
    expect(v).toMatch(/^[^@\s]{1,64}@[a-z0-9.-]+\.[a-z]{2,24}$/);
    expect(v).toBe(v.toLowerCase());
    expect(v.length).toBeLessThanOrEqual(254);
  }) as Check<string>,
  phone: ((v: string) => expect(v).toMatch(/^\+[1-9]\d{8,14}$/)) as Check<string>,
  url: ((v: string) => {
    const url = new URL(v); // throws (fails the property) if not absolute
    expect(['https:', 'http:']).toContain(url.protocol);
    expect(v).not.toMatch(/\s/);
  }) as Check<string>,
  text: ((v: string) => {
    expect(typeof v).toBe('string');
    expect(v.length).toBeGreaterThan(0);
    expect([...v].length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(v).not.toMatch(CONTROL_OR_INVISIBLE);
    expect(v).not.toMatch(LONE_SURROGATE);
    expect(v).toBe(v.trim());
    expect(v).not.toMatch(/\s\s/);
    // Cleaning is stable: the stored text, typed again, is stored unchanged.
    expect(parseText(v, { locale: 'fr', now: new Date('2026-11-23T12:00:00Z') })).toEqual({ status: 'value', value: v, approx: false, echo: false });
  }) as Check<string>,
};

/** Asserts the contract of types.ts on one result. */
function expectContract<T>(result: Parsed<T>, ctx: ParseContext, check: Check<T>, canBeNone = true): void {
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  switch (result.status) {
    case 'invalid':
      expect(PROBLEMS).toContain(result.problem);
      // 'error' means a parser caught its own exception: a bug to fix, not a way out.
      expect(result.problem).not.toBe('error');
      return;
    case 'none':
      expect(canBeNone).toBe(true);
      return;
    case 'value':
      expect(typeof result.approx).toBe('boolean');
      expect(typeof result.echo).toBe('boolean');
      check(result.value, ctx);
      return;
    default:
      throw new Error(`unknown status in ${JSON.stringify(result)}`);
  }
}

const contextArb: fc.Arbitrary<ParseContext> = fc.record({
  locale: fc.constantFrom<Locale>('fr', 'en'),
  now: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true }),
});

const inputArb = fc.oneof(userText, frenchish(20), anyString(600), longString);

type AnyParser = (input: string, ctx: ParseContext) => Parsed<unknown>;
type Kind = keyof typeof nearValid;
const PARSERS: [string, AnyParser, Kind, boolean][] = [
  ['parseCount', parseCount, 'count', false],
  ['parseAmount', parseAmount, 'amount', false],
  ['parseYear', parseYear, 'year', false],
  ['parseDeadline', parseDeadline, 'deadline', true],
  ['parseYesNo', parseYesNo, 'yesno', false],
  ['parsePostcode', parsePostcode, 'postcode', false],
  ['parseStructureId', parseStructureId, 'structureId', true],
  ['parseEmail', parseEmail, 'email', false],
  ['parsePhone', parsePhone, 'phone', false],
  ['parseUrl', parseUrl, 'url', true],
  ['parseText', parseText, 'text', false],
];

// Edge inputs replayed first on every run: empty, lone surrogates, a day that does not exist on New Year's Eve in Paris.
const EDGES: [string, ParseContext][] = [
  ['', { locale: 'fr', now: new Date('2026-11-23T12:00:00Z') }],
  ['\ud83d 12 \ude00', { locale: 'fr', now: new Date('2026-11-23T12:00:00Z') }],
  ['31 février', { locale: 'fr', now: new Date('2026-12-31T23:30:00Z') }],
];


describe.each(PARSERS)('%s on arbitrary input', (_name, parse, kind, canBeNone) => {
  test('never throws; a known rejection, none, or a value of its type', () => {
    const seen = { value: 0, none: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.oneof(inputArb, nearValid[kind]), contextArb, (input, ctx) => {
        const result = parse(input, ctx);
        seen[result.status]++;
        expectContract(result, ctx, checks[kind] as Check<unknown>, canBeNone);
      }),
      fuzzParameters(300, EDGES),
    );
    // Enough runs, and values among them: the type checks above did run.
    expect(seen.value + seen.none + seen.invalid).toBeGreaterThanOrEqual(50);
    expect(seen.value).toBeGreaterThan(0);
  }, 60_000);
});

describe('matchChoices on the journey’s own choice questions', () => {
  const flow = sharedFlow();
  const choiceSteps = flow.steps.filter((s): s is Extract<Step, { kind: 'choice' | 'multichoice' }> => s.kind === 'choice' || s.kind === 'multichoice');

  test('the journey has choice questions to fuzz', () => {
    expect(choiceSteps.map((s) => s.kind)).toEqual(expect.arrayContaining(['choice', 'multichoice']));
  });

  test('never throws; the values picked are options of the question, each once', () => {
    let runs = 0;
    // Labels and synonyms mixed with noise reach the fuzzy matcher's deep paths.
    const wording = fc.constantFrom(...choiceSteps.flatMap((s) => choiceOptions(s.choices).flatMap((o) => o.synonyms)));
    const answer = fc.oneof(
      inputArb,
      fc.array(fc.oneof(wording, frenchish(3), fc.nat(15).map(String)), { minLength: 1, maxLength: 6 }).map((p) => p.join(', ')),
    );
    fc.assert(
      fc.property(fc.constantFrom(...choiceSteps), answer, fc.constantFrom<Locale>('fr', 'en'), fc.boolean(), (step, input, locale, numbered) => {
        runs++;
        const options = choiceOptions(step.choices);
        const multiple = step.kind === 'multichoice';
        const result = matchChoices(input, options, { multiple, numbered, locale });
        expectContract(result, { locale, now: new Date('2026-11-23T12:00:00Z') }, (values: string[]) => {
          expect(values.length).toBeGreaterThan(0);
          if (!multiple) expect(values).toHaveLength(1);
          expect(new Set(values).size).toBe(values.length);
          for (const v of values) expect(options.map((o) => o.value)).toContain(v);
        }, false);
      }),
      fuzzParameters(300),
    );
    expect(runs).toBeGreaterThanOrEqual(50);
  }, 60_000);
});
