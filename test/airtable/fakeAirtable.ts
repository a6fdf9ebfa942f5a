import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for api.airtable.com on 127.0.0.1: the Metadata API (list/create tables,
 * create fields, update select choices) and the records API (list, update by id, upsert with
 * `performUpsert`), with Airtable's validation where the sync depends on it (unknown field
 * names, select options without typecast, link values, 10 records per request, atomic
 * requests). Every request is logged with the time of the injected clock, and faults
 * (status codes, hangs, resets, "applied but never answered") can be injected per request.
 */

export interface FakeChoice {
  id: string;
  name: string;
  color?: string;
}
export interface FakeField {
  id: string;
  name: string;
  type: string;
  description?: string;
  options?: { choices?: FakeChoice[]; linkedTableId?: string; inverseLinkFieldId?: string; [k: string]: unknown };
}
export interface FakeRecord {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
  /** LAST_MODIFIED_TIME(), in the fake's clock. */
  modifiedAt?: number;
}
export interface FakeTable {
  id: string;
  name: string;
  primaryFieldId: string;
  fields: FakeField[];
  records: FakeRecord[];
}
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The injected clock's time when the request arrived. */
  at: number;
}
/**
 * `hang`: never answered; `apply-then-hang`: applied, never answered; `reset`: connection cut;
 * `{ status }`: answered so; `{ hold }`: handled normally once the promise settles (a slow Airtable
 * the test releases when it wants).
 */
export type Fault = { status: number; body?: unknown } | { hold: Promise<unknown> } | 'hang' | 'reset' | 'apply-then-hang';

export interface FieldInput {
  name: string;
  type: string;
  description?: string;
  options?: Record<string, any>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const PRIMARY_TYPES = new Set(['singleLineText', 'multilineText', 'email', 'url', 'phoneNumber', 'number', 'date', 'dateTime']);

export class FakeAirtable {
  readonly tables: FakeTable[] = [];
  readonly requests: LoggedRequest[] = [];
  /** Decides a fault for a request before it is handled (auth is checked first). */
  fault?: (req: LoggedRequest, index: number) => Fault | undefined;
  /** Rejects a record as Airtable's validation would: the whole request fails with 422. */
  rejectRecord?: (table: string, fields: Record<string, unknown>) => { type: string; message: string } | undefined;
  /** Whether PATCH …/fields/{id} may change select choices. */
  allowChoiceUpdates = true;
  /** Answer every request with 403 (a token without the scopes or the base). */
  forbidden = false;
  private server?: http.Server;
  private seq = 0;
  private readonly hanging = new Set<http.ServerResponse>();
  private readonly hangListeners = new Set<(req: LoggedRequest) => void>();

  constructor(private readonly opts: { token: string; baseId: string; now?: () => number }) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  table(name: string): FakeTable {
    const t = this.tables.find((x) => x.name === name || x.id === name);
    if (!t) throw new Error(`no table ${name}`);
    return t;
  }

  records(name: string): FakeRecord[] {
    return this.table(name).records;
  }

  /** Calls `listener` each time a request is left unanswered (a hang); returns the unsubscribe. */
  onHang(listener: (req: LoggedRequest) => void): () => void {
    this.hangListeners.add(listener);
    return () => this.hangListeners.delete(listener);
  }

  /**
   * Holds the first request matching `match` (on top of any other fault) until `release()`: a
   * slow Airtable the test lets go when it wants. `arrived` resolves once that request is held.
   */
  holdFirst(match: (req: LoggedRequest) => boolean): { arrived: Promise<void>; release: () => void } {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    let taken = false;
    const previous = this.fault;
    this.fault = (req, index) => {
      if (taken || !match(req)) return previous?.(req, index);
      taken = true;
      arrive();
      return { hold: gate };
    };
    return { arrived, release };
  }

