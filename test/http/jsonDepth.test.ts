import fc from 'fast-check';
import { deeperThan } from '../../src/http/jsonBody';

/** The nesting depth of a parsed JSON value: what the scan must agree with. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

const nested = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('deeperThan (the body reader refuses JSON nested too deep before parsing it)', () => {
  it('agrees with the depth of the parsed value, brackets inside strings included', () => {
    const bracketText = fc.string({ unit: fc.constantFrom('{', '[', '"', '\\', 'a', ']', '}'), maxLength: 40 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, bracketText, fc.integer(), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(bracketText, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 8 }), (v, max) => {
        const text = JSON.stringify(v);
        expect(deeperThan(text, max)).toBe(depthOf(JSON.parse(text)) > max);
      }),
      { numRuns: 3000, seed: 12 },
    );
  });

  it('counts the limit exactly, however many brackets the strings hold', () => {
    expect(deeperThan(nested(64), 64)).toBe(false);
    expect(deeperThan(nested(65), 64)).toBe(true);
    expect(deeperThan(`{"a":${nested(64)}}`, 64)).toBe(true);
    // Hundreds of brackets, all inside a string: one level deep.
    const shallow = JSON.stringify({ text: '{['.repeat(500) });
    expect(deeperThan(shallow, 64)).toBe(false);
    // An escaped quote does not end the string that hides the brackets.
    expect(deeperThan(`["\\"${'['.repeat(100)}"]`, 64)).toBe(false);
    // Few brackets in all: never deeper, whatever the rest of the text.
    expect(deeperThan('{"type":"message","text":"' + 'x'.repeat(10_000) + '"}', 2)).toBe(false);
    expect(deeperThan('[[[', 2)).toBe(true);
  });
});
