import type { ScenarioRun } from '../../shared/api/contract';
import { useI18n } from '../../shared/i18n/texts';
import { OutcomeText } from '../scenarios/OutcomeText';

/** Each scenario whose outcome the draft changes, to confirm one by one before publishing. */
export function OutcomeConfirmations({ changed, confirmed, onConfirm }: { changed: ScenarioRun[]; confirmed: ReadonlySet<string>; onConfirm: (file: string, yes: boolean) => void }) {
  const { t } = useI18n();
  if (!changed.length) return <p className="notice success">{t('ui.publish.no_outcome_change')}</p>;
  return (
    <ul className="confirmations">
      {changed.map((run, i) => (
        <li key={run.file} className="confirmation">
          <h4>{run.name}</h4>
          <div className="before-after">
            <div>
              <p className="label">{t('ui.scenarios.on_live')}</p>
              <OutcomeText outcome={run.live} />
            </div>
            <div>
              <p className="label">{t('ui.scenarios.on_draft')}</p>
              <OutcomeText outcome={run.draft} />
            </div>
          </div>
          <div className="check">
            <input id={`confirm-${i}`} type="checkbox" checked={confirmed.has(run.file)} onChange={(e) => onConfirm(run.file, e.target.checked)} />
            <label htmlFor={`confirm-${i}`}>{t('ui.publish.confirm_change', { name: run.name })}</label>
          </div>
        </li>
      ))}
    </ul>
  );
}
