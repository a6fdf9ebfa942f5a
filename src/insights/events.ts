/** The engine's turn events, as insights reads them (the type lives with the engine that emits them). */
export type { TurnEvent as InsightEvent } from '../engine/events';
