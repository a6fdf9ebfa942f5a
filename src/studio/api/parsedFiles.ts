import { parse } from 'yaml';
import type { JourneyFiles } from '../../flow/files';

/** Journey files as data (what the page's forms read): path → parsed YAML or JSON, null when it does not parse. */
export type ParsedFiles = Record<string, unknown>;

/** Each YAML and JSON file parsed; a file that does not parse is null (its issues say why). */
export function parseFiles(files: JourneyFiles, only?: Iterable<string>): ParsedFiles {
  const out: ParsedFiles = {};
  for (const file of only ?? Object.keys(files)) {
    const text = files[file];
    if (text === undefined) continue;
    if (/\.ya?ml$/.test(file)) out[file] = readOr(() => parse(text, { uniqueKeys: true }));
    else if (file.endsWith('.json')) out[file] = readOr(() => JSON.parse(text));
  }
  return out;
}

const readOr = (read: () => unknown): unknown => {
  try {
    return read() ?? null;
  } catch {
    return null;
  }
};

// Readers of data that may be anything (a draft being edited is often half written).

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asRecord = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asString = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A `{ fr, en }` text, each language falling back to the other, then to `fallback`. */
export function textOf(v: unknown, fallback: string): { fr: string; en: string } {
  const t = asRecord(v);
  const fr = asString(t.fr);
  const en = asString(t.en);
  return { fr: fr ?? en ?? fallback, en: en ?? fr ?? fallback };
}

/** The steps files of the journey, in the order flow.yaml lists them (files it does not list come last, by name). */
export function sectionFiles(parsed: ParsedFiles): string[] {
  const listed = asArray(asRecord(parsed['dialogs/flow.yaml']).sections)
    .map(asString)
    .filter((f): f is string => !!f)
    .map((f) => `dialogs/steps/${f}`);
  const others = Object.keys(parsed)
    .filter((f) => f.startsWith('dialogs/steps/') && !listed.includes(f))
    .sort();
  return [...new Set([...listed, ...others])];
}

/** Every step of every section, with where it is. */
export function stepsOf(parsed: ParsedFiles): { file: string; index: number; step: Record<string, unknown> }[] {
  return sectionFiles(parsed).flatMap((file) =>
    asArray(asRecord(parsed[file]).steps).flatMap((step, index) => (isRecord(step) ? [{ file, index, step }] : [])),
  );
}
