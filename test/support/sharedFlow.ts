import { loadFlow } from '../../src/flow/load';
import type { Flow } from '../../src/flow/model';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

let cached: Flow | undefined;
/** The project's journey (dialogs/ and cards/), loaded once per test file. */
export const sharedFlow = (): Flow => (cached ??= loadFlow(DIALOGS_DIR, CARDS_DIR));

/** The project's journey loaded afresh: no object shared with an earlier load (as after a restart). */
export const freshFlow = (): Flow => loadFlow(DIALOGS_DIR, CARDS_DIR);
