import { useDeferredValue, useState } from 'react';
import { ScreenTitle } from '../../layout/ScreenTitle';
import type { Bilingual, Lang } from '../../shared/api/contract';
import { useDraft, useField, useIssues } from '../../shared/draft/DraftProvider';
import { fieldId } from '../../shared/draft/paths';
import { FieldIssues } from '../../shared/issues/FieldIssues';
import { useI18n } from '../../shared/i18n/texts';

const FILE = 'dialogs/texts.yaml';

/** Lower case without accents: « echeance » finds « Échéance ». */
const folded = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Every text of dialogs/texts.yaml, French and English side by side, searchable by key or words. */
export function TextsPage() {
  const { t } = useI18n();
  const { draft } = useDraft();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const texts = (draft?.parsed[FILE] ?? {}) as Record<string, Bilingual>;
  const needle = folded(deferred.trim());
  const keys = Object.keys(texts).filter((key) => !needle || folded(`${key} ${texts[key]?.fr ?? ''} ${texts[key]?.en ?? ''}`).includes(needle));
  return (
    <div className="texts-page">
      <ScreenTitle intro={t('ui.texts.intro')}>{t('ui.texts.title')}</ScreenTitle>
      <div className="field search">
        <label htmlFor="texts-search">{t('ui.texts.search')}</label>
        <input id="texts-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="texts-count" />
        <p id="texts-count" className="help" role="status">
          {t('ui.texts.count', { shown: keys.length, total: Object.keys(texts).length })}
        </p>
      </div>
      <table className="texts-table">
        <caption className="visually-hidden">{t('ui.texts.title')}</caption>
        <thead>
          <tr>
            <th scope="col" id="col-key">
              {t('ui.texts.key')}
            </th>
            <th scope="col" id="col-fr">
              {t('ui.lang.fr')}
            </th>
            <th scope="col" id="col-en">
              {t('ui.lang.en')}
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <TextRow key={key} textKey={key} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TextRow({ textKey }: { textKey: string }) {
  const issues = useIssues(FILE, [textKey], true);
  const rowId = fieldId(FILE, [textKey], 'key');
  return (
    <tr className={issues.length ? 'has-issues' : undefined}>
      <th scope="row" id={rowId}>
        <code>{textKey}</code>
        <FieldIssues id={`${rowId}-issues`} issues={issues} />
      </th>
      {(['fr', 'en'] as const).map((lang) => (
        <td key={lang}>
          <TextCell textKey={textKey} lang={lang} rowId={rowId} invalid={issues.length > 0} />
        </td>
      ))}
    </tr>
  );
}

function TextCell({ textKey, lang, rowId, invalid }: { textKey: string; lang: Lang; rowId: string; invalid: boolean }) {
  const field = useField<string>(FILE, [textKey, lang]);
  const value = field.value ?? '';
  return (
    <textarea
      id={fieldId(FILE, [textKey, lang])}
      lang={lang}
      rows={Math.min(6, Math.max(2, Math.ceil(value.length / 50)))}
      value={value}
      onChange={(e) => field.type(e.target.value)}
      aria-labelledby={`${rowId} col-${lang}`}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${rowId}-issues` : undefined}
    />
  );
}
