import { useState } from 'react';
import { ConfirmDialog } from '../../layout/ConfirmDialog';
import { ScreenTitle } from '../../layout/ScreenTitle';
import type { VersionInfo } from '../../shared/api/contract';
import { useResource } from '../../shared/api/useResource';
import { useDraftStore } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { listVersions, rollback } from './api';
import { VersionDiff } from './VersionDiff';

/** Every published version (author, time, comment), what each changed, and going back to one. */
export function VersionsPage() {
  const { t, lang } = useI18n();
  const store = useDraftStore();
  const versions = useResource(listVersions, 'versions');
  const [open, setOpen] = useState<number>();
  const [target, setTarget] = useState<VersionInfo>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const when = (iso: string) => new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  const back = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const version = await rollback(target.number, comment.trim());
      setMessage({ ok: true, text: t('ui.versions.rolled_back', { version, from: target.number }) });
      setTarget(undefined);
      setComment('');
      await Promise.all([versions.reload(), store.load()]);
    } catch {
      setMessage({ ok: false, text: t('ui.versions.rollback_failed') });
      setTarget(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="versions-page">
      <ScreenTitle intro={t('ui.versions.intro')}>{t('ui.versions.title')}</ScreenTitle>
      <div role="status" aria-live="polite">
        {message && <p className={`notice ${message.ok ? 'success' : 'error'}`}>{message.text}</p>}
      </div>
      {versions.error ? <p className="notice error">{t('ui.versions.load_failed')}</p> : null}
      {!versions.data ? (
        <p className="loading">{t('ui.app.loading')}</p>
      ) : (
        <table className="versions-table">
          <caption className="visually-hidden">{t('ui.versions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.versions.number')}</th>
              <th scope="col">{t('ui.versions.author')}</th>
              <th scope="col">{t('ui.versions.date')}</th>
              <th scope="col">{t('ui.versions.comment')}</th>
              <th scope="col">{t('ui.versions.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((v) => (
              <VersionRow key={v.number} v={v} when={when(v.createdAt)} open={open === v.number} onToggle={() => setOpen(open === v.number ? undefined : v.number)} onRollback={() => setTarget(v)} />
            ))}
          </tbody>
        </table>
      )}
      {target && (
        <ConfirmDialog title={t('ui.versions.rollback_title', { version: target.number })} confirm={t('ui.versions.rollback_confirm', { version: target.number })} onCancel={() => setTarget(undefined)} onConfirm={() => void back()} busy={busy}>
          <p>{t('ui.versions.rollback_body', { version: target.number })}</p>
          <div className="field">
            <label htmlFor="rollback-comment">{t('ui.versions.rollback_comment')}</label>
            <textarea id="rollback-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
        </ConfirmDialog>
      )}
    </div>
  );
}

function VersionRow({ v, when, open, onToggle, onRollback }: { v: VersionInfo; when: string; open: boolean; onToggle: () => void; onRollback: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <tr className={v.live ? 'live' : undefined}>
        <th scope="row">
          {t('ui.versions.version_n', { version: v.number })} {v.live && <strong className="badge badge-live">{t('ui.versions.live')}</strong>}
        </th>
        <td>{v.author}</td>
        <td>
          <time dateTime={v.createdAt}>{when}</time>
        </td>
        <td>{v.comment || '—'}</td>
        <td className="row-actions">
          {v.number > 1 && (
            <button type="button" aria-expanded={open} onClick={onToggle}>
              {t('ui.versions.show_diff', { version: v.number })}
            </button>
          )}
          {!v.live && (
            <button type="button" onClick={onRollback}>
              {t('ui.versions.rollback', { version: v.number })}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="diff-row">
          <td colSpan={5}>
            <VersionDiff version={v.number} />
          </td>
        </tr>
      )}
    </>
  );
}
