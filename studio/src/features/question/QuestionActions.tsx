import { useState } from 'react';
import type { GraphNode } from '../../shared/api/contract';
import { useDraftStore } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { ConfirmDialog } from '../../layout/ConfirmDialog';

/** Add a question after this one, or remove this one (after confirming). */
export function QuestionActions({ node, onRemoved }: { node: GraphNode; onRemoved: () => void }) {
  const { t, pick } = useI18n();
  const store = useDraftStore();
  const [confirming, setConfirming] = useState(false);
  const list = node.path.slice(0, -1);
  const index = Number(node.path[node.path.length - 1]);
  const addAfter = () =>
    void store.apply([
      {
        op: 'insert',
        file: node.file,
        path: list,
        index: index + 1,
        // Empty wording on purpose: flow:check then points at each text still to write.
        value: { id: `question_${Date.now().toString(36)}`, kind: 'text', label: { fr: '', en: '' }, ask: { fr: '', en: '' }, why: { fr: '', en: '' } },
      },
    ]);
  return (
    <div className="editor-actions">
      <button type="button" onClick={addAfter}>
        {t('ui.editor.add_after')}
      </button>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        {t('ui.editor.remove')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('ui.editor.remove_title')}
          confirm={t('ui.editor.remove_confirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            await store.apply([{ op: 'delete', file: node.file, path: node.path }]);
            onRemoved();
          }}
        >
          <p>{t('ui.editor.remove_body', { label: pick(node.label) || node.id })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
