import type { Outcome } from '../../shared/api/contract';
import { useI18n } from '../../shared/i18n/texts';

/** An outcome in words: the programme recommended (or not eligible), a call back, what did not go as written. */
export function OutcomeText({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  const parts = [
    outcome.programme ? t('ui.outcome.programme', { programme: outcome.programme }) : outcome.eligible === false ? t('ui.outcome.not_eligible') : t('ui.outcome.no_recommendation'),
    outcome.callback ? t('ui.outcome.callback') : '',
    t('ui.outcome.needs', { count: outcome.needs }),
  ].filter(Boolean);
  return (
    <div className="outcome">
      <p>{parts.join(' · ')}</p>
      {outcome.failures.length > 0 && (
        <details>
          <summary>{t('ui.outcome.failures', { count: outcome.failures.length })}</summary>
          <ul>
            {outcome.failures.map((f, i) => (
              <li key={i}>{t('ui.outcome.failure', { turn: f.turn, expected: f.expected, got: f.got })}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
