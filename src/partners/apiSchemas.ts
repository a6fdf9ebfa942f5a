import { z } from 'zod';
import { publishedMissionSchema } from '../stores/publishedMissions';
import { partnerNeedSchema } from './needView';

/**
 * What the partner API validates and answers with: the routes parse with these schemas, and the
 * OpenAPI document (src/partners/openapi.ts) is generated from them, so the two cannot differ.
 */

const cursor = z.string().min(1).max(512).meta({ description: 'From `nextCursor` of the previous page (keep the same `since`)' });
const limit = z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Items per page' });

export const needsQuerySchema = z
  .object({
    since: z.iso.datetime().optional().meta({ description: 'Only needs saved at or after this time (ISO 8601, UTC), e.g. when your previous sync started' }),
    cursor: cursor.optional(),
    limit,
  })
  .strict();
export type NeedsQuery = z.infer<typeof needsQuerySchema>;

export const missionsQuerySchema = z.object({ cursor: cursor.optional(), limit }).strict();
export type MissionsQuery = z.infer<typeof missionsQuerySchema>;

export const referenceParamSchema = z.string().regex(/^[A-Z]{2,6}-\d{4}-\d{5,}$/).meta({ description: 'A need reference, e.g. PBL-2026-00042' });

const nextCursor = z.string().nullable().meta({ description: 'Pass it as `cursor` for the next page; null on the last page' });

export const needsPageSchema = z.object({ data: z.array(partnerNeedSchema), nextCursor }).strict();
export const missionsPageSchema = z.object({ data: z.array(publishedMissionSchema), nextCursor }).strict();

export const errorSchema = z
  .object({
    error: z.string().meta({ description: 'A stable code: BadRequest, Unauthorized, Forbidden, NotFound, TooManyRequests' }),
    message: z.string().meta({ description: 'What to change, in plain English' }),
  })
  .strict();
export type ApiError = z.infer<typeof errorSchema>;

/** The webhook bodies (Standard Webhooks: type, timestamp, data), documented beside the API. */
export const needRecordedEventSchema = z
  .object({ type: z.literal('need.recorded'), timestamp: z.iso.datetime(), data: partnerNeedSchema })
  .strict();
export const needStatusChangedEventSchema = z
  .object({
    type: z.literal('need.status_changed'),
    timestamp: z.iso.datetime(),
    data: z.object({ reference: z.string(), status: z.string().meta({ description: 'The status staff set (Statut), e.g. Accepté' }) }).strict(),
  })
  .strict();

/** Component name → schema, in the order of the document. */
export const API_COMPONENTS = {
  Need: partnerNeedSchema,
  NeedsPage: needsPageSchema,
  Mission: publishedMissionSchema,
  MissionsPage: missionsPageSchema,
  Error: errorSchema,
  NeedRecordedEvent: needRecordedEventSchema,
  NeedStatusChangedEvent: needStatusChangedEventSchema,
} as const;
