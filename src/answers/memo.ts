/**
 * A pure function of a string, remembered for the last few hundred distinct inputs. A turn folds
 * the same message (and the same words) many times over: commands, intents, language, choices
 * and the parsers each fold it, and folding was about a tenth of the engine's time. Bounded by
 * size: when full, the memory is emptied and starts again (a turn then recomputes what it needs).
 */
export function memoized<T>(fn: (s: string) => T, size = 512): (s: string) => T {
  const memory = new Map<string, T>();
  return (s: string): T => {
    if (typeof s !== 'string') return fn(s);
    let value = memory.get(s);
    if (value === undefined) {
      value = fn(s);
      if (memory.size >= size) memory.clear();
      memory.set(s, value);
    }
    return value;
  };
}
