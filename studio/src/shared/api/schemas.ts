import { api } from './client';
import type { Schemas } from './contract';
import { useResource } from './useResource';

let cached: Promise<Schemas> | undefined;

/** The JSON Schemas of the journey's parts (they change only with a new server): asked once. */
export function useSchemas() {
  return useResource(() => (cached ??= api.get<Schemas>('schemas').catch((err) => {
    cached = undefined;
    throw err;
  })), 'schemas');
}
