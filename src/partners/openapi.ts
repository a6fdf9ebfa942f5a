import { z } from 'zod';
import { API_COMPONENTS, missionsQuerySchema, needsQuerySchema, referenceParamSchema } from './apiSchemas';
import { SCOPES } from './keys';

/** Where the API lives; the document's paths are relative to it. */
export const PARTNER_API_BASE = '/api/partners/v1';

type Json = Record<string, unknown>;

const ref = (name: keyof typeof API_COMPONENTS | 'Error') => ({ $ref: `#/components/schemas/${name}` });

/** A JSON Schema of ours as OpenAPI 3.1 takes it (JSON Schema 2020-12, without the document-level keywords). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _s, $id: _i, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as Json;
  return rest;
}

function components(): Json {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, target: 'draft-2020-12' }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => {
    const { $schema: _s, $id: _i, ...rest } = s;
    return [id, rest];
  }));
}

/** The query parameters of a route, from the schema it parses its query with. */
function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = jsonSchema(field as z.ZodType, 'input');
    const { description, ...rest } = s;
    return { name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
  });
}

const json = (schema: Json, description: string, headers?: Json) => ({ description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Send it back as If-None-Match: 304 while nothing changed', schema: { type: 'string' } } };
const error = (description: string) => json(ref('Error'), description);
const limited = {
  ...error('Past the rate of this key (PARTNER_API_RATE_PER_MINUTE)'),
  headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
};

function readOperation(o: { summary: string; scope: string; parameters: Json[]; ok: Json; notFound?: boolean }): Json {
  return {
    summary: o.summary,
    description: `Needs the scope \`${o.scope}\`.`,
    security: [{ partnerKey: [] }],
    parameters: [...o.parameters, { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
    responses: {
      '200': json(o.ok, 'OK', etagHeader),
      '304': { description: 'Not modified (If-None-Match matched the ETag)' },
      '400': error('A parameter is wrong: the message says which'),
      '401': error('No key, or not a valid one (Authorization: Bearer <key>)'),
      '403': error(`This key lacks the scope ${o.scope}`),
      ...(o.notFound ? { '404': error('No such need shared with your organisation') } : {}),
      '429': limited,
    },
  };
}

const webhook = (event: string, schema: 'NeedRecordedEvent' | 'NeedStatusChangedEvent', summary: string): Json => ({
  post: {
    summary,
    description:
      `Posted to the webhook URL of each key of the partner, signed as Standard Webhooks says (headers webhook-id, webhook-timestamp, webhook-signature; ` +
      `verify with the key's whsec_ secret). webhook-id is the same for every retry of one event (${event}): drop the ones you already have. ` +
      'Retried with back-off for more than 24 hours until you answer 2xx.',
    requestBody: { required: true, content: { 'application/json': { schema: ref(schema) } } },
    responses: { '200': { description: 'Received (any 2xx)' } },
  },
});

/** The OpenAPI 3.1 document of the partner API, generated from the schemas its routes validate and answer with. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Partner API',
      version: '1.0.0',
      description:
        'Needs the association agreed to share with your organisation, and the published missions. ' +
        `Authenticate with your API key: Authorization: Bearer <key>. Scopes: ${SCOPES.join(', ')}. Lists are paged with cursors ` +
        'and answer with an ETag; errors are { error, message }.',
    },
    servers: [{ url: PARTNER_API_BASE }],
    paths: {
      '/needs': {
        get: readOperation({ summary: 'The needs shared with you, oldest first', scope: 'needs:read', parameters: queryParameters(needsQuerySchema), ok: ref('NeedsPage') }),
      },
      '/needs/{reference}': {
        get: readOperation({
          summary: 'One need shared with you',
          scope: 'needs:read',
          parameters: [{ name: 'reference', in: 'path', required: true, schema: jsonSchema(referenceParamSchema, 'input') }],
          ok: ref('Need'),
          notFound: true,
        }),
      },
      '/missions': {
        get: readOperation({ summary: 'The published missions, oldest first', scope: 'missions:read', parameters: queryParameters(missionsQuerySchema), ok: ref('MissionsPage') }),
      },
      '/openapi.json': {
        get: { summary: 'This document', security: [], responses: { '200': json({ type: 'object' }, 'The OpenAPI 3.1 document') } },
      },
    },
    webhooks: {
      'need.recorded': webhook('need.recorded', 'NeedRecordedEvent', 'A need was shared with you, or saved again (a new version)'),
      'need.status_changed': webhook(
        'need.status_changed',
        'NeedStatusChangedEvent',
        "Staff set the need's status to a value not told before (each value once, as the association is told: going back to an earlier value is not told again)",
      ),
    },
    components: {
      schemas: components(),
      securitySchemes: { partnerKey: { type: 'http', scheme: 'bearer', description: 'Your API key (pk_…), from npm run partners:add' } },
    },
  };
}
