/**
 * Measures what the English Recognizers-Text warm-up costs: CPU, RSS and the longest slice (the
 * most a turn arriving meanwhile waits); times first parses before it (French, and English on our
 * own readers) and after it. French uses no model. A measuring tool, not a test (no thresholds):
 *   node --expose-gc dist/scripts/recognizers-warmup.js
 */
import { parseAmount, parseCount, parseDeadline, warmUpEnglish, type WarmUpStep } from '../src/answers';

const now = new Date('2026-11-23T12:00:00Z');

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 1e6);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
}

async function measure(label: string, warm: (onStep: (s: WarmUpStep) => void) => Promise<number>) {
  const steps: WarmUpStep[] = [];
  const cpu = process.cpuUsage();
  const rssBefore = rssMb();
  const wallMs = await warm((s) => steps.push(s));
  const longest = steps.reduce((m, s) => Math.max(m, s.longestSliceMs), 0);
  console.log(`${label}: CPU ${cpuMs(cpu)} ms, wall ${wallMs} ms, RSS ${rssBefore} → ${rssMb()} MB, longest slice ${longest} ms`);
  for (const s of steps) console.log(`  ${s.kind} ${s.encoding}: ${s.ms} ms (longest slice ${s.longestSliceMs} ms)`);
}

function firstParses(label: string, inputs: [(i: string, c: { locale: 'fr' | 'en'; now: Date }) => unknown, string, 'fr' | 'en'][]) {
  const times = inputs.map(([parse, input, locale]) => {
    const started = performance.now();
    parse(input, { locale, now });
    return `${input} ${Math.round(performance.now() - started)} ms`;
  });
  console.log(`${label}: ${times.join('; ')}`);
}

async function main() {
  console.log(`node ${process.version}, modules loaded: RSS ${rssMb()} MB`);
  firstParses('first French parses (no model)', [
    [parseCount, 'une quarantaine de bénévoles', 'fr'],
    [parseAmount, "deux millions d'euros", 'fr'],
    [parseDeadline, 'vendredi prochain', 'fr'],
    [parseDeadline, 'la semaine prochaine', 'fr'],
  ]);
  firstParses('English parses, models cold (own lexicon)', [
    [parseCount, 'twelve employees', 'en'],
    [parseAmount, 'two hundred thousand euros', 'en'],
    [parseDeadline, 'end of Q3 2027', 'en'],
    [parseDeadline, 'the day after tomorrow', 'en'],
  ]);
  await measure('English warm-up', warmUpEnglish);
  firstParses('English parses, models warm', [
    [parseCount, 'twelve employees', 'en'],
    [parseAmount, 'two hundred thousand euros', 'en'],
    [parseDeadline, 'end of Q3 2027', 'en'],
    [parseDeadline, 'the day after tomorrow', 'en'],
  ]);
}

void main();
