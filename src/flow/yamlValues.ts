import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { PROJECT_ROOT } from '../paths';
import type { ParsedYaml } from './positions';

/**
 * The repository's YAML files, parsed at build time. Parsing the journey's 165 KB of YAML, cold,
 * was about 0.2 s of every start (before /readyz), for files that had not changed since the build.
 * `npm run build` writes each error-free file's value under the SHA-256 of its text
 * (scripts/build-yaml-values.js); a text found there is not parsed again at start. Any other
 * text (a version published in the studio, a file edited after the build, another version of
 * the `yaml` package) is parsed as before: the cache can make a start faster, never different.
 */
export const YAML_VALUES_FILE = path.join(PROJECT_ROOT, 'dist', 'yaml-values.json');

interface YamlValuesFile {
  /** The `yaml` package that parsed them: another one may read a text differently. */
  yaml: string;
  /** SHA-256 (hex) of a file's text → the JSON of its value. */
  values: Record<string, string>;
}

const YAML_VERSION = (require('yaml/package.json') as { version: string }).version;

let known: Map<string, string> | undefined;

/** Reads the build's values once; none when the file is missing, unreadable or from another `yaml`. */
function knownValues(file = YAML_VALUES_FILE): Map<string, string> {
  if (known) return known;
  known = new Map();
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as YamlValuesFile;
    if (stored.yaml === YAML_VERSION) known = new Map(Object.entries(stored.values));
  } catch {
    // No build values (tests, a fresh clone before its build): every text is parsed.
  }
  return known;
}

/** Tests: reads the values from `file` (or forgets them) before the next use. */
export function useYamlValuesFile(file: string | undefined): void {
  known = undefined;
  if (file) knownValues(file);
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export type YamlRead = { ok: true; value: unknown; positions: ParsedYaml } | { ok: false; errors: YAMLError[] };

/**
 * A YAML text's value, and what places a problem at its line and column. On a text known from
 * the build, the document with its positions is parsed only when a problem needs it.
 */
export function readYaml(text: string): YamlRead {
  const json = knownValues().get(digest(text));
  if (json !== undefined) return { ok: true, value: JSON.parse(json), positions: lazyPositions(text) };
  const parsed = parseWithPositions(text);
  return parsed.doc.errors.length ? { ok: false, errors: parsed.doc.errors } : { ok: true, value: parsed.doc.toJS(), positions: parsed };
}

function parseWithPositions(text: string): ParsedYaml {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines }), lines };
}

function lazyPositions(text: string): ParsedYaml {
  let parsed: ParsedYaml | undefined;
  const get = () => (parsed ??= parseWithPositions(text));
  return {
    get doc() {
      return get().doc;
    },
    get lines() {
      return get().lines;
    },
  };
}

/**
 * What the build writes (scripts/build-yaml-values.js): the value of each text that parses
 * without an error or a warning and whose value is plain JSON (a text whose value JSON would
 * change, such as `.nan`, is left to be parsed at start).
 */
export function yamlValuesOf(texts: Iterable<string>): YamlValuesFile {
  const values: Record<string, string> = {};
  for (const text of texts) {
    const { doc } = parseWithPositions(text);
    if (doc.errors.length || doc.warnings.length) continue;
    const value = doc.toJS();
    const json = JSON.stringify(value);
    if (json === undefined || !sameJson(JSON.parse(json), value)) continue;
    values[digest(text)] = json;
  }
  return { yaml: YAML_VERSION, values };
}

/** Deep equality of a JSON value with a parsed YAML value (numbers with Object.is: -0 and NaN differ from what JSON gives back). */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(b) !== (Array.isArray(b) ? Array.prototype : Object.prototype)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
