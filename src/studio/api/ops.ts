import type { JourneyFiles } from '../../flow/files';
import { applyDraftEdits, type DraftEdit, DraftEditError } from '../../journey/draft';
import { YamlEditError } from '../../journey/yamlText';
import { moveListItem } from './moveItem';
import type { Op } from './requests';

/** An operation of a PATCH that cannot apply (nothing is written): which one, and why. */
export class OpError extends Error {
  constructor(
    readonly index: number,
    readonly code: string,
    reason: string,
  ) {
    super(`ops[${index}]: ${reason}`);
    this.name = 'OpError';
  }
}

/**
 * Applies the page's operations in order to the draft's files (pure): a form edit is an edit of
 * a file's YAML document (comments and layout kept, src/journey/yamlEdit.ts), the YAML view
 * replaces a whole file. All apply, or an OpError names the first that did not.
 */
export function applyOps(files: JourneyFiles, ops: readonly Op[]): JourneyFiles {
  let current = files;
  ops.forEach((op, index) => {
    const fail = (code: string, reason: string) => new OpError(index, code, `${op.op} ${op.file}${'path' in op ? ` at ${JSON.stringify(op.path)}` : ''}: ${reason}`);
    const exists = current[op.file] !== undefined;
    if (op.op === 'replaceFile' && !exists) throw fail('no_such_file', 'no such file in the draft (createFile makes a new one)');
    if (op.op === 'createFile' && exists) throw fail('file_exists', 'the file already exists (replaceFile changes it)');
    try {
      current = applyDraftEdits(current, [asEdit(op, current)]);
    } catch (err) {
      if (err instanceof DraftEditError) throw fail(err.code, err.message.replace(`${op.file}: `, ''));
      if (err instanceof YamlEditError) throw fail(err.code, err.message);
      throw err;
    }
  });
  return current;
}

function asEdit(op: Op, files: JourneyFiles): DraftEdit {
  switch (op.op) {
    case 'set':
    case 'delete':
    case 'insert':
      return op;
    case 'move': {
      const text = files[op.file];
      if (text === undefined) return { op: 'remove', file: op.file }; // refused as "no such file" by applyDraftEdits
      if (!/\.ya?ml$/.test(op.file)) throw new YamlEditError('bad_path', 'only YAML files are edited by path');
      return { op: 'replace', file: op.file, text: moveListItem(text, op.path, op.from, op.to) };
    }
    case 'replaceFile':
    case 'createFile':
      return { op: 'replace', file: op.file, text: op.text };
    case 'deleteFile':
      return { op: 'remove', file: op.file };
  }
}

/** The edits that turn `before` into `after`: whole files replaced or removed (what the draft store writes). */
export function fileEdits(before: JourneyFiles, after: JourneyFiles): DraftEdit[] {
  const edits: DraftEdit[] = [];
  for (const file of Object.keys(after)) if (after[file] !== before[file]) edits.push({ op: 'replace', file, text: after[file] });
  for (const file of Object.keys(before)) if (after[file] === undefined) edits.push({ op: 'remove', file });
  return edits;
}
