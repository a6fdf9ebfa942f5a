/**
 * True when a state write failed because another turn wrote the item first (optimistic
 * concurrency): SQLite's message, or Azure Storage's 412 Precondition Failed.
 */
export function isETagConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { message?: unknown; statusCode?: unknown; code?: unknown };
  if (e.statusCode === 412 || e.code === 'ConditionNotMet') return true;
  return typeof e.message === 'string' && /etag conflict/i.test(e.message);
}
