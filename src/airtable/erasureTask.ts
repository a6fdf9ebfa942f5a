import { createHash } from 'node:crypto';
import { type Claim, type Claims, needClaim } from '../stores/claims';
import { TaskDeferred, type TaskHandler, type TaskPolicy } from '../stores/outboxWorker';
import { type ErasureFound, eraseFromAirtable } from './erase';
import type { AirtableRequest } from './http';
import type { StructureKey } from './mapping';

/**
 * The staff base's part of an erasure, as an outbox task (src/stores/outbox.ts): the local data
 * is erased at once (src/privacy/eraseConversation.ts) and this task deletes the copy in
 * Airtable in the background, through outages, until it is done.
 */
export const AIRTABLE_ERASURE = 'airtable.erase';

export interface ErasurePayload {
  conversationId?: string;
  references: string[];
  structureKeys: StructureKey[];
  /** Set by the first attempt that listed the records (a later attempt resumes from it). */
  found?: ErasureFound;
}

/**
 * Never given up (personal data must not stay for lack of retries): the back-off grows to
 * 30 minutes and the task waits, shown by `npm run needs:status`, until Airtable answers or
 * staff run `npm run needs:erase -- <reference>`.
 */
export const ERASURE_POLICY: TaskPolicy = { maxAttempts: Infinity, backoffBaseMs: 5_000, backoffCapMs: 30 * 60_000 };

/** Attempts per request within one try of the task: an outage delays the task, it never holds the worker. */
export const ERASURE_REQUEST_ATTEMPTS = 3;

/** Waiting for a sync of one of the needs to finish. */
const BUSY_RETRY_MS = 5_000;

/** One task per erasure request: a retry of the same request is the same task. */
export function erasureTaskId(conversationId: string | undefined, references: readonly string[]): string {
  const digest = createHash('sha256').update(JSON.stringify([conversationId ?? null, [...references].sort()])).digest('hex');
  return `erase-${digest.slice(0, 32)}`;
}

export interface ErasureHandlerDeps {
  request: AirtableRequest;
  baseId: string;
  /** The claims the sync takes per need: the erasure holds them while it deletes. */
  claims: Claims;
  maxAttempts?: number;
}

/**
 * Deletes the records under the claims of every need concerned: a sync that read a need before
 * it was erased finishes first (and what it wrote is then deleted), and no sync starts while
 * the records are deleted.
 */
export function airtableErasureHandler(deps: ErasureHandlerDeps): TaskHandler<ErasurePayload> {
  return async (payload, { signal, checkpoint }) => {
    const held: Claim[] = [];
    try {
      for (const reference of payload.references) {
        const claim = await deps.claims.acquire(needClaim(reference));
        if (!claim) throw new TaskDeferred(BUSY_RETRY_MS, `the need ${reference} is being synced; erased once that is done`);
        held.push(claim);
      }
      const out = await eraseFromAirtable(deps.request, deps.baseId, payload, {
        found: payload.found,
        onFound: (found) => checkpoint({ ...payload, found }),
        signal: AbortSignal.any([signal, ...held.map((c) => c.signal)]),
        maxAttempts: deps.maxAttempts ?? ERASURE_REQUEST_ATTEMPTS,
      });
      return { needs: out.needs, structuresDeleted: out.structuresDeleted, structuresCleared: out.structuresCleared };
    } finally {
      await Promise.all(held.map((c) => c.release()));
    }
  };
}
