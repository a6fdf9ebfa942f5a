import { z } from 'zod';

/** The request bodies of the studio's API (docs/studio-api.md), one schema each; types are inferred. */

const revision = z.number().int().min(0);
const file = z.string().min(1).max(200);
const path = z.array(z.union([z.string().min(1).max(200), z.number().int().min(0)])).max(32);
const index = z.number().int().min(0);
/** Present (JSON has no undefined: a missing key is what this refuses). */
const value = z.unknown().refine((v) => v !== undefined, 'required');
const fileText = z.string().max(256 * 1024);

export const opSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), file, path, value }).strict(),
  z.object({ op: z.literal('delete'), file, path }).strict(),
  z.object({ op: z.literal('insert'), file, path, index: index.optional(), value }).strict(),
  z.object({ op: z.literal('move'), file, path, from: index, to: index }).strict(),
  z.object({ op: z.literal('replaceFile'), file, text: fileText }).strict(),
  z.object({ op: z.literal('createFile'), file, text: fileText }).strict(),
  z.object({ op: z.literal('deleteFile'), file }).strict(),
]);
export type Op = z.infer<typeof opSchema>;

export const patchDraftSchema = z.object({ revision, ops: z.array(opSchema).min(1).max(500) }).strict();
export const revisionSchema = z.object({ revision }).strict();
export const saveScenarioSchema = z.object({ revision, name: z.string().trim().min(1).max(200), yaml: fileText }).strict();
export const publishSchema = z
  .object({
    revision,
    comment: z.string().max(2000).default(''),
    /** Scenario files whose change of outcome staff confirmed. */
    confirm: z.array(file).max(500).default([]),
  })
  .strict();
export const rollbackSchema = z.object({ comment: z.string().max(2000).optional() }).strict();
export const trySchema = z
  .object({
    lang: z.enum(['fr', 'en']),
    /** Rendered with that channel's capabilities (src/bot/channels.ts). */
    channel: z.enum(['webchat', 'msteams', 'slack']),
  })
  .strict();
export const emptySchema = z.object({}).strict();
