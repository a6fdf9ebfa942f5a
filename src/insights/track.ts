import { z } from 'zod';
import { WRITER_PATTERN } from '../stores/insightsStore';

/** The node after the last question: the summary the user confirms. Not a valid step id, so it never collides with one. */
export const SUMMARY_NODE = '@summary';

/** Step ids (a flow has a few dozen steps; the bound keeps a broken state from growing). */
const nodeIds = z.array(z.string().min(1).max(64)).max(500);

/** How a finished journey ended. */
export const outcomeSchema = z
  .object({
    /** An early ending of the flow (e.g. consent refused). */
    ending: z.string().min(1).max(64).optional(),
    /** Completed: the programme recommended (its Airtable option). */
    programme: z.string().min(1).max(200).optional(),
    /** Completed and not eligible: the blocking criteria that failed. */
    failed: nodeIds.optional(),
    /** Completed: the duration bucket (seconds, see durations.ts). */
    durationBucket: z.string().max(12).optional(),
  })
  .strict();
export type Outcome = z.infer<typeof outcomeSchema>;

/** What one journey adds to the counters, besides its sticky flags. */
export const contributionSchema = z
  .object({
    /** Steps on its current path (answered or skipped), and `@summary` once confirmed. */
    answered: nodeIds,
    /** The first unanswered question that applies, or `@summary` while the summary waits. */
    frontier: z.string().min(1).max(64).optional(),
    /** Minute of the last activity (epoch minutes): "stopped" once older than the resume delay. */
    at: z.number().int().min(0).optional(),
    /** Cancelled there: counted as stopped whatever the time. */
    cancelled: z.boolean().optional(),
    outcome: outcomeSchema.optional(),
  })
  .strict();
export type Contribution = z.infer<typeof contributionSchema>;

/**
 * The insights track a conversation carries in its state, for its latest journey. JSON, a few
 * hundred bytes, bounded by the number of steps of the flow.
 *
 * status: `open` while the journey goes on (its contribution follows the answers); `done` once
 * completed (frozen, but a call back may still be added); `closed` after a cancel or an ending;
 * `lost` when the counts of its previous turn were never stored (a crash): it is no longer
 * counted, so that a later change can never subtract what was not added.
 */
export const insightsTrackSchema = z
  .object({
    version: z.number().int().min(0),
    /** Start day on the operator's clock, YYYY-MM-DD. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    channel: z.string().min(1).max(40),
    lang: z.string().min(1).max(8),
    /** Start, epoch ms (for the time to complete). */
    startedAt: z.number().int().min(0),
    status: z.enum(['open', 'done', 'closed', 'lost']),
    reprompted: nodeIds,
    why: nodeIds,
    skipped: nodeIds,
    callback: z.boolean(),
    contribution: contributionSchema,
    /** The batch that holds this journey's latest change: the basis of the next one. */
    batch: z.object({ writer: z.string().regex(WRITER_PATTERN), seq: z.number().int().min(1) }).strict().optional(),
  })
  .strict();
export type InsightsTrack = z.infer<typeof insightsTrackSchema>;

/** The sticky per-step flags of a track. */
export type FlagName = 'reprompted' | 'why' | 'skipped';
