/** HTTP status of an Azure Storage SDK error (RestError), if any. */
export function statusOf(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export const isNotFound = (err: unknown): boolean => statusOf(err) === 404;

/**
 * A conditional write lost a race: 412 (If-Match failed) or 409 (If-None-Match: * on a blob
 * that exists, or a lease held by someone else).
 */
export const isConflict = (err: unknown): boolean => statusOf(err) === 412 || statusOf(err) === 409;

/** A short random pause before retrying a lost race, growing with the attempt. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 2 + attempt * 3) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Lost races tolerated before giving up (each one means another write went through). */
export const MAX_RACES = 50;

/** Runs `attempt` again while it loses a race to another writer (isConflict), with a short backoff. */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let race = 0; ; race++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isConflict(err) || race >= MAX_RACES) throw err;
      await backoff(race);
    }
  }
}
