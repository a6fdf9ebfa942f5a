import fc from 'fast-check';
import { addCells, addChange, cellsOf } from '../../src/insights/cells';
import type { InsightsTrack } from '../../src/insights/track';

/** A few step ids, so that tracks share, repeat and reorder them. */
const node = fc.constantFrom('a', 'b', 'c', 'd', 'e', '@summary');
const nodes = fc.array(node, { maxLength: 7 });

const track = (lang: fc.Arbitrary<string>): fc.Arbitrary<InsightsTrack> =>
  fc.record({
    version: fc.constant(3),
    day: fc.constant('2026-03-02'),
    channel: fc.constant('Site web'),
    lang,
    startedAt: fc.constant(0),
    status: fc.constantFrom('open', 'done', 'closed', 'lost'),
    reprompted: nodes,
    why: nodes,
    skipped: nodes,
    callback: fc.boolean(),
    contribution: fc.record(
      {
        answered: nodes,
        frontier: node,
        at: fc.nat(1000),
        cancelled: fc.boolean(),
        outcome: fc.record({ ending: fc.constantFrom('refused', 'stopped'), programme: fc.constantFrom('Probono Factory', 'Mission freelance'), failed: nodes, durationBucket: fc.constantFrom('60', '300') }, { requiredKeys: [] }),
      },
      { requiredKeys: ['answered'] },
    ),
  });

/** A second track: the same one a turn later (a step added, the frontier moved), or any other. */
const later = (t: InsightsTrack): fc.Arbitrary<InsightsTrack> =>
  fc.oneof(
    fc.tuple(node, node).map(([added, frontier]) => ({ ...t, contribution: { ...t.contribution, answered: [...t.contribution.answered, added], frontier } })),
    fc.nat(7).map((cut) => ({ ...t, contribution: { ...t.contribution, answered: t.contribution.answered.slice(0, cut) } })),
    track(fc.constant(t.lang)),
    track(fc.constantFrom('fr', 'en')),
  );

describe('addChange (the counters a turn moves)', () => {
  it('is exactly the cells of the new track minus those of the old one', () => {
    fc.assert(
      fc.property(
        track(fc.constantFrom('fr', 'en')).chain((before) => fc.tuple(fc.constant(before), later(before))),
        ([before, after]) => {
          const quick = new Map<string, number>();
          addChange(quick, before, after);
          const whole = new Map<string, number>();
          addCells(whole, before, -1);
          addCells(whole, after, 1);
          expect(new Map([...quick].sort())).toEqual(new Map([...whole].sort()));
        },
      ),
      { numRuns: 4000, seed: 7 },
    );
  });
});

describe('cellsOf (the counters one journey adds)', () => {
  const base: InsightsTrack = {
    version: 3,
    day: '2026-03-02',
    channel: 'Site web',
    lang: 'fr',
    startedAt: 0,
    status: 'open',
    reprompted: ['a', 'b', 'z'],
    why: [],
    skipped: ['b'],
    callback: false,
    contribution: { answered: ['a'], frontier: 'b', at: 12 },
  };
  const flagged = (t: InsightsTrack, metric: string) => cellsOf(t).filter((k) => k.endsWith(`\u001f${metric}\u001f`)).map((k) => k.split('\u001f')[0]);

  it('counts a flag while its step is reached, answered or where the journey stands, not once it stopped applying', () => {
    expect(flagged(base, 'reprompted')).toEqual(['a', 'b']);
    expect(flagged(base, 'skipped')).toEqual(['b']);
    const moved = { ...base, contribution: { answered: ['a'], frontier: 'c', at: 13 } };
    expect(flagged(moved, 'reprompted')).toEqual(['a']);
    expect(flagged(moved, 'skipped')).toEqual([]);
  });

  it('leaves out the answered steps before `from`, and only them', () => {
    const t = { ...base, contribution: { answered: ['a', 'b', 'c'], frontier: 'd', at: 1 } };
    const all = cellsOf(t);
    const tail = cellsOf(t, 2);
    expect(all.filter((k) => !tail.includes(k)).map((k) => k.split('\u001f').slice(0, 2).join(' '))).toEqual(['a reached', 'a answered', 'b reached', 'b answered']);
    // The flags of the steps left out still count: they are not per position.
    expect(tail.filter((k) => k.includes('\u001freprompted'))).toHaveLength(2);
  });
});
