import { BotStatePropertyAccessor, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import fc from 'fast-check';
import { OptimisticConversationState } from '../../src/bot/optimisticState';

const context = (id: string) =>
  new TurnContext(new TestAdapter(), { type: 'message', channelId: 'test', conversation: { id, isGroup: false, conversationType: 'personal', name: '' } });

type Op = { kind: 'get'; name: string; fallback?: unknown } | { kind: 'set'; name: string; value: unknown } | { kind: 'delete'; name: string } | { kind: 'mutate'; name: string };

const name = fc.constantFrom('journey', 'insights', 'recentActivityIds', 'hasOwnProperty', 'toString');
const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.string({ maxLength: 4 }), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 2 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('get' as const), name, fallback: value }, { requiredKeys: ['kind', 'name'] }),
  fc.record({ kind: fc.constant('set' as const), name, value }),
  fc.record({ kind: fc.constant('delete' as const), name }),
  fc.record({ kind: fc.constant('mutate' as const), name }),
);

/** Plays the operations through one kind of accessor over three turns (saved between), and says what each returned. */
async function play(ops: Op[][], accessor: (state: OptimisticConversationState, name: string) => BotStatePropertyAccessor | ReturnType<OptimisticConversationState['createProperty']>) {
  const state = new OptimisticConversationState(new MemoryStorage());
  const seen: unknown[] = [];
  for (const turnOps of ops) {
    const turn = context('c1');
    for (const o of turnOps) {
      const property = accessor(state, o.name);
      if (o.kind === 'get') {
        const got = o.fallback === undefined ? await property.get(turn) : await property.get(turn, o.fallback);
        seen.push(JSON.stringify(got) ?? 'undefined');
        // A default is a copy: changing what was returned never changes the default given.
        if (got && typeof got === 'object' && o.fallback && typeof o.fallback === 'object') seen.push(got === o.fallback);
      } else if (o.kind === 'set') await property.set(turn, structuredClone(o.value)); // each play its own copy: 'mutate' changes it
      else if (o.kind === 'delete') await property.delete(turn);
      else {
        const got = await property.get(turn);
        if (Array.isArray(got)) got.push(1);
      }
    }
    await state.saveChanges(turn);
    seen.push(JSON.stringify(state.get(turn)));
  }
  return seen;
}

describe('the conversation state properties (StateProperty, native async)', () => {
  it('read, write and delete as botbuilder\'s BotStatePropertyAccessor does, defaults and saves included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 3 }), async (ops) => {
        const ours = await play(ops, (state, n) => state.createProperty(n));
        const theirs = await play(ops, (state, n) => new BotStatePropertyAccessor(state, n));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 400, seed: 3, endOnFailure: true },
    );
  });

  it('is what the state hands out', () => {
    const state = new OptimisticConversationState(new MemoryStorage());
    const property = state.createProperty('journey');
    expect(property).not.toBeInstanceOf(BotStatePropertyAccessor);
    expect((property as unknown as { name: string }).name).toBe('journey');
  });
});
