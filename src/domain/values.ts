/**
 * The answers of a conversation and the values derived from them, by field name.
 * null or undefined means "not answered".
 */
export type Values = Readonly<Record<string, unknown>>;

/** The value of a field; own properties only, so a field named "constructor" is just unset. */
export function valueOf(values: Values, field: string): unknown {
  return Object.prototype.hasOwnProperty.call(values, field) ? values[field] : undefined;
}
