import type { JourneyFiles } from '../../flow/files';
import type { DraftView } from '../../journey/draft';
import { type JourneyGraph, journeyGraph } from './graph';
import { type StudioIssue, studioIssues } from './issues';
import { type ParsedFiles, parseFiles } from './parsedFiles';
import type { StudioWords } from './studioWords';

/** The draft as GET /studio/api/journey gives it. */
export interface DraftAnswer {
  revision: number;
  basedOn: number;
  updatedBy?: string;
  updatedAt?: string;
  files: JourneyFiles;
  parsed: ParsedFiles;
  issues: StudioIssue[];
  graph: JourneyGraph;
}

/** The answer to a write: what changed (a removed file is null in `files` and `parsed`), every issue, the map. */
export interface DraftChange {
  revision: number;
  files: Record<string, string | null>;
  parsed: Record<string, unknown>;
  issues: StudioIssue[];
  graph: JourneyGraph;
}

export function draftAnswer(view: DraftView, words: StudioWords): DraftAnswer {
  const parsed = parseFiles(view.files);
  return {
    revision: view.revision,
    basedOn: view.basedOn,
    ...(view.updatedBy ? { updatedBy: view.updatedBy } : {}),
    ...(view.updatedAt ? { updatedAt: view.updatedAt } : {}),
    files: view.files,
    parsed,
    issues: studioIssues(view.issues, words),
    graph: journeyGraph(parsed, words),
  };
}

export function draftChange(before: JourneyFiles, view: DraftView, words: StudioWords): DraftChange {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(view.files)])].filter((f) => before[f] !== view.files[f]).sort();
  const parsedNow = parseFiles(view.files);
  return {
    revision: view.revision,
    files: Object.fromEntries(changed.map((f) => [f, view.files[f] ?? null])),
    parsed: Object.fromEntries(changed.map((f) => [f, f in parsedNow ? parsedNow[f] : null])),
    issues: studioIssues(view.issues, words),
    graph: journeyGraph(parsedNow, words),
  };
}
