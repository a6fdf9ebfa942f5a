import path from 'node:path';
import { CARDS_PREFIX, DIALOGS_PREFIX } from './files';
import { validateFlowFiles } from './loadFromFiles';
import { type CodedFlowIssue, FlowError, type Flow } from './model';
import { readJourneyDir } from './readJourneyDir';

export { loadFlowFromFiles, REQUIRED_CARDS, validateFlowFiles } from './loadFromFiles';
export { readJourneyDir } from './readJourneyDir';

/**
 * Reads `dialogs/` and `cards/` from disk, validates every file with its schema, then runs the
 * graph checks. Throws a FlowError listing every problem (file as found on disk, path,
 * reason), never the first only.
 */
export function loadFlow(dialogsDir: string, cardsDir = path.join(dialogsDir, '..', 'cards')): Flow {
  const { flow, issues } = validateFlowFiles(readJourneyDir(dialogsDir, cardsDir), { dir: dialogsDir });
  if (flow) return flow;
  throw new FlowError(issuesOnDisk(issues, dialogsDir, cardsDir));
}

/** Issues about journey files (`dialogs/…`, `cards/…`) named by where those files are on disk, from the current folder. */
export function issuesOnDisk<I extends CodedFlowIssue>(issues: readonly I[], dialogsDir: string, cardsDir: string): I[] {
  const rel = (file: string) => path.relative(process.cwd(), file) || file;
  const onDisk = (file: string) =>
    file.startsWith(DIALOGS_PREFIX)
      ? rel(path.join(dialogsDir, file.slice(DIALOGS_PREFIX.length)))
      : file.startsWith(CARDS_PREFIX)
        ? rel(path.join(cardsDir, file.slice(CARDS_PREFIX.length)))
        : file;
  return issues.map((i) => ({ ...i, file: onDisk(i.file) }));
}
