import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { useDraftStore } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { saveScenario, triedScenario } from './api';

/**
 * Keeps the tried conversation as a scenario: a name, and its YAML (what was typed, what must be
 * stored and recommended), editable before saving. Publishing replays every scenario.
 */
export function SaveScenarioDialog({ session, onClose }: { session: string; onClose: () => void }) {
  const { t } = useI18n();
  const store = useDraftStore();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [yaml, setYaml] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    triedScenario(session).then(
      (tried) => {
        setYaml(tried.yaml);
        setName((typed) => typed || tried.name);
      },
      () => setProblem(t('ui.scenario.load_failed')),
    );
    return () => {
      dialog?.close();
      before?.focus();
    };
    // Opened once per try (a change of language must not reload the scenario over the staff's edits).
  }, [session]);
  const save = async () => {
    if (!name.trim()) return setProblem(t('ui.scenario.name_required'));
    setBusy(true);
    setProblem(undefined);
    try {
      await store.flush();
      store.adopt(await saveScenario(store.revision, name.trim(), yaml ?? ''));
      setSaved(true);
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 409 ? t('ui.scenario.stale') : t('ui.scenario.save_failed'));
      if (err instanceof ApiError && err.status === 409) await store.load().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="scenario-dialog" aria-labelledby={`${id}-title`} onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id={`${id}-title`}>{t('ui.scenario.save_title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('ui.scenario.name')}</label>
          <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} required aria-describedby={`${id}-name-help`} />
          <p className="help" id={`${id}-name-help`}>
            {t('ui.scenario.name_help')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-yaml`}>{t('ui.scenario.yaml')}</label>
          <textarea id={`${id}-yaml`} className="code" rows={14} value={yaml ?? ''} onChange={(e) => setYaml(e.target.value)} disabled={yaml === undefined} spellCheck={false} />
        </div>
        <div role="status" aria-live="polite">
          {problem && <p className="notice error">{problem}</p>}
          {saved && <p className="notice success">{t('ui.scenario.saved')}</p>}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {saved ? t('ui.dialog.close') : t('ui.dialog.cancel')}
          </button>
          {!saved && (
            <button type="submit" className="primary" disabled={busy || yaml === undefined}>
              {t('ui.scenario.save')}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
