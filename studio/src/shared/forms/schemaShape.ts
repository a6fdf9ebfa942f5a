import type { JsonSchema } from '../api/contract';

/**
 * What a JSON Schema (from GET /studio/api/schemas, made from the same zod schemas as flow:check)
 * looks like to a form: which widget edits it. Recognised by structure, not by name, so a
 * field added to a schema gets a form without a change here.
 */
export type Shape =
  | { kind: 'bilingual' }
  | { kind: 'synonyms' }
  | { kind: 'condition' }
  | { kind: 'choices'; item: JsonSchema }
  | { kind: 'next'; branch: JsonSchema }
  | { kind: 'object'; properties: [string, JsonSchema][]; required: Set<string> }
  | { kind: 'variants'; discriminator: string; variants: Map<string, JsonSchema> }
  | { kind: 'enum'; values: unknown[] }
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean; minimum?: number; maximum?: number }
  | { kind: 'string'; pattern?: string }
  | { kind: 'scalar' }
  | { kind: 'list'; item: JsonSchema }
  | { kind: 'unknown' };

/** Follows `$ref: '#/$defs/x'` within the schema it came from. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 10; hops++) {
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    s = root.$defs?.[name] ?? (s.$ref === '#' ? root : {});
  }
  return s;
}

const variantsOf = (s: JsonSchema): JsonSchema[] | undefined => s.oneOf ?? s.anyOf;
const types = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const isType = (s: JsonSchema, t: string) => types(s).includes(t);

function hasLanguages(s: JsonSchema, inner: string): boolean {
  const keys = Object.keys(s.properties ?? {});
  return isType(s, 'object') && keys.length === 2 && keys.includes('fr') && keys.includes('en') && keys.every((k) => isType(s.properties![k], inner));
}

export function isCondition(schema: JsonSchema, root: JsonSchema): boolean {
  const variants = variantsOf(resolve(schema, root))?.map((v) => resolve(v, root));
  return !!variants && variants.some((v) => v.properties?.field) && variants.some((v) => v.properties?.all);
}

/** The property every variant fixes with a `const` (a question's `kind`). */
function discriminator(variants: JsonSchema[]): string | undefined {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((key) => variants.every((v) => v.properties?.[key]?.const !== undefined));
}

export function shapeOf(schema: JsonSchema, root: JsonSchema): Shape {
  const s = resolve(schema, root);
  if (hasLanguages(s, 'string')) return { kind: 'bilingual' };
  if (hasLanguages(s, 'array')) return { kind: 'synonyms' };
  if (isCondition(s, root)) return { kind: 'condition' };
  const variants = variantsOf(s)?.map((v) => resolve(v, root));
  if (variants) {
    const key = variants.every((v) => isType(v, 'object')) ? discriminator(variants) : undefined;
    if (key) return { kind: 'variants', discriminator: key, variants: new Map(variants.map((v) => [String(v.properties![key].const), v])) };
    const list = variants.find((v) => isType(v, 'array'));
    const branch = list?.items ? resolve(list.items, root) : undefined;
    if (branch?.properties?.goto && variants.some((v) => isType(v, 'string'))) return { kind: 'next', branch };
    return { kind: 'unknown' };
  }
  if (s.enum) return { kind: 'enum', values: s.enum };
  if (s.const !== undefined) return { kind: 'enum', values: [s.const] };
  if (types(s).length > 1) return { kind: 'scalar' };
  if (isType(s, 'object') && s.properties) {
    return { kind: 'object', properties: Object.entries(s.properties), required: new Set(s.required ?? []) };
  }
  if (isType(s, 'array') && s.items) {
    const item = resolve(s.items, root);
    if (item.properties?.value && item.properties?.label) return { kind: 'choices', item };
    return { kind: 'list', item };
  }
  if (isType(s, 'boolean')) return { kind: 'boolean' };
  if (isType(s, 'integer') || isType(s, 'number')) return { kind: 'number', integer: isType(s, 'integer'), minimum: s.minimum, maximum: s.maximum };
  if (isType(s, 'string')) return { kind: 'string', pattern: s.pattern };
  return { kind: 'unknown' };
}

/** An empty value of a schema, for "add": empty texts and lists, the first option, the default. */
export function emptyValue(schema: JsonSchema, root: JsonSchema): unknown {
  const s = resolve(schema, root);
  if (s.default !== undefined) return s.default;
  const shape = shapeOf(s, root);
  switch (shape.kind) {
    case 'bilingual':
      return { fr: '', en: '' };
    case 'synonyms':
      return { fr: [], en: [] };
    case 'condition':
      return { field: '', is_set: true };
    case 'object':
      return Object.fromEntries(shape.properties.filter(([k]) => shape.required.has(k)).map(([k, v]) => [k, emptyValue(v, root)]));
    case 'variants': {
      const [first, variant] = [...shape.variants][0];
      return { ...(emptyValue(variant, root) as object), [shape.discriminator]: first };
    }
    case 'enum':
      return shape.values[0];
    case 'boolean':
      return false;
    case 'number':
      return shape.minimum ?? 0;
    case 'choices':
    case 'list':
      return [];
    default:
      return '';
  }
}
