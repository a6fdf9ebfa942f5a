import { useState } from 'react';
import { ScreenTitle } from '../../layout/ScreenTitle';
import type { ScenarioRun } from '../../shared/api/contract';
import { useDraft, useDraftStore } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { runFailure, runScenarios } from './api';
import { ScenarioResults } from './ScenarioResults';

/** The scenarios staff keep (dialogs/scenarios/), played on the live version and on the draft. */
export function ScenariosPage() {
  const { t } = useI18n();
  const store = useDraftStore();
  const { draft } = useDraft();
  const [runs, setRuns] = useState<ScenarioRun[]>();
  const [state, setState] = useState<'idle' | 'running' | 'failed'>('idle');
  const [failure, setFailure] = useState('ui.scenarios.failed');
  const files = Object.keys(draft?.parsed ?? {})
    .filter((f) => f.startsWith('dialogs/scenarios/'))
    .sort();
  const run = async () => {
    setState('running');
    try {
      await store.flush();
      setRuns(await runScenarios());
      setState('idle');
    } catch (err) {
      setFailure(runFailure(err));
      setState('failed');
    }
  };
  const changed = runs?.filter((r) => r.changed).length ?? 0;
  return (
    <div className="scenarios-page">
      <ScreenTitle intro={t('ui.scenarios.intro')}>{t('ui.scenarios.title')}</ScreenTitle>
      <section aria-labelledby="scenario-list-title">
        <h3 id="scenario-list-title">{t('ui.scenarios.list', { count: files.length })}</h3>
        <ul className="scenario-list">
          {files.map((f) => (
            <li key={f}>
              {String((draft?.parsed[f] as { name?: unknown } | undefined)?.name ?? f)} <code className="file">{f}</code>
            </li>
          ))}
        </ul>
      </section>
      <button type="button" className="primary" onClick={() => void run()} disabled={state === 'running'}>
        {t('ui.scenarios.run')}
      </button>
      <div role="status" aria-live="polite">
        {state === 'running' && <p className="loading">{t('ui.scenarios.running')}</p>}
        {state === 'failed' && <p className="notice error">{t(failure)}</p>}
        {runs && state === 'idle' && <p>{t('ui.scenarios.summary', { count: runs.length, changed })}</p>}
      </div>
      {runs && <ScenarioResults runs={runs} caption={t('ui.scenarios.results')} />}
    </div>
  );
}
