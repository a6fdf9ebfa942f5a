/** The operator works in France: "this year" and "this month" are read on the Paris clock. */
const parisYearMonth = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', year: 'numeric', month: 'numeric' });

export function parisCalendar(now: Date): { year: number; month: number } {
  const parts = parisYearMonth.formatToParts(now);
  const part = (type: 'year' | 'month'): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}
