import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import SwaggerParser from '@apidevtools/swagger-parser';
import { openApiDocument, PARTNER_API_BASE } from '../../src/partners/openapi';

const DOC_ID = 'https://partners.test/openapi.json';

type Json = Record<string, any>;

/**
 * Every answer of the partner API checked against its own OpenAPI document: the status is one the
 * operation documents, and the JSON body validates against the documented schema (JSON Schema
 * 2020-12, with ajv); a 304 has no body.
 */
export class OpenApiCheck {
  readonly doc: Json = openApiDocument();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  checked = 0;

  constructor() {
    this.ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) && /T/.test(s) });
    this.ajv.addFormat('date', { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) });
    this.ajv.addSchema({ ...this.doc, $id: DOC_ID });
  }

  /** The document is valid OpenAPI 3.1 (swagger-parser validates a copy: it dereferences what it is given). */
  validateDocument(): Promise<unknown> {
    return SwaggerParser.validate(structuredClone(this.doc) as never);
  }

  /** Checks one answer; returns its parsed body. */
  async answer(method: 'get', url: string, res: Response): Promise<unknown> {
    const { pathname } = new URL(url, 'http://x');
    if (!pathname.startsWith(PARTNER_API_BASE)) throw new Error(`${pathname} is not under ${PARTNER_API_BASE}`);
    const path = pathname.slice(PARTNER_API_BASE.length);
    const template = Object.keys(this.doc.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
    if (!template) throw new Error(`no documented path for ${path}`);
    const operation = this.doc.paths[template][method];
    const documented = operation?.responses?.[String(res.status)];
    if (!documented) throw new Error(`${method.toUpperCase()} ${template} does not document ${res.status}`);
    const text = await res.text();
    this.checked++;
    if (!documented.content) {
      if (text !== '') throw new Error(`${res.status} must have no body, got ${text.slice(0, 100)}`);
      return undefined;
    }
    expectJson(res);
    const body = JSON.parse(text) as unknown;
    const validate = this.validator(`${template} ${res.status}`, documented.content['application/json'].schema);
    if (!validate(body)) throw new Error(`${res.status} of ${path} does not match the document: ${this.ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`);
    return body;
  }

  /** Checks a webhook's body (as the partner received it) against the document's `webhooks` section. */
  webhook(event: string, body: unknown): void {
    const schema = this.doc.webhooks?.[event]?.post?.requestBody?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`the document has no webhook ${event}`);
    const validate = this.validator(`webhook ${event}`, schema);
    this.checked++;
    if (!validate(body)) throw new Error(`webhook ${event} does not match the document: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let v = this.compiled.get(key);
    if (!v) {
      // Local references of the document, resolved against it.
      const absolute = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#/g, `"$ref":"${DOC_ID}#`));
      v = this.ajv.compile(absolute);
      this.compiled.set(key, v);
    }
    return v;
  }
}

function expectJson(res: Response): void {
  if (!/^application\/json/.test(res.headers.get('content-type') ?? '')) throw new Error(`not JSON: ${res.headers.get('content-type')}`);
}
