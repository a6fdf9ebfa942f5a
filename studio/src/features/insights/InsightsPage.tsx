import { useState } from 'react';
import { ScreenTitle } from '../../layout/ScreenTitle';
import type { InsightsAnswer } from '../../shared/api/contract';
import { useResource } from '../../shared/api/useResource';
import { useDraft } from '../../shared/draft/DraftProvider';
import { sectionFiles, stepsOf } from '../../shared/forms/knownFields';
import { useI18n } from '../../shared/i18n/texts';
import { listVersions } from '../versions/api';
import { csvHref, type InsightsFilter, loadInsights } from './api';
import { InsightsFilters } from './InsightsFilters';

const FIGURES = ['reached', 'answered', 'reprompted', 'why', 'skipped', 'stopped', 'inProgress'] as const;

/** Where associations stop: per question and version, the outcomes, the median time to complete, as CSV too. */
export function InsightsPage() {
  const { t, pick } = useI18n();
  const { draft } = useDraft();
  const [filter, setFilter] = useState<InsightsFilter>({});
  const versions = useResource(listVersions, 'versions');
  const data = useResource(() => loadInsights(filter), JSON.stringify(filter));
  const labels = new Map<string, string>();
  for (const file of sectionFiles(draft?.parsed ?? {})) for (const s of stepsOf(draft!.parsed, file)) if (s.id) labels.set(s.id, pick(s.label) || s.id);
  const stepName = (step: string) => (step === '@summary' ? t('ui.map.kind.summary') : (labels.get(step) ?? step));
  return (
    <div className="insights-page">
      <ScreenTitle intro={t('ui.insights.intro')}>{t('ui.insights.title')}</ScreenTitle>
      <InsightsFilters filter={filter} versions={versions.data ?? []} onChange={setFilter} />
      <ul className="downloads">
        <li>
          <a href={csvHref(filter, 'steps')} download>
            {t('ui.insights.csv')}
          </a>
        </li>
        <li>
          <a href={csvHref(filter, 'outcomes')} download>
            {t('ui.insights.csv_outcomes')}
          </a>
        </li>
      </ul>
      <div role="status" aria-live="polite">
        {data.loading && <p className="loading">{t('ui.app.loading')}</p>}
        {data.error ? <p className="notice error">{t('ui.insights.load_failed')}</p> : null}
      </div>
      {data.data && <Figures data={data.data} stepName={stepName} showVersion={!filter.version} />}
    </div>
  );
}

function Figures({ data, stepName, showVersion }: { data: InsightsAnswer; stepName: (step: string) => string; showVersion: boolean }) {
  const { t } = useI18n();
  const median = data.medianCompletionSeconds;
  return (
    <>
      <p className="median">
        {median === null || median === undefined ? t('ui.insights.median_none') : t('ui.insights.median', { minutes: Math.floor(median / 60), seconds: Math.round(median % 60) })}
      </p>
      <table className="figures-table">
        <caption>{t('ui.insights.steps')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.insights.step')}</th>
            {showVersion && <th scope="col">{t('ui.insights.version')}</th>}
            {FIGURES.map((f) => (
              <th scope="col" key={f}>
                {t(`ui.insights.figure.${f === 'inProgress' ? 'in_progress' : f}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.steps.length === 0 && (
            <tr>
              <td colSpan={FIGURES.length + 2}>{t('ui.insights.empty')}</td>
            </tr>
          )}
          {data.steps.map((row, i) => (
            <tr key={i}>
              <th scope="row">{stepName(row.step)}</th>
              {showVersion && <td>{row.version}</td>}
              {FIGURES.map((f) => (
                <td key={f} className="number">
                  {row[f] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="outcomes-table">
        <caption>{t('ui.insights.outcomes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.insights.outcome')}</th>
            <th scope="col">{t('ui.insights.count')}</th>
          </tr>
        </thead>
        <tbody>
          {data.outcomes.length === 0 && (
            <tr>
              <td colSpan={2}>{t('ui.insights.empty')}</td>
            </tr>
          )}
          {data.outcomes.map((o, i) => (
            <tr key={i}>
              <th scope="row">{o.kind === 'not_eligible' && !o.key ? t('ui.insights.outcome.not_eligible_all') : t(`ui.insights.outcome.${o.kind}`, { key: o.key })}</th>
              <td className="number">{o.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
