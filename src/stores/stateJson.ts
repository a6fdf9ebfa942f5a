/**
 * The JSON of a conversation state, passed between the store and the state's change check so that
 * a turn stringifies its state once, not three times (at load to remember it, at save to compare,
 * then again to write it): the state holds the transcript and was most of a turn's JSON work.
 * Stores that do not take part (Azure blobs) are unaffected: both sides fall back to stringifying.
 */

/** The JSON an item was read from (without its eTag), on the item itself, hidden from JSON and spreads. */
const READ_AS = Symbol('stateJson.readAs');

export function markReadAs<T extends object>(item: T, json: string): T {
  Object.defineProperty(item, READ_AS, { value: json, enumerable: false });
  return item;
}

export const readAs = (item: object): string | undefined => (item as { [READ_AS]?: string })[READ_AS];

/** The JSON an item is about to be written as: set right before `Storage.write`, taken by the store. */
const toWrite = new WeakMap<object, string>();

export function willWriteAs(item: object, json: string): void {
  toWrite.set(item, json);
}

/** The JSON announced for this item, once: a later write of the same object stringifies again. */
export function takeWriteAs(item: object): string | undefined {
  const json = toWrite.get(item);
  toWrite.delete(item);
  return json;
}
