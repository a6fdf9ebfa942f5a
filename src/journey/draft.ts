import { isJourneyPath, type JourneyFiles, sortedFiles } from '../flow/files';
import type { CodedFlowIssue } from '../flow/model';
import { type JourneyStore, StaleDraftError } from '../stores/journeyStore';
import { type PublishResult, publishJourney } from './publishing';
import type { JourneyRegistry } from './registry';
import { validateJourney } from './validate';
import { editYaml, YamlEditError, type YamlPath } from './yamlEdit';

/** One change to the draft: a form edit by YAML path, or a whole file (the YAML view). */
export type DraftEdit =
  /** Sets the value at `path` in a YAML file (a text, a choice, a condition…), creating missing keys. */
  | { op: 'set'; file: string; path: YamlPath; value: unknown }
  /** Removes a key or a list item (a question, a choice…), with the comment lines just above it. */
  | { op: 'delete'; file: string; path: YamlPath }
  /** Inserts into the list at `path`, before `index` (default: at the end). */
  | { op: 'insert'; file: string; path: YamlPath; index?: number; value: unknown }
  /** Replaces (or creates) a whole file. */
  | { op: 'replace'; file: string; text: string }
  /** Removes a whole file. */
  | { op: 'remove'; file: string };

/** The draft as the studio shows it. */
export interface DraftView {
  files: JourneyFiles;
  /** What the next write must name: 0 while there is no draft (the view is then the live version). */
  revision: number;
  basedOn: number;
  updatedBy?: string;
  updatedAt?: string;
  /** Every problem with these files, at the field it concerns (the studio shows them as staff type). */
  issues: CodedFlowIssue[];
}

/** An edit that cannot be applied as asked (nothing is written). */
export class DraftEditError extends Error {
  constructor(
    readonly code: 'not_a_journey_file' | 'no_such_file' | 'not_yaml' | YamlEditError['code'],
    readonly edit: DraftEdit,
    message: string,
  ) {
    super(`${edit.file}: ${message}`);
    this.name = 'DraftEditError';
  }
}

/** Applies edits in order to journey files (pure); all apply or a DraftEditError says which did not. */
export function applyDraftEdits(files: JourneyFiles, edits: readonly DraftEdit[]): JourneyFiles {
  const next: Record<string, string> = { ...files };
  for (const edit of edits) {
    if (!isJourneyPath(edit.file)) throw new DraftEditError('not_a_journey_file', edit, 'not a journey file path');
    if (edit.op === 'replace') {
      next[edit.file] = edit.text;
      continue;
    }
    if (next[edit.file] === undefined) throw new DraftEditError('no_such_file', edit, 'no such file in the draft');
    if (edit.op === 'remove') {
      delete next[edit.file];
      continue;
    }
    if (!/\.ya?ml$/.test(edit.file)) throw new DraftEditError('not_yaml', edit, 'only YAML files are edited by path; replace a card whole');
    try {
      next[edit.file] = editYaml(next[edit.file], edit);
    } catch (err) {
      if (err instanceof YamlEditError) throw new DraftEditError(err.code, edit, err.message);
      throw err;
    }
  }
  return sortedFiles(next);
}

/**
 * The one draft staff share: read it (or the live version when there is none), change it with
 * form edits or whole files, discard it, publish it. Every write names the revision it was
 * made on; a write on an older revision is refused (StaleDraftError) and changes nothing.
 */
export class JourneyDrafts {
  constructor(
    private readonly store: JourneyStore,
    private readonly registry?: JourneyRegistry,
  ) {}

  async view(): Promise<DraftView> {
    const draft = await this.store.draft();
    if (draft) return { ...draft, issues: validateJourney(draft.files).issues };
    const live = await this.liveVersion();
    const files = (await this.store.version(live))?.files ?? {};
    return { files, revision: 0, basedOn: live, issues: validateJourney(files).issues };
  }

  /** Applies the edits (all or none) to the draft as it was at `expectedRevision`. */
  async edit(edits: readonly DraftEdit[], expectedRevision: number, author: string): Promise<DraftView> {
    const current = await this.view();
    if (current.revision !== expectedRevision) throw new StaleDraftError(expectedRevision, current.revision);
    const files = applyDraftEdits(current.files, edits);
    const saved = await this.store.saveDraft({ files, basedOn: current.basedOn, updatedBy: author }, expectedRevision);
    return { ...saved, issues: validateJourney(files).issues };
  }

  /** The draft now builds on the live version (after staff reviewed what was published meanwhile). */
  async rebase(expectedRevision: number, author: string): Promise<DraftView> {
    const draft = await this.store.draft();
    if (!draft || draft.revision !== expectedRevision) throw new StaleDraftError(expectedRevision, draft?.revision ?? 0);
    const saved = await this.store.saveDraft({ files: draft.files, basedOn: await this.liveVersion(), updatedBy: author }, expectedRevision);
    return { ...saved, issues: validateJourney(saved.files).issues };
  }

  async discard(expectedRevision: number): Promise<void> {
    await this.store.deleteDraft(expectedRevision);
  }

  /**
   * Publishes the draft at `expectedRevision` when it is valid and still based on the live
   * version (else LiveVersionChangedError: review what was published, then rebase), then clears it.
   */
  async publish(expectedRevision: number, author: string, comment: string): Promise<PublishResult> {
    const draft = await this.store.draft();
    if (!draft || draft.revision !== expectedRevision) throw new StaleDraftError(expectedRevision, draft?.revision ?? 0);
    const result = await publishJourney(this.store, draft.files, author, comment, { expectedLive: draft.basedOn, registry: this.registry });
    if (result.ok) {
      try {
        await this.store.deleteDraft(expectedRevision);
      } catch (err) {
        // Edited while it was being published: the newer edits stay, as a draft on the old version.
        if (!(err instanceof StaleDraftError)) throw err;
      }
    }
    return result;
  }

  private async liveVersion(): Promise<number> {
    const live = await this.store.liveVersion();
    if (live === undefined) throw new Error('The journey store has no version yet (it is seeded at start)');
    return live;
  }
}