  /** A staff edit in the Airtable UI: changes a record's fields, and its LAST_MODIFIED_TIME. */
  edit(tableName: string, id: string, fields: Record<string, unknown>): void {
    const record = this.table(tableName).records.find((r) => r.id === id);
    if (!record) throw new Error(`no record ${id}`);
    Object.assign(record.fields, fields);
    record.modifiedAt = this.now();
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private hang(res: http.ServerResponse, req: LoggedRequest): void {
    this.hanging.add(res);
    for (const listener of [...this.hangListeners]) listener(req);
  }

  /** Requests that change something. */
  writes(): LoggedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private id(prefix: string): string {
    this.seq++;
    return `${prefix}${String(this.seq).padStart(14, '0')}`;
  }

  // ---------------------------------------------------------------- schema

  createTable(def: { name: string; fields: FieldInput[]; description?: string }): FakeTable {
    if (!def.name || this.tables.some((t) => t.name === def.name)) throw new ApiError(422, 'DUPLICATE_TABLE_NAME', `Table name "${def.name}" is empty or taken`);
    if (!Array.isArray(def.fields) || !def.fields.length) throw new ApiError(422, 'INVALID_REQUEST_UNKNOWN', 'A table needs at least one field');
    if (!PRIMARY_TYPES.has(def.fields[0].type)) throw new ApiError(422, 'INVALID_PRIMARY_FIELD_TYPE', `${def.fields[0].type} cannot be a primary field`);
    const table: FakeTable = { id: this.id('tbl'), name: def.name, primaryFieldId: '', fields: [], records: [] };
    this.tables.push(table);
    try {
      for (const f of def.fields) this.addField(table, f);
    } catch (err) {
      this.tables.splice(this.tables.indexOf(table), 1);
      throw err;
    }
    table.primaryFieldId = table.fields[0].id;
    return table;
  }

  addField(table: FakeTable, def: FieldInput): FakeField {
    if (!def.name || table.fields.some((f) => f.name === def.name)) {
      throw new ApiError(422, 'DUPLICATE_OR_EMPTY_FIELD_NAME', `Field name "${def.name}" is empty or taken in ${table.name}`);
    }
    const bad = (why: string) => new ApiError(422, 'INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE', `${def.name}: ${why}`);
    const o = def.options ?? {};
    const field: FakeField = { id: this.id('fld'), name: def.name, type: def.type };
    if (def.description) field.description = def.description;
    switch (def.type) {
      case 'singleLineText':
      case 'multilineText':
      case 'email':
      case 'url':
      case 'phoneNumber':
        if (def.options) throw bad('takes no options');
        break;
      case 'number':
        if (!Number.isInteger(o.precision) || o.precision < 0 || o.precision > 8) throw bad('precision 0-8 required');
        field.options = { precision: o.precision };
        break;
      case 'currency':
        if (!Number.isInteger(o.precision) || o.precision < 0 || o.precision > 7 || typeof o.symbol !== 'string') throw bad('precision 0-7 and symbol required');
        field.options = { precision: o.precision, symbol: o.symbol };
        break;
      case 'checkbox':
        if (typeof o.color !== 'string' || typeof o.icon !== 'string') throw bad('color and icon required');
        field.options = { color: o.color, icon: o.icon };
        break;
      case 'date':
        if (!o.dateFormat?.name) throw bad('dateFormat required');
        field.options = { dateFormat: { ...o.dateFormat, format: 'YYYY-MM-DD' } };
        break;
      case 'dateTime':
        if (!o.dateFormat?.name || !o.timeFormat?.name || typeof o.timeZone !== 'string') throw bad('dateFormat, timeFormat and timeZone required');
        field.options = { timeZone: o.timeZone, dateFormat: { ...o.dateFormat, format: 'YYYY-MM-DD' }, timeFormat: { ...o.timeFormat, format: 'HH:mm' } };
        break;
      case 'singleSelect':
      case 'multipleSelects':
        if (!Array.isArray(o.choices)) throw bad('choices required');
        field.options = { choices: o.choices.map((c: { name: string; color?: string }) => ({ id: this.id('sel'), name: c.name, ...(c.color ? { color: c.color } : {}) })) };
        break;
      case 'multipleRecordLinks': {
        const keys = Object.keys(o);
        if (keys.some((k) => k !== 'linkedTableId')) throw bad('links take linkedTableId only');
        const target = this.tables.find((t) => t.id === o.linkedTableId);
        if (!target) throw bad('linkedTableId is not a table of this base');
        let name = table.name;
        for (let n = 2; target.fields.some((f) => f.name === name); n++) name = `${table.name} ${n}`;
        const inverse: FakeField = {
          id: this.id('fld'),
          name,
          type: 'multipleRecordLinks',
          options: { linkedTableId: table.id, inverseLinkFieldId: field.id, prefersSingleRecordLink: false },
        };
        field.options = { linkedTableId: target.id, inverseLinkFieldId: inverse.id, prefersSingleRecordLink: false };
        table.fields.push(field);
        target.fields.push(inverse);
        return field;
      }
      default:
        throw bad(`unknown type ${def.type}`);
    }
    table.fields.push(field);
    return field;
  }

  /** Adds records directly (no request logged). */
  seedRecords(tableName: string, records: Record<string, unknown>[]): FakeRecord[] {
    const table = this.table(tableName);
    return records.map((fields) => {
      const r: FakeRecord = { id: this.id('rec'), createdTime: new Date(Date.UTC(2026, 0, 1) + this.seq * 1000).toISOString(), fields: { ...fields }, modifiedAt: this.now() };
      table.records.push(r);
      return r;
    });
  }

  // ---------------------------------------------------------------- HTTP

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const logged: LoggedRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        at: this.now(),
      };
      const index = this.requests.push(logged) - 1;
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== `Bearer ${this.opts.token}`) {
        return send(401, { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } });
      }
      const fault = this.fault?.(logged, index);
      if (fault && typeof fault === 'object' && 'hold' in fault) {
        void fault.hold.finally(() => this.handle(logged, res, send, undefined));
        return;
      }
      this.handle(logged, res, send, fault, req);
    });
  }

  private handle(logged: LoggedRequest, res: http.ServerResponse, send: (status: number, payload: unknown) => void, fault: Fault | undefined, req?: http.IncomingMessage): void {
    if (fault === 'hang') {
      this.hang(res, logged);
      return;
    }
    if (fault === 'reset') {
      (req ?? res.req)?.socket?.destroy();
      return;
    }
    if (fault && typeof fault === 'object' && 'status' in fault) return send(fault.status, fault.body ?? { error: { type: 'FAULT', message: `injected ${fault.status}` } });
    if (this.forbidden) {
      return send(403, { error: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', message: 'Invalid permissions, or the requested model was not found.' } });
    }
    let result: { status: number; body: unknown };
    try {
      result = { status: 200, body: this.route(logged) };
    } catch (err) {
      result = err instanceof ApiError ? { status: err.status, body: { error: { type: err.type, message: err.message } } } : { status: 500, body: { error: { type: 'SERVER_ERROR', message: String(err) } } };
    }
    if (fault === 'apply-then-hang') {
      this.hang(res, logged);
      return;
    }
    send(result.status, result.body);
  }

  private route(req: LoggedRequest): unknown {
    const meta = /^\/v0\/meta\/bases\/([^/]+)\/tables(?:\/([^/]+)\/fields(?:\/([^/]+))?)?$/.exec(req.path);
    if (meta) {
      if (meta[1] !== this.opts.baseId) throw new ApiError(404, 'NOT_FOUND', 'Could not find base');
      const [, , tableId, fieldId] = meta;
      if (!tableId && req.method === 'GET') return { tables: this.tables.map(metaTable) };
      if (!tableId && req.method === 'POST') return metaTable(this.createTable(req.body));
      const table = this.tables.find((t) => t.id === tableId);
      if (!table) throw new ApiError(404, 'TABLE_NOT_FOUND', `Table ${tableId} not found`);
      if (!fieldId && req.method === 'POST') return { ...this.addField(table, req.body) };
      if (fieldId && req.method === 'PATCH') return this.updateField(table, fieldId, req.body);
      throw new ApiError(404, 'NOT_FOUND', `${req.method} ${req.path}`);
    }
    const listing = /^\/v0\/([^/]+)\/([^/]+)\/listRecords$/.exec(req.path);
    if (listing && req.method === 'POST') {
      if (listing[1] !== this.opts.baseId) throw new ApiError(404, 'NOT_FOUND', 'Could not find base');
      const table = this.tables.find((t) => t.name === listing[2] || t.id === listing[2]);
      if (!table) throw new ApiError(404, 'TABLE_NOT_FOUND', `Could not find table ${listing[2]}`);
      return this.list(table, req.body ?? {});
    }
    const one = /^\/v0\/([^/]+)\/([^/]+)\/(rec[^/]+)$/.exec(req.path);
    if (one) {
      if (one[1] !== this.opts.baseId) throw new ApiError(404, 'NOT_FOUND', 'Could not find base');
      const table = this.tables.find((t) => t.name === one[2] || t.id === one[2]);
      if (!table) throw new ApiError(404, 'TABLE_NOT_FOUND', `Could not find table ${one[2]}`);
      const at = table.records.findIndex((r) => r.id === one[3]);
      if (at < 0) throw new ApiError(404, 'NOT_FOUND', 'Could not find record');
      if (req.method === 'GET') return this.withInverseLinks(table, table.records[at]);
      if (req.method === 'DELETE') {
        table.records.splice(at, 1);
        return { id: one[3], deleted: true };
      }
      throw new ApiError(404, 'NOT_FOUND', `${req.method} ${req.path}`);
    }
    const data = /^\/v0\/([^/]+)\/([^/]+)$/.exec(req.path);
    if (!data) throw new ApiError(404, 'NOT_FOUND', req.path);
    if (data[1] !== this.opts.baseId) throw new ApiError(404, 'NOT_FOUND', 'Could not find base');
    const table = this.tables.find((t) => t.name === data[2] || t.id === data[2]);
    if (!table) throw new ApiError(404, 'TABLE_NOT_FOUND', `Could not find table ${data[2]}`);
    if (req.method === 'GET') return this.list(table, req.query);
    if (req.method === 'PATCH') return this.patchRecords(table, req.body);
    throw new ApiError(404, 'NOT_FOUND', `${req.method} ${req.path}`);
  }

  private updateField(table: FakeTable, fieldId: string, body: any): unknown {
    const field = table.fields.find((f) => f.id === fieldId);
    if (!field) throw new ApiError(404, 'FIELD_NOT_FOUND', fieldId);
    if (body.options !== undefined) {
      if (!this.allowChoiceUpdates) throw new ApiError(422, 'INVALID_REQUEST_UNKNOWN', 'Invalid request: parameter validation failed. Check your request data.');
      if (field.type !== 'singleSelect' && field.type !== 'multipleSelects') throw new ApiError(422, 'INVALID_FIELD_TYPE_OPTIONS', 'not a select');
      const choices: FakeChoice[] = [];
      for (const c of body.options.choices as { id?: string; name: string; color?: string }[]) {
        if (c.id) {
          const old = field.options!.choices!.find((x) => x.id === c.id);
          if (!old) throw new ApiError(422, 'INVALID_FIELD_TYPE_OPTIONS', `unknown choice ${c.id}`);
          choices.push({ ...old, name: c.name, ...(c.color ? { color: c.color } : {}) });
        } else {
          choices.push({ id: this.id('sel'), name: c.name, ...(c.color ? { color: c.color } : {}) });
        }
      }
      // As Airtable does: a choice left out is deleted.
      field.options = { ...field.options, choices };
    }
    if (body.name) field.name = body.name;
    if (body.description !== undefined) field.description = body.description;
    return { ...field };
  }

  /** GET with query parameters, or POST …/listRecords with the same in the body (plus `fields`). */
  private list(table: FakeTable, query: { filterByFormula?: string; pageSize?: string | number; offset?: string; fields?: string[] }): unknown {
    const size = Math.min(100, Number(query.pageSize ?? 100));
    const start = Number(query.offset ?? 0);
    const matching = query.filterByFormula ? table.records.filter(recordFilter(query.filterByFormula)) : table.records;
    for (const f of query.fields ?? []) if (!table.fields.some((x) => x.name === f)) throw new ApiError(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${f}"`);
    const pick = (r: FakeRecord) => {
      const p = publicRecord(r);
      if (query.fields) p.fields = Object.fromEntries(Object.entries(p.fields).filter(([k]) => query.fields!.includes(k)));
      return p;
    };
    const page = matching.slice(start, start + size).map(pick);
    const next = start + size < matching.length ? String(start + size) : undefined;
    return next ? { records: page, offset: next } : { records: page };
  }

  private patchRecords(table: FakeTable, body: any): unknown {
    const records = body?.records;
    if (!Array.isArray(records) || records.length === 0 || records.length > 10) {
      throw new ApiError(422, 'INVALID_RECORDS', 'You must provide an array of up to 10 record objects');
    }
    const typecast = body.typecast === true;
    const merge: string[] | undefined = body.performUpsert?.fieldsToMergeOn;
    if (body.performUpsert) {
      if (!Array.isArray(merge) || merge.length < 1 || merge.length > 3) throw new ApiError(422, 'INVALID_MERGE_FIELDS', 'fieldsToMergeOn must name 1 to 3 fields');
      for (const m of merge) {
        const f = table.fields.find((x) => x.name === m);
        if (!f) throw new ApiError(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${m}"`);
        if (!['singleLineText', 'number', 'singleSelect', 'date', 'email', 'url', 'phoneNumber'].includes(f.type)) {
          throw new ApiError(422, 'INVALID_MERGE_FIELDS', `${m} cannot be a merge field`);
        }
      }
    }
    // Validate everything first: Airtable applies all records or none.
    const pendingChoices: { field: FakeField; name: string }[] = [];
    for (const rec of records) {
      if (!rec || typeof rec.fields !== 'object') throw new ApiError(422, 'INVALID_RECORDS', 'each record needs fields');
      if (merge) {
        if (rec.id) throw new ApiError(422, 'INVALID_RECORDS', 'upsert records take no id');
        for (const m of merge) if (rec.fields[m] === undefined || rec.fields[m] === '') throw new ApiError(422, 'INVALID_RECORDS', `merge field ${m} missing`);
      } else if (!table.records.some((r) => r.id === rec.id)) {
        throw new ApiError(404, 'ROW_DOES_NOT_EXIST', `Record ID ${rec.id} does not exist in this table`);
      }
      for (const [name, value] of Object.entries(rec.fields as Record<string, unknown>)) {
        const field = table.fields.find((f) => f.name === name);
        if (!field) throw new ApiError(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
        this.validateCell(field, value, typecast, pendingChoices);
      }
      const rejected = this.rejectRecord?.(table.name, rec.fields);
      if (rejected) throw new ApiError(422, rejected.type, rejected.message);
    }
    if (merge) {
      const keys = records.map((r: { fields: Record<string, unknown> }) => JSON.stringify(merge.map((m) => r.fields[m])));
      if (new Set(keys).size !== keys.length) throw new ApiError(422, 'INVALID_RECORDS', 'Two records of the request have the same merge values');
      for (const rec of records) {
        const matches = table.records.filter((r) => merge.every((m) => r.fields[m] === rec.fields[m]));
        if (matches.length > 1) throw new ApiError(422, 'INVALID_VALUE_FOR_COLUMN', `Upsert failed: more than one record matches the fields to merge on (${merge.join(', ')})`);
      }
    }
    // Apply.
    for (const c of pendingChoices) {
      if (!c.field.options!.choices!.some((x) => x.name === c.name)) c.field.options!.choices!.push({ id: this.id('sel'), name: c.name });
    }
    const created: string[] = [];
    const updated: string[] = [];
    const out: FakeRecord[] = [];
    for (const rec of records) {
      const fields = this.resolveLinks(table, rec.fields, typecast);
      let target = merge ? table.records.find((r) => merge.every((m) => r.fields[m] === rec.fields[m])) : table.records.find((r) => r.id === rec.id);
      if (target) {
        updated.push(target.id);
      } else {
        target = { id: this.id('rec'), createdTime: new Date(Date.UTC(2026, 0, 1) + this.seq * 1000).toISOString(), fields: {} };
        table.records.push(target);
        created.push(target.id);
      }
      for (const [k, v] of Object.entries(fields)) {
        if (v === false || v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete target.fields[k];
        else target.fields[k] = v;
      }
      target.modifiedAt = this.now();
      out.push(target);
    }
    return merge ? { records: out.map(publicRecord), createdRecords: created, updatedRecords: updated } : { records: out.map(publicRecord) };
  }

  private validateCell(field: FakeField, value: unknown, typecast: boolean, pendingChoices: { field: FakeField; name: string }[]): void {
    const bad = () => new ApiError(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${field.name}" cannot accept the provided value`);
    if (value === null) return;
    switch (field.type) {
      case 'singleLineText':
      case 'multilineText':
      case 'email':
      case 'url':
      case 'phoneNumber':
        if (typeof value !== 'string') throw bad();
        return;
      case 'number':
      case 'currency':
        if (typeof value !== 'number') throw bad();
        return;
      case 'checkbox':
        if (typeof value !== 'boolean') throw bad();
        return;
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad();
        return;
      case 'dateTime':
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw bad();
        return;
      case 'singleSelect':
      case 'multipleSelects': {
        const names = field.type === 'singleSelect' ? [value] : value;
        if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw bad();
        for (const name of names as string[]) {
          if (field.options!.choices!.some((c) => c.name === name)) continue;
          if (!typecast) throw new ApiError(422, 'INVALID_MULTIPLE_CHOICE_OPTIONS', `Insufficient permissions to create new select option ""${name}""`);
          pendingChoices.push({ field, name });
        }
        return;
      }
      case 'multipleRecordLinks': {
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw bad();
        const target = this.tables.find((t) => t.id === field.options!.linkedTableId)!;
        for (const v of value as string[]) {
          if (target.records.some((r) => r.id === v)) continue;
          // With typecast, resolveLinks makes a record named after the text, as Airtable does.
          if (!typecast) throw new ApiError(422, 'ROW_DOES_NOT_EXIST', `Record ID ${v} does not exist`);
        }
        return;
      }
      default:
        throw new ApiError(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${field.name}" is computed`);
    }
  }

  /** A record as Airtable reads it: each link field also lists the records linking to it from the other side. */
  private withInverseLinks(table: FakeTable, record: FakeRecord): unknown {
    const fields = { ...record.fields };
    for (const field of table.fields) {
      if (field.type !== 'multipleRecordLinks' || !field.options?.inverseLinkFieldId) continue;
      const other = this.tables.find((t) => t.id === field.options!.linkedTableId)!;
      const inverse = other.fields.find((f) => f.id === field.options!.inverseLinkFieldId);
      if (!inverse) continue;
      const linking = other.records.filter((r) => Array.isArray(r.fields[inverse.name]) && (r.fields[inverse.name] as string[]).includes(record.id)).map((r) => r.id);
      const stored = Array.isArray(fields[field.name]) ? (fields[field.name] as string[]) : [];
      const all = [...new Set([...stored, ...linking])].filter((id) => other.records.some((r) => r.id === id));
      if (all.length) fields[field.name] = all;
      else delete fields[field.name];
    }
    return { id: record.id, createdTime: record.createdTime, fields };
  }

  /** Like Airtable with typecast: link text that is not a record id creates a record named so. */
  private resolveLinks(table: FakeTable, fields: Record<string, unknown>, typecast: boolean): Record<string, unknown> {
    const out = { ...fields };
    for (const field of table.fields) {
      if (field.type !== 'multipleRecordLinks' || !Array.isArray(out[field.name])) continue;
      const target = this.tables.find((t) => t.id === field.options!.linkedTableId)!;
      const primary = target.fields.find((f) => f.id === target.primaryFieldId)!;
      out[field.name] = (out[field.name] as string[]).map((v) => {
        if (target.records.some((r) => r.id === v) || !typecast) return v;
        const [made] = this.seedRecords(target.name, [{ [primary.name]: v }]);
        return made.id;
      });
    }
    return out;
  }
}

/**
 * The formulas our code sends: the status watcher's `IS_AFTER(LAST_MODIFIED_TIME(), '<iso>')`, or
 * `{Field} = "value"` (and `{Field} = TRUE()`) terms, alone or in OR(...), with Airtable's string
 * escapes. Anything else is refused, as a formula error would be.
 */
function recordFilter(formula: string): (r: FakeRecord) => boolean {
  const after = /^IS_AFTER\(LAST_MODIFIED_TIME\(\), '(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)'\)$/.exec(formula);
  if (!after) return equalityFilter(formula);
  const since = Date.parse(after[1]);
  return (r) => (r.modifiedAt ?? 0) > since;
}

function equalityFilter(formula: string): (r: FakeRecord) => boolean {
  // `{Field} = "value"`, or `{Field} = TRUE()` for a ticked checkbox (the published missions).
  const term = /\{([^}]+)\} = (?:"((?:[^"\\]|\\.)*)"|(TRUE\(\)))/y;
  const terms: { field: string; value: string | true }[] = [];
  const body = formula.startsWith('OR(') && formula.endsWith(')') ? formula.slice(3, -1) : formula;
  let at = 0;
  while (at < body.length) {
    term.lastIndex = at;
    const m = term.exec(body);
    if (!m) throw new ApiError(422, 'INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${formula}`);
    terms.push({ field: m[1], value: m[3] ? true : m[2].replace(/\\(.)/g, '$1') });
    at = term.lastIndex;
    if (body.startsWith(', ', at)) at += 2;
    else if (at < body.length) throw new ApiError(422, 'INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${formula}`);
  }
  return (r) => terms.some((t) => (t.value === true ? r.fields[t.field] === true : String(r.fields[t.field] ?? '') === t.value));
}

function metaTable(t: FakeTable) {
  return { id: t.id, name: t.name, primaryFieldId: t.primaryFieldId, fields: t.fields.map((f) => ({ ...f })), views: [] };
}

function publicRecord(r: FakeRecord) {
  return { id: r.id, createdTime: r.createdTime, fields: { ...r.fields } };
}
