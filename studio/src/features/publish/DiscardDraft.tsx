import { useState } from 'react';
import { ConfirmDialog } from '../../layout/ConfirmDialog';
import { ApiError } from '../../shared/api/client';
import { useDraftStore } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { discardDraft } from './api';

/** How a discard ended: `stale` when someone saved the draft meanwhile (their edits are not thrown away unseen). */
export type DiscardOutcome = 'discarded' | 'stale' | 'failed';

/** Throws the draft away (after confirming): it becomes the live version again. */
export function DiscardDraft({ onDone }: { onDone: (outcome: DiscardOutcome) => void }) {
  const { t } = useI18n();
  const store = useDraftStore();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const discard = async () => {
    setBusy(true);
    let outcome: DiscardOutcome = 'discarded';
    try {
      // This page's own pending edits go first, so that the revision sent is the latest.
      await store.flush();
      await discardDraft(store.revision);
    } catch (err) {
      outcome = err instanceof ApiError && err.code === 'stale' ? 'stale' : 'failed';
    }
    await store.load().catch(() => undefined);
    setBusy(false);
    setAsking(false);
    onDone(outcome);
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        {t('ui.publish.discard')}
      </button>
      {asking && (
        <ConfirmDialog title={t('ui.publish.discard_title')} confirm={t('ui.publish.discard_confirm')} onCancel={() => setAsking(false)} onConfirm={() => void discard()} busy={busy}>
          <p>{t('ui.publish.discard_body')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
