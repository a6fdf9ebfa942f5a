/**
 * Warming the English Recognizers-Text models, off the critical path, when a conversation may
 * need them (see recognizers.ts: French needs no model).
 *
 * Each model is warmed in slices, one per event-loop turn, so that the server answers meanwhile:
 * building it, compiling each of its large patterns in a slice of its own (V8 compiles a pattern
 * for the whole of it, on its first use with a text of that encoding), then parsing a sample text
 * that reaches the patterns the parsers use, so that a turn arriving meanwhile waits for one
 * pattern or one model's construction at most (about 150 ms of CPU, README "Performance").
 */
import { buildModel, markEnglishWarm, parseWithModel, type ModelKind } from './recognizers';

interface Sample {
  kind: ModelKind;
  text: string;
}

// Inputs chosen to reach the expensive regular expressions each parser relies on (foreign
// currencies, dates, fractions). Texts reach the models in Latin-1, except amounts with "€": the
// currency models are also warmed with those.
const SAMPLES: Sample[] = [
  { kind: 'number', text: 'Two hundred thousand, 1.5 million, a dozen, twenty-one' },
  { kind: 'currency', text: 'About 75,000 euros or 2 million euros, 5000 pounds' },
  { kind: 'currency', text: 'About €75,000 or 2 million €, £5,000' },
  { kind: 'datetime', text: 'By next June or January 15, 2027, next Friday, no deadline' },
];

export interface WarmUpStep {
  kind: ModelKind;
  /** How the text reached the model: V8 compiles each pattern once per encoding. */
  encoding: 'latin1' | 'utf16';
  /** CPU time spent in this step's slices (not the waits between them; CPU, so that a busy machine does not inflate it). */
  ms: number;
  /** The longest slice: the most a turn arriving meanwhile could wait. */
  longestSliceMs: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Thrown at the next slice once `stopEnglishWarmUp` was called: the warm-up ends there. */
const STOPPED = Symbol('English warm-up stopped');
let stopping = false;

/** One sample: build, compile each large pattern in its own slice, then parse the sample. */
async function warmSample({ kind, text }: Sample, reference: Date): Promise<WarmUpStep> {
  const encoding = kind === 'currency' && text.includes('€') ? 'utf16' : 'latin1';
  // A text of the encoding the parses will use: V8 compiles a pattern per subject encoding.
  const subject = encoding === 'utf16' ? '€' : 'a';
  const step: WarmUpStep = { kind, encoding, ms: 0, longestSliceMs: 0 };
  const slice = async (work: () => void) => {
    await nextTurn();
    if (stopping) throw STOPPED;
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    step.ms += ms;
    step.longestSliceMs = Math.max(step.longestSliceMs, ms);
  };
  let patterns: RegExp[] = [];
  await slice(() => (patterns = buildModel(kind)));
  for (const pattern of patterns) {
    await slice(() => {
      const lastIndex = pattern.lastIndex;
      pattern.lastIndex = 0;
      pattern.exec(subject);
      pattern.lastIndex = lastIndex;
    });
  }
  await slice(() => parseWithModel(kind, 'en', text, reference, true));
  step.ms = Math.round(step.ms);
  step.longestSliceMs = Math.round(step.longestSliceMs);
  return step;
}

let english: Promise<void> | undefined;
let englishDone = false;

/**
 * Builds and compiles the English models, one slice per event-loop turn (one pattern or one
 * model's construction: about 150 ms of CPU at most). Until it resolves, parses do without the
 * English models (our own readers read English numbers, amounts and dates); from then on they use
 * them too. Call it, without awaiting, as soon as a conversation may be in English: an activity
 * whose locale is English, a language switch or request (`languageRequest`), a first answer that
 * `looksEnglish`. Idempotent: later calls wait for the same work. Resolves with the milliseconds
 * this call waited.
 */
export async function warmUpEnglish(onStep?: (step: WarmUpStep) => void): Promise<number> {
  const started = Date.now();
  english ??= (async () => {
    const reference = new Date();
    try {
      for (const [i, sample] of SAMPLES.entries()) {
        // Not inside `onStep?.(…)`: without a callback its argument would not even be evaluated.
        const step = await warmSample(sample, reference);
        onStep?.(step);
        // A model is usable once its last sample (every encoding it gets) is done.
        if (!SAMPLES.slice(i + 1).some((s) => s.kind === sample.kind)) markEnglishWarm(sample.kind);
      }
      englishDone = true;
    } catch (err) {
      if (err !== STOPPED) throw err;
    }
  })();
  await english;
  return Date.now() - started;
}

/**
 * Ends a warm-up under way at its next slice (the server closing): nothing of it runs after this
 * resolves. The models warmed so far stay in use; a later `warmUpEnglish` starts over with the rest.
 */
export async function stopEnglishWarmUp(): Promise<void> {
  if (!english || englishDone) return;
  stopping = true;
  try {
    await english.catch(() => undefined);
  } finally {
    stopping = false;
    if (!englishDone) english = undefined;
  }
}

/** True once `warmUpEnglish` has finished: English parses then also use the models. */
export function isEnglishWarm(): boolean {
  return englishDone;
}
