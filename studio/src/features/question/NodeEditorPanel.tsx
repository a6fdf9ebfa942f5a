import { type KeyboardEvent, useEffect, useRef } from 'react';
import { hrefOf } from '../../shared/navigation/router';
import { Link } from '../../shared/navigation/Link';
import type { GraphNode } from '../../shared/api/contract';
import { useIssues } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { NodeEditor } from './NodeEditor';
import { QuestionActions } from './QuestionActions';

/**
 * The editor of one node beside the map: its heading takes the focus when it opens, Escape or
 * the close button goes back to the map. Changes save as they are typed (see the status line).
 */
export function NodeEditorPanel({ node, onClose }: { node: GraphNode; onClose: () => void }) {
  const { t, pick } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const issues = useIssues(node.file, node.kind === 'section' && node.path.at(-1) !== 'section' ? [...node.path, 'section'] : node.path, true);
  useEffect(() => heading.current?.focus(), []);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !(e.target instanceof HTMLSelectElement)) {
      e.stopPropagation();
      onClose();
    }
  };
  const line = issues.find((i) => i.line)?.line;
  return (
    <section className="editor-panel" aria-labelledby="editor-title" onKeyDown={onKey}>
      <div className="editor-head">
        <h3 id="editor-title" tabIndex={-1} ref={heading}>
          {t(`ui.map.kind.${node.kind}`)} : {pick(node.label) || node.id}
        </h3>
        <button type="button" onClick={onClose}>
          {t('ui.editor.close')}
        </button>
      </div>
      <p className="editor-where">
        {t('ui.editor.where', { file: node.file })}{' '}
        <Link href={hrefOf('yaml', { file: node.file, line: line ? String(line) : undefined })}>{t('ui.editor.open_yaml')}</Link>
      </p>
      {issues.length > 0 && <p className="notice warning">{t('ui.editor.issues_here', { count: issues.length })}</p>}
      <form className="node-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="editor-title">
        <NodeEditor node={node} />
      </form>
      {node.kind === 'question' && <QuestionActions node={node} onRemoved={onClose} />}
    </section>
  );
}
