import { api, query } from '../../shared/api/client';
import type { GraphNode, InsightsAnswer, StepFigures } from '../../shared/api/contract';
import { useResource } from '../../shared/api/useResource';
import { useDraft, useDraftStore } from '../../shared/draft/DraftProvider';

/** The step a node stands for, as the insights name it: a question's id, or `@summary`. */
export function stepIdOf(node: GraphNode, valueAt: (file: string, path: (string | number)[]) => unknown): string | undefined {
  if (node.kind === 'summary') return '@summary';
  if (node.kind !== 'question') return undefined;
  const id = (valueAt(node.file, node.path) as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : node.id;
}

/** Each node's figures on the live version (reached, answered, stopped…), by node id. */
export function useFigures(nodes: readonly GraphNode[]): { figures: Map<string, StepFigures>; failed: boolean } {
  const { live } = useDraft();
  const store = useDraftStore();
  const version = live?.number;
  const insights = useResource(() => api.get<InsightsAnswer>(`insights${query({ version })}`), `figures-${version}`);
  const figures = new Map<string, StepFigures>();
  const byStep = new Map<string, StepFigures>();
  for (const row of insights.data?.steps ?? []) {
    const sum = byStep.get(row.step);
    byStep.set(row.step, sum ? add(sum, row) : pick(row));
  }
  for (const node of nodes) {
    const step = stepIdOf(node, (f, p) => store.valueAt(f, p));
    const found = node.figures ?? (step ? byStep.get(step) : undefined);
    if (found) figures.set(node.id, found);
  }
  return { figures, failed: !!insights.error };
}

const KEYS = ['reached', 'answered', 'reprompted', 'why', 'skipped', 'stopped', 'inProgress'] as const;
const pick = (row: StepFigures): StepFigures => Object.fromEntries(KEYS.map((k) => [k, row[k] ?? 0])) as unknown as StepFigures;
const add = (a: StepFigures, b: StepFigures): StepFigures => Object.fromEntries(KEYS.map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)])) as unknown as StepFigures;
