import { runTurn, type TurnEnv, type TurnInput, type TurnResult } from '../engine/machine';
import type { ConversationState } from '../engine/state';
import type { Flow } from '../flow/model';

/** Thrown inside the pure engine when a turn needs a reference that was not allocated yet. */
class ReferenceNeeded extends Error {}

export interface ReferenceEnv extends Omit<TurnEnv, 'nextReference'> {
  /** Allocates a need reference from the (possibly remote) journal. */
  allocate: () => Promise<string>;
}

/**
 * Runs the pure, synchronous engine with a journal whose reference allocation is asynchronous
 * (SQLite or Azure Storage): a turn that needs a reference is run again once one is allocated.
 * The engine never mutates its input state, so the second run is the same turn; a reference is
 * only allocated by the turns that record a need.
 */
export async function runTurnWithReference(
  flow: Flow,
  previous: ConversationState | undefined,
  input: TurnInput,
  env: ReferenceEnv,
): Promise<TurnResult> {
  const { allocate, ...rest } = env;
  try {
    return runTurn(flow, previous, input, {
      ...rest,
      nextReference: () => {
        throw new ReferenceNeeded();
      },
    });
  } catch (err) {
    if (!(err instanceof ReferenceNeeded)) throw err;
  }
  const reference = await allocate();
  return runTurn(flow, previous, input, { ...rest, nextReference: () => reference });
}
