import { criterionSchema } from '../../src/flow/schema';
import { assessEligibility } from '../../src/domain/eligibility';

const text = (s: string) => ({ fr: s, en: s });
const criteria = [
  { id: 'adult', when: { field: 'age', gte: 18 }, met: text('adult'), unmet: text('too young') },
  { id: 'two', when: { field: 'people', gte: 2 }, met: text('two'), unmet: text('alone') },
  { id: 'local', blocking: false, when: { field: 'local', equals: true }, met: text('local'), unmet: text('remote') },
].map((c) => criterionSchema.parse(c));
const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe('assessEligibility', () => {
  it('is eligible when every criterion holds', () => {
    const result = assessEligibility(criteria, { age: 20, people: 2, local: true });
    expect(result.eligible).toBe(true);
    expect(ids(result.met)).toEqual(['adult', 'two', 'local']);
    expect(result.unmet).toEqual([]);
  });

  it('is not eligible when a blocking criterion fails, and says which', () => {
    const result = assessEligibility(criteria, { age: 20, people: 1, local: true });
    expect(result.eligible).toBe(false);
    expect(ids(result.unmet)).toEqual(['two']);
  });

  it('reports a failed non-blocking criterion without blocking', () => {
    const result = assessEligibility(criteria, { age: 20, people: 3, local: false });
    expect(result.eligible).toBe(true);
    expect(ids(result.unmet)).toEqual(['local']);
  });

  it('counts unanswered criteria as unmet', () => {
    const result = assessEligibility(criteria, {});
    expect(result.eligible).toBe(false);
    expect(ids(result.unmet)).toEqual(['adult', 'two', 'local']);
  });
});
