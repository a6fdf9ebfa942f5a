/** The printed result: one row per metric, the bot beside the echo bot, and their ratio. */
export interface Row {
  label: string;
  bot: number;
  /** Undefined when the echo bot has no such figure (it keeps no journal). */
  echo?: number;
  /** The target the issue sets, as text ("< 3000"), if any. */
  target?: string;
  /** Digits after the decimal point. */
  digits?: number;
}

function cell(n: number | undefined, digits: number): string {
  if (n === undefined) return '-';
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['metric', 'bot', 'echo', 'bot/echo', 'target'];
  const lines = rows.map((r) => {
    const ratio = r.echo === undefined ? undefined : r.bot / r.echo;
    return [r.label, cell(r.bot, r.digits ?? 0), cell(r.echo, r.digits ?? 0), cell(ratio, 2), r.target ?? ''];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}
