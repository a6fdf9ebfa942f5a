/**
 * Warming the Recognizers-Text models: French before the server says ready, English off the
 * critical path when a conversation may need it (see recognizers.ts for why it costs).
 *
 * Each model is warmed in slices, one per event-loop turn, so that the server answers meanwhile
 * (/healthz, and turns while English warms): building it, then parsing a sample text that reaches
 * the patterns the parsers use. English, warmed while conversations go on, also compiles each of
 * its large patterns in a slice of its own before the sample (V8 compiles a pattern for the whole
 * of it, on its first use with a text of that encoding), so that a turn arriving meanwhile waits
 * for one pattern or one model's construction at most (about 150 ms of CPU, README
 * "Performance"). French, warmed before the server says ready, skips that: compiling every pattern
 * reachable costs about 0.3 s more CPU than compiling those the samples reach.
 */
import { buildModel, markEnglishWarm, parseWithModel, type ModelKind } from './recognizers';
import type { Locale } from './types';

interface Sample {
  kind: ModelKind;
  text: string;
}

// Inputs chosen to reach the expensive regular expressions each parser relies on (foreign
// currencies, dates, fractions). Texts reach the models in Latin-1, except amounts with "€": the
// currency models are also warmed with those. Checked with the shared answers table and the test
// conversations: after this, no first parse costs more than a warm one by over 50 ms.
const SAMPLES: Record<Locale, Sample[]> = {
  fr: [
    { kind: 'number', text: 'Zéro, une, deux cent mille, 1,5 million, 120 000, 12 ETP, un tiers, vingt et un' },
    { kind: 'currency', text: "Environ 50 000 euros ou deux millions d'euros, 5000 dollars, 10 livres" },
    { kind: 'currency', text: 'Environ 50 000 € ou 1,5 M€, deux millions d’euros, 5000 $' },
    { kind: 'datetime', text: "Le 15 janvier 2027 ou la semaine prochaine, vendredi, pas d'échéance, 50 €" },
  ],
  en: [
    { kind: 'number', text: 'Two hundred thousand, 1.5 million, a dozen, twenty-one' },
    { kind: 'currency', text: 'About 75,000 euros or 2 million euros, 5000 pounds' },
    { kind: 'currency', text: 'About €75,000 or 2 million €, £5,000' },
    { kind: 'datetime', text: 'By next June or January 15, 2027, next Friday, no deadline' },
  ],
};

export interface WarmUpStep {
  kind: ModelKind;
  locale: Locale;
  /** How the text reached the model: V8 compiles each pattern once per encoding. */
  encoding: 'latin1' | 'utf16';
  /** CPU time spent in this step's slices (not the waits between them; CPU, so that a busy machine does not inflate it). */
  ms: number;
  /** The longest slice: the most a turn arriving meanwhile could wait. */
  longestSliceMs: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One sample: build, compile each large pattern in its own slice (`perPattern`), then parse the sample. */
async function warmSample(locale: Locale, { kind, text }: Sample, reference: Date, perPattern: boolean): Promise<WarmUpStep> {
  const encoding = kind === 'currency' && text.includes('€') ? 'utf16' : 'latin1';
  // A text of the encoding the parses will use: V8 compiles a pattern per subject encoding.
  const subject = encoding === 'utf16' ? '€' : 'a';
  const step: WarmUpStep = { kind, locale, encoding, ms: 0, longestSliceMs: 0 };
  const slice = async (work: () => void) => {
    await nextTurn();
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    step.ms += ms;
    step.longestSliceMs = Math.max(step.longestSliceMs, ms);
  };
  let patterns: RegExp[] = [];
  await slice(() => (patterns = buildModel(kind, locale)));
  for (const pattern of perPattern ? patterns : []) {
    await slice(() => {
      const lastIndex = pattern.lastIndex;
      pattern.lastIndex = 0;
      pattern.exec(subject);
      pattern.lastIndex = lastIndex;
    });
  }
  await slice(() => parseWithModel(kind, locale, text, reference, true));
  step.ms = Math.round(step.ms);
  step.longestSliceMs = Math.round(step.longestSliceMs);
  return step;
}

async function warm(locale: Locale, onStep?: (step: WarmUpStep) => void): Promise<void> {
  const reference = new Date();
  const samples = SAMPLES[locale];
  for (const [i, sample] of samples.entries()) {
    const step = await warmSample(locale, sample, reference, locale === 'en');
    onStep?.(step);
    // An English model is usable once its last sample (every encoding it gets) is done.
    if (locale === 'en' && !samples.slice(i + 1).some((s) => s.kind === sample.kind)) markEnglishWarm(sample.kind);
  }
}

let french: Promise<void> | undefined;
let english: Promise<void> | undefined;
let englishDone = false;

/**
 * Builds and compiles the models a French conversation uses (every parser's French models, in
 * every encoding they get), one slice per event-loop turn so a server stays responsive meanwhile.
 * Done once per process: later calls wait for it. Resolves with the milliseconds this call waited.
 * English is not warmed here: see `warmUpEnglish`.
 */
export async function warmUpRecognizers(onStep?: (step: WarmUpStep) => void): Promise<number> {
  const started = Date.now();
  french ??= warm('fr', onStep);
  await french;
  return Date.now() - started;
}

/**
 * Builds and compiles the English models, after the French warm-up if one is under way, one slice
 * per event-loop turn (one pattern or one model's construction: about 150 ms of CPU at most).
 * Until it resolves, parses do without the English models (our own lexicon reads English numbers,
 * amounts and dates); from then on they use them too. Call it, without awaiting, as soon as a
 * conversation may be in English: an activity whose locale is English, a language switch or
 * request (`languageRequest`), a first answer that `looksEnglish`. Idempotent: later calls wait
 * for the same work. Resolves with the milliseconds this call waited.
 */
export async function warmUpEnglish(onStep?: (step: WarmUpStep) => void): Promise<number> {
  const started = Date.now();
  english ??= (async () => {
    await french;
    await warm('en', onStep);
    englishDone = true;
  })();
  await english;
  return Date.now() - started;
}

/** True once `warmUpEnglish` has finished: English parses then also use the models. */
export function isEnglishWarm(): boolean {
  return englishDone;
}
