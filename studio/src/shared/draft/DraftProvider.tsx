import { createContext, type ReactNode, useContext, useMemo, useSyncExternalStore } from 'react';
import type { Issue, JsonPath } from '../api/contract';
import { type DraftSnapshot, DraftStore, TYPING_DELAY_MS } from './draftStore';
import { isPrefix, samePath } from './paths';

const DraftContext = createContext<DraftStore | null>(null);

export function DraftProvider({ store, children }: { store: DraftStore; children: ReactNode }) {
  return <DraftContext.Provider value={store}>{children}</DraftContext.Provider>;
}

export function useDraftStore(): DraftStore {
  const store = useContext(DraftContext);
  if (!store) throw new Error('useDraftStore outside DraftProvider');
  return store;
}

export function useDraft(): DraftSnapshot {
  const store = useDraftStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export interface Field<T> {
  value: T | undefined;
  /** Typed text: saved after a pause. */
  type: (value: T) => void;
  /** A choice, a tick, a click: saved at once. */
  choose: (value: T | undefined) => void;
}

/** One value of the draft, read and written by file and path (the same as the YAML's). */
export function useField<T = unknown>(file: string, path: JsonPath): Field<T> {
  const store = useDraftStore();
  useDraft();
  const key = JSON.stringify(path);
  const value = store.valueAt(file, path) as T | undefined;
  return useMemo(
    () => ({
      value,
      type: (v: T) => store.set(file, path, v, TYPING_DELAY_MS),
      choose: (v: T | undefined) => (v === undefined ? void store.apply([{ op: 'delete', file, path }]) : store.set(file, path, v)),
    }),
    // `path` by its contents (`key`): callers pass a new array on every render.
    [store, file, key, value],
  );
}

/** The issues at a field (`deep`: and inside it, for a whole condition or a whole question). */
export function issuesFor(issues: readonly Issue[], file: string, path: JsonPath, deep = false): Issue[] {
  return issues.filter((i) => i.file === file && (deep ? isPrefix(path, i.path) : samePath(path, i.path)));
}

export function useIssues(file: string, path: JsonPath, deep = false): Issue[] {
  const { draft } = useDraft();
  return issuesFor(draft?.issues ?? [], file, path, deep);
}
