/**
 * The Recognizers-Text models: French ones are never built (our own readers read French), English
 * ones are never built or compiled on a turn, and used once `warmUpEnglish()` has finished
 * (README "Performance").
 */
import {
  isEnglishWarm,
  parseCount,
  parseDeadline,
  warmUpEnglish,
  type ParseContext,
  type WarmUpStep,
} from '../../src/answers';
import { builtModels, isModelUsable } from '../../src/answers/recognizers';

const en: ParseContext = { locale: 'en', now: new Date('2026-11-23T12:00:00Z') };
const KINDS = ['number', 'currency', 'datetime'] as const;
// A phrase no parser of ours reads, that the English date model resolves.
const MODEL_ONLY_DATE = 'on Christmas day';

test('French answers use no model: none is built by French parses, and none is ever usable in French', () => {
  const fr: ParseContext = { ...en, locale: 'fr' };
  expect(parseCount('une quarantaine de bénévoles', fr)).toEqual({ status: 'value', value: 40, approx: true, echo: true });
  expect(parseDeadline('la semaine prochaine', fr)).toMatchObject({ status: 'value' });
  expect(builtModels()).toEqual([]);
  expect(isEnglishWarm()).toBe(false);
  expect(KINDS.map((k) => isModelUsable(k, 'en'))).toEqual([false, false, false]);
  expect(KINDS.map((k) => isModelUsable(k, 'fr'))).toEqual([false, false, false]);
});

test('until then an English turn does without the English models: our own lexicon reads the usual answers', () => {
  expect(parseCount('twelve employees', en)).toEqual({ status: 'value', value: 12, approx: false, echo: true });
  expect(parseDeadline('next Friday', en)).toMatchObject({ status: 'value', value: { value: '2026-12-04' } });
  // What only the model reads is not understood yet (a re-prompt), never waited for.
  expect(parseDeadline(MODEL_ONLY_DATE, en)).toEqual({ status: 'invalid', problem: 'not_understood' });
  expect(isEnglishWarm()).toBe(false);
});

test('warmUpEnglish (called with no callback) builds the English models, after which parses use them', async () => {
  const warming = warmUpEnglish();
  expect(isEnglishWarm()).toBe(false); // in progress: not usable before it is done
  await warming;
  expect(builtModels().sort()).toEqual(['currency:en', 'datetime:en', 'number:en']);
  expect(isEnglishWarm()).toBe(true);
  expect(KINDS.map((k) => isModelUsable(k, 'en'))).toEqual([true, true, true]);
  expect(KINDS.map((k) => isModelUsable(k, 'fr'))).toEqual([false, false, false]);
  expect(parseDeadline(MODEL_ONLY_DATE, en)).toEqual({
    status: 'value',
    value: { value: '2026-12-25', precision: 'day' },
    approx: false,
    echo: true,
  });
}, 120_000);

test('the English warm-up reaches every English model in every encoding', async () => {
  await jest.isolateModulesAsync(async () => {
    const fresh = await import('../../src/answers/warmUp');
    const steps: WarmUpStep[] = [];
    await fresh.warmUpEnglish((s) => steps.push(s));
    expect(steps.map((s) => `${s.kind} ${s.encoding}`)).toEqual(['number latin1', 'currency latin1', 'currency utf16', 'datetime latin1']);
    // In slices: a turn arriving meanwhile waits for one slice, never the whole warm-up.
    for (const s of steps) expect(s.longestSliceMs).toBeLessThanOrEqual(s.ms);
  });
}, 120_000);

test('warming English again does no more work', async () => {
  const steps: WarmUpStep[] = [];
  await warmUpEnglish((s) => steps.push(s));
  expect(steps).toEqual([]);
});

test('a warm-up stopped (the server closing) does nothing more, and a later one finishes it', async () => {
  await jest.isolateModulesAsync(async () => {
    const fresh = await import('../../src/answers/warmUp');
    const steps: WarmUpStep[] = [];
    let resolved = false;
    const warming = fresh.warmUpEnglish((s) => steps.push(s)).then(() => (resolved = true));
    // Stopped after its first model: the next slice ends it.
    while (steps.length === 0) await new Promise((r) => setImmediate(r));
    await fresh.stopEnglishWarmUp();
    expect(resolved).toBe(true);
    await warming;
    expect(fresh.isEnglishWarm()).toBe(false);
    const stoppedAt = steps.length;
    expect(stoppedAt).toBeLessThan(4);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(steps).toHaveLength(stoppedAt);
    // Started again: it does the rest and the models are used.
    await fresh.warmUpEnglish((s) => steps.push(s));
    expect(fresh.isEnglishWarm()).toBe(true);
    await fresh.stopEnglishWarmUp(); // once finished, stopping changes nothing
    expect(fresh.isEnglishWarm()).toBe(true);
  });
}, 120_000);
