import { useState } from 'react';
import type { Lang } from '../../shared/api/contract';
import { useDraft, useDraftStore } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { CHANNELS, type Channel, sessionOf, startTry } from './api';
import { SaveScenarioDialog } from './SaveScenarioDialog';

/**
 * The draft, tried in the real Web Chat beside the editor (nothing it records reaches the journal,
 * Airtable or the figures). A try runs on the draft as it was when it started: restart to see later edits.
 */
export function TryPane() {
  const { t, lang: uiLang } = useI18n();
  const store = useDraftStore();
  const { draft } = useDraft();
  const [lang, setLang] = useState<Lang>(uiLang);
  const [channel, setChannel] = useState<Channel>('webchat');
  const [run, setRun] = useState<{ url: string; revision: number; key: number }>();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  const start = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await store.flush();
      const { url } = await startTry(lang, channel);
      setRun({ url, revision: store.revision, key: Date.now() });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const session = run ? sessionOf(run.url) : undefined;
  return (
    <aside id="try-pane" className="try-pane" aria-labelledby="try-title">
      <h2 id="try-title">{t('ui.try.title')}</h2>
      <p className="help">{t('ui.try.intro')}</p>
      <div className="try-options">
        <div className="field">
          <label htmlFor="try-lang">{t('ui.try.lang')}</label>
          <select id="try-lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="fr">{t('ui.lang.fr')}</option>
            <option value="en">{t('ui.lang.en')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="try-channel">{t('ui.try.channel')}</label>
          <select id="try-channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`ui.try.channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="try-actions">
        <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
          {run ? t('ui.try.restart') : t('ui.try.start')}
        </button>
        {session && (
          <button type="button" onClick={() => setSaving(true)}>
            {t('ui.try.save_scenario')}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {failed && <p className="notice error">{t('ui.try.failed')}</p>}
        {run && draft && draft.revision !== run.revision && <p className="notice">{t('ui.try.outdated')}</p>}
      </div>
      {run && <iframe key={run.key} className="try-frame" src={run.url} title={t('ui.try.frame_title')} />}
      {saving && session && <SaveScenarioDialog session={session} onClose={() => setSaving(false)} />}
    </aside>
  );
}
