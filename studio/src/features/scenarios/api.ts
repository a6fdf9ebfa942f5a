import { ApiError, api } from '../../shared/api/client';
import type { ScenarioRun } from '../../shared/api/contract';

/** Plays every scenario of the draft on the live version and on the draft. */
export const runScenarios = () => api.post<ScenarioRun[]>('scenarios/run', {});

/** Why scenarios could not be replayed, in the interface's words: the draft has errors, or anything else. */
export const runFailure = (err: unknown): string => (err instanceof ApiError && err.code === 'issues' ? 'ui.scenarios.blocked_issues' : 'ui.scenarios.failed');
