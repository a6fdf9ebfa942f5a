import { useMemo } from 'react';
import type { Bilingual } from '../api/contract';
import { useDraft } from '../draft/DraftProvider';

/** A value a condition can read: an answer (by its field name) or a computed value. */
export interface KnownField {
  name: string;
  label?: Bilingual;
  kind: string;
  choices?: { value: string; label?: Bilingual }[];
}

interface StepLike {
  id?: string;
  field?: string;
  kind?: string;
  label?: Bilingual;
  choices?: { value: string; label?: Bilingual }[];
}

/** The draft's section files, in journey order (flow.yaml's `sections`), then any other. */
export function sectionFiles(parsed: Record<string, unknown>): string[] {
  const listed = ((parsed['dialogs/flow.yaml'] as { sections?: unknown } | undefined)?.sections ?? []) as unknown[];
  const inOrder = listed.filter((f): f is string => typeof f === 'string').map((f) => `dialogs/steps/${f}`);
  const others = Object.keys(parsed).filter((f) => f.startsWith('dialogs/steps/') && !inOrder.includes(f)).sort();
  return [...inOrder.filter((f) => f in parsed), ...others];
}

export function stepsOf(parsed: Record<string, unknown>, file: string): StepLike[] {
  const steps = (parsed[file] as { steps?: unknown } | undefined)?.steps;
  return Array.isArray(steps) ? (steps as StepLike[]) : [];
}

/** Every answer and computed value of the draft, in journey order. */
export function useKnownFields(): KnownField[] {
  const { draft } = useDraft();
  const parsed = draft?.parsed;
  return useMemo(() => {
    if (!parsed) return [];
    const fields: KnownField[] = [];
    for (const file of sectionFiles(parsed)) {
      for (const step of stepsOf(parsed, file)) {
        const name = step.field ?? step.id;
        if (name) fields.push({ name, label: step.label, kind: step.kind ?? 'text', choices: step.choices });
      }
    }
    const derived = ((parsed['dialogs/flow.yaml'] as { derived?: unknown } | undefined)?.derived ?? {}) as Record<string, { kind?: string }>;
    for (const [name, d] of Object.entries(derived)) fields.push({ name, kind: `derived.${d?.kind ?? 'value'}` });
    return fields;
  }, [parsed]);
}

/** Where a step can go next: another question, an ending of flow.yaml, or the summary. */
export function useTargets(): { id: string; label?: Bilingual; kind: 'question' | 'ending' | 'summary' }[] {
  const { draft } = useDraft();
  const parsed = draft?.parsed;
  return useMemo(() => {
    if (!parsed) return [];
    const questions = sectionFiles(parsed).flatMap((file) => stepsOf(parsed, file)).filter((s) => s.id);
    const endings = Object.keys(((parsed['dialogs/flow.yaml'] as { endings?: object } | undefined)?.endings ?? {}) as object);
    return [
      ...questions.map((s) => ({ id: s.id!, label: s.label, kind: 'question' as const })),
      ...endings.map((id) => ({ id, kind: 'ending' as const })),
      { id: 'summary', kind: 'summary' as const },
    ];
  }, [parsed]);
}
