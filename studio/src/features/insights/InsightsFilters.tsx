import type { VersionInfo } from '../../shared/api/contract';
import { useI18n } from '../../shared/i18n/texts';
import { CHANNELS, type InsightsFilter } from './api';

/** Period, version, channel and language: compare before and after an edit. */
export function InsightsFilters({ filter, versions, onChange }: { filter: InsightsFilter; versions: readonly VersionInfo[]; onChange: (f: InsightsFilter) => void }) {
  const { t } = useI18n();
  const set = (key: keyof InsightsFilter, value: string) => onChange({ ...filter, [key]: value || undefined });
  return (
    <fieldset className="filters">
      <legend>{t('ui.insights.filters')}</legend>
      <div className="field">
        <label htmlFor="ins-from">{t('ui.insights.from')}</label>
        <input id="ins-from" type="date" value={filter.from ?? ''} onChange={(e) => set('from', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ins-to">{t('ui.insights.to')}</label>
        <input id="ins-to" type="date" value={filter.to ?? ''} onChange={(e) => set('to', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ins-version">{t('ui.insights.version')}</label>
        <select id="ins-version" value={filter.version ?? ''} onChange={(e) => set('version', e.target.value)}>
          <option value="">{t('ui.insights.all_versions')}</option>
          {versions.map((v) => (
            <option key={v.number} value={String(v.number)}>
              {t(v.live ? 'ui.insights.version_live' : 'ui.insights.version_n', { version: v.number })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ins-channel">{t('ui.insights.channel')}</label>
        <select id="ins-channel" value={filter.channel ?? ''} onChange={(e) => set('channel', e.target.value)}>
          <option value="">{t('ui.insights.all_channels')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ins-lang">{t('ui.insights.lang')}</label>
        <select id="ins-lang" value={filter.lang ?? ''} onChange={(e) => set('lang', e.target.value)}>
          <option value="">{t('ui.insights.all_langs')}</option>
          <option value="fr">{t('ui.lang.fr')}</option>
          <option value="en">{t('ui.lang.en')}</option>
        </select>
      </div>
    </fieldset>
  );
}
