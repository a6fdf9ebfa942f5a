/**
 * The shapes the studio server answers with (docs/studio-api.md, "Types" and "Routes").
 * The page trusts its own server for these; the server validates what the page sends.
 */

export type Lang = 'fr' | 'en';
export type Bilingual = { fr: string; en: string };
export type JsonPath = (string | number)[];

export interface Issue {
  file: string;
  path: JsonPath;
  code: string;
  params: Record<string, unknown>;
  message: Bilingual;
  line?: number;
  col?: number;
  severity: 'error' | 'warning';
}

export interface StepFigures {
  reached: number;
  answered: number;
  reprompted: number;
  why: number;
  skipped: number;
  stopped: number;
  inProgress: number;
}

export type NodeKind = 'section' | 'question' | 'ending' | 'summary' | 'criterion' | 'programme' | 'fallback';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: Bilingual;
  file: string;
  path: JsonPath;
  section?: string;
  /** "asked only if …", in words. */
  when?: Bilingual;
  figures?: StepFigures;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'next' | 'branch';
  label?: Bilingual;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export type Op =
  | { op: 'set'; file: string; path: JsonPath; value: unknown }
  | { op: 'delete'; file: string; path: JsonPath }
  | { op: 'insert'; file: string; path: JsonPath; index: number; value: unknown }
  | { op: 'move'; file: string; path: JsonPath; from: number; to: number }
  | { op: 'replaceFile'; file: string; text: string }
  | { op: 'createFile'; file: string; text: string }
  | { op: 'deleteFile'; file: string };

export interface Me {
  staff: { id: string; name: string; email?: string };
  csrfToken: string;
  lang: Lang;
}

export interface VersionInfo {
  number: number;
  author: string;
  createdAt: string;
  comment: string;
  live?: boolean;
}

export interface Draft {
  revision: number;
  basedOn: number;
  updatedBy?: string;
  updatedAt?: string;
  files: Record<string, string>;
  parsed: Record<string, unknown>;
  issues: Issue[];
  graph: Graph;
}

export interface JourneyAnswer {
  live: VersionInfo;
  draft: Draft;
}

/** PATCH /studio/api/draft (and POST /studio/api/scenarios): the changed files only. */
export interface DraftAnswer {
  revision: number;
  files: Record<string, string>;
  parsed: Record<string, unknown>;
  issues: Issue[];
  graph: Graph;
}

/** JSON Schemas by name (step, choice, condition, criterion, programme, fallback, ending, settings, calendar, texts entry). */
export type Schemas = Record<string, JsonSchema>;

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  description?: string;
}

export interface Outcome {
  programme?: string;
  eligible?: boolean;
  callback: boolean;
  needs: number;
  failures: { turn: number; expected: string; got: string }[];
}

export interface ScenarioRun {
  file: string;
  name: string;
  live: Outcome;
  draft: Outcome;
  changed: boolean;
}

export interface DiffAnswer {
  files: { file: string; patch: string }[];
  summary: { kind: string; id: string; change: 'added' | 'removed' | 'changed'; text: Bilingual }[];
}

export interface InsightsAnswer {
  steps: ({ version: number; step: string } & StepFigures)[];
  outcomes: { kind: 'programme' | 'not_eligible' | 'callback'; key: string; count: number }[];
  medianCompletionSeconds: number | null;
}
