/**
 * A value as an Airtable formula string literal: double-quoted, with backslashes and double
 * quotes escaped, so nothing a user typed can end the literal and widen a filter.
 */
export function formulaString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `{Field} = "value"` for each value, joined with OR (a single term stands alone). */
export function anyFieldEquals(terms: readonly { field: string; value: string }[]): string {
  const parts = terms.map((t) => `{${t.field}} = ${formulaString(t.value)}`);
  return parts.length === 1 ? parts[0] : `OR(${parts.join(', ')})`;
}
