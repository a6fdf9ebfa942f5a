import fc from 'fast-check';
import type { Flow } from '../../../src/flow/model';
import { type Condition, type Step, stepSchema } from '../../../src/flow/schema';
import { sharedFlow } from '../../support/channelHarness';

/**
 * Random journeys on the real flow schema: a few questions of three kinds, each maybe asked only
 * when a condition on earlier answers holds, maybe branching forward to a later question, the
 * summary or an early ending. Everything else (rules, texts, settings) is the real dialogs/.
 */
export const ENDING = 'stop_early';
export type Kind = 'yesno' | 'choice' | 'count';
export const CHOICES = ['a', 'b', 'c'] as const;

/** A step as numbers, decoded against the steps before it (so conditions only read earlier answers). */
export interface StepSpec {
  kind: Kind;
  optional: boolean;
  when?: CondSpec;
  next?: { target: number; when?: CondSpec }[];
}
interface CondSpec {
  op: number;
  ref: number;
  value: number;
  nested?: CondSpec[];
}

const condSpec: fc.Arbitrary<CondSpec> = fc.letrec<{ c: CondSpec }>((tie) => ({
  c: fc.record(
    {
      op: fc.nat(9),
      ref: fc.nat(50),
      value: fc.nat(5),
      nested: fc.option(fc.array(tie('c'), { minLength: 1, maxLength: 2 }), { nil: undefined, depthSize: 'small' }),
    },
    { requiredKeys: ['op', 'ref', 'value'] },
  ),
})).c;

const stepSpec: fc.Arbitrary<StepSpec> = fc.record(
  {
    kind: fc.constantFrom<Kind>('yesno', 'choice', 'count'),
    optional: fc.boolean(),
    when: fc.option(condSpec, { nil: undefined, freq: 2 }),
    // Branches on one step in four: each may end the journey early, which keeps journeys short.
    next: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.array(fc.record({ target: fc.nat(50), when: fc.option(condSpec, { nil: undefined }) }), { minLength: 1, maxLength: 2 }) },
    ),
  },
  { requiredKeys: ['kind', 'optional'] },
);

/** Journeys as specs (what a failing run prints); `buildFlow` makes the flow. */
export const flowSpecArb: fc.Arbitrary<StepSpec[]> = fc.array(stepSpec, { minLength: 2, maxLength: 8, size: 'max' });

const text = (s: string) => ({ fr: s, en: s });

export function buildFlow(specs: StepSpec[]): Flow {
  const base = sharedFlow();
  const kinds = specs.map((s) => s.kind);
  const steps: Step[] = specs.map((spec, i) => {
    const id = `q${i}`;
    const raw: Record<string, unknown> = {
      id,
      kind: spec.kind,
      ask: text(`Question ${i}?`),
      why: text(`Because ${i}.`),
      label: text(`Question ${i}`),
      optional: spec.optional,
    };
    if (spec.kind === 'choice') raw.choices = CHOICES.map((v) => ({ value: v, label: text(v.toUpperCase()) }));
    if (spec.when && i > 0) raw.when = condition(spec.when, i, kinds);
    if (spec.next) {
      // Forward only (the flow checks refuse loops): a later step, the summary, or the ending.
      const targets = (t: number) => {
        const later = specs.length - i - 1;
        const pick = t % (later + 2);
        return pick < later ? `q${i + 1 + pick}` : pick === later ? 'summary' : ENDING;
      };
      raw.next = spec.next.map((b) => ({ goto: targets(b.target), ...(b.when ? { when: condition(b.when, i + 1, kinds) } : {}) }));
    }
    return stepSchema.parse(raw);
  });
  return {
    ...base,
    sections: [{ file: 'steps/random.yaml', title: text('Random'), progress: true, steps }],
    steps,
    stepById: new Map(steps.map((s) => [s.id, s])),
    derived: {},
    endings: { [ENDING]: { text: text('Goodbye.') } },
  };
}

/** A condition on one of the first `upTo` steps. */
function condition(spec: CondSpec, upTo: number, kinds: Kind[]): Condition {
  if (spec.nested && spec.op % 3 === 0) {
    const parts = spec.nested.map((n) => condition(n, upTo, kinds));
    return spec.op % 2 ? { any: parts } : parts.length > 1 ? { all: parts } : { not: parts[0] };
  }
  const ref = spec.ref % upTo;
  const field = `q${ref}`;
  if (spec.op === 1) return { field, is_set: spec.value % 2 === 0 };
  switch (kinds[ref]) {
    case 'yesno':
      return spec.op % 2 ? { field, equals: spec.value % 2 === 0 } : { field, not_equals: true };
    case 'choice':
      return spec.op % 2 ? { field, in: CHOICES.slice(0, 1 + (spec.value % 2)) } : { field, not_equals: CHOICES[spec.value % 3] };
    case 'count':
      return spec.op % 2 ? { field, gte: spec.value % 4 } : { field, lt: spec.value % 4 };
  }
}

/** An answer value for a step of this kind. */
export function valueFor(step: Step, pick: number): unknown {
  switch (step.kind) {
    case 'yesno':
      return pick % 2 === 0;
    case 'choice':
      return CHOICES[pick % 3];
    default:
      return pick % 5;
  }
}
