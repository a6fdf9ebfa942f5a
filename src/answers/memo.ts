/**
 * A pure function of a string, remembered for the last few hundred distinct inputs. A turn folds
 * the same message (and the same words) many times over: commands, intents, language, choices
 * and the parsers each fold it, and folding was about a tenth of the engine's time. Bounded by
 * size: when full, the memory is emptied and starts again (a turn then recomputes what it needs);
 * and, given `maxLength`, by the length of what it keeps.
 */
export function memoized<T>(fn: (s: string) => T, { size = 512, maxLength = Infinity }: { size?: number; maxLength?: number } = {}): (s: string) => T {
  const memory = new Map<string, T>();
  return (s: string): T => {
    // A longer input (a large card value, say) is computed each time: what is sent cannot fill the memory.
    if (typeof s !== 'string' || s.length > maxLength) return fn(s);
    let value = memory.get(s);
    if (value === undefined) {
      value = fn(s);
      if (memory.size >= size) memory.clear();
      memory.set(s, value);
    }
    return value;
  };
}
