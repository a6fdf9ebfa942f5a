import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Data a screen reads from the server: loaded when its key changes, reloadable, never set after unmount. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const current = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(async () => {
    const call = ++current.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loader.current();
      if (call === current.current) setState({ data, loading: false });
    } catch (error) {
      if (call === current.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, []);
  useEffect(() => {
    void reload();
    return () => {
      current.current++;
    };
  }, [key, reload]);
  return { ...state, reload };
}
