import type { ScenarioRun } from '../../shared/api/contract';
import { useI18n } from '../../shared/i18n/texts';
import { OutcomeText } from './OutcomeText';

/** Each scenario's outcome on the live version and on the draft, the changed ones marked first. */
export function ScenarioResults({ runs, caption }: { runs: readonly ScenarioRun[]; caption: string }) {
  const { t } = useI18n();
  const sorted = [...runs].sort((a, b) => Number(b.changed) - Number(a.changed));
  return (
    <table className="scenario-results">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.scenarios.name')}</th>
          <th scope="col">{t('ui.scenarios.on_live')}</th>
          <th scope="col">{t('ui.scenarios.on_draft')}</th>
          <th scope="col">{t('ui.scenarios.changed')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((run) => (
          <tr key={run.file} className={run.changed ? 'changed' : undefined}>
            <th scope="row">
              {run.name}
              <br />
              <code className="file">{run.file}</code>
            </th>
            <td>
              <OutcomeText outcome={run.live} />
            </td>
            <td>
              <OutcomeText outcome={run.draft} />
            </td>
            <td>{run.changed ? <strong className="badge badge-changed">{t('ui.scenarios.changed_yes')}</strong> : t('ui.scenarios.changed_no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
