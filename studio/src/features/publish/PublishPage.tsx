import { useEffect, useState } from 'react';
import { ScreenTitle } from '../../layout/ScreenTitle';
import type { Issue, ScenarioRun } from '../../shared/api/contract';
import { useResource } from '../../shared/api/useResource';
import { DiffView } from '../../shared/diff/DiffView';
import { useDraft, useDraftStore } from '../../shared/draft/DraftProvider';
import { IssueList } from '../../shared/issues/IssueList';
import { useI18n } from '../../shared/i18n/texts';
import { hrefOf } from '../../shared/navigation/router';
import { Link } from '../../shared/navigation/Link';
import { runFailure, runScenarios } from '../scenarios/api';
import { diffOf, publish, rebaseDraft } from './api';
import { DiscardDraft, type DiscardOutcome } from './DiscardDraft';
import { OutcomeConfirmations } from './OutcomeConfirmations';

/**
 * Publishing, in order: what changes against the live version (in words, then per file), the
 * problems left (none may remain), the scenarios whose outcome changes (each confirmed), a
 * comment, then publish. Conversations in progress finish on the version they started with.
 */
export function PublishPage() {
  const { t } = useI18n();
  const store = useDraftStore();
  const { draft, live } = useDraft();
  const revision = draft?.revision ?? 0;
  const diff = useResource(async () => (await store.flush(), diffOf('live', 'draft')), `diff-${revision}`);
  const [runs, setRuns] = useState<ScenarioRun[]>();
  const [running, setRunning] = useState(false);
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [comment, setComment] = useState('');
  const [result, setResult] = useState<{ kind: 'published'; version: number } | { kind: 'discarded' } | { kind: 'refused'; text: string; issues?: Issue[]; rebase?: boolean }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setRuns(undefined), [revision]);

  const errors = (draft?.issues ?? []).filter((i) => i.severity === 'error');
  const changed = runs?.filter((r) => r.changed) ?? [];
  const nothing = diff.data && diff.data.files.length === 0;
  const ready = !!runs && !errors.length && !nothing && changed.every((r) => confirmed.has(r.file)) && comment.trim().length > 0;
  const check = async () => {
    setRunning(true);
    try {
      await store.flush();
      setRuns(await runScenarios());
    } catch (err) {
      setResult({ kind: 'refused', text: t(runFailure(err)) });
    } finally {
      setRunning(false);
    }
  };
  const go = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      await store.flush();
      const answer = await publish(store.revision, comment.trim(), [...confirmed]);
      if (answer.ok) {
        setResult({ kind: 'published', version: answer.version });
        setComment('');
        setConfirmed(new Set());
        await store.load();
      } else if (answer.why === 'issues') setResult({ kind: 'refused', text: t('ui.publish.refused_issues'), issues: answer.issues });
      else if (answer.why === 'outcomes_changed') {
        setResult({ kind: 'refused', text: t('ui.publish.refused_outcomes') });
        await check();
      } else if (answer.why === 'live_changed') {
        setResult({ kind: 'refused', text: t('ui.publish.refused_live_changed', { version: answer.live }), rebase: true });
        await store.load();
      } else {
        setResult({ kind: 'refused', text: t('ui.publish.refused_stale') });
        await store.load();
      }
    } catch {
      setResult({ kind: 'refused', text: t('ui.publish.failed') });
    } finally {
      setBusy(false);
    }
  };
  const rebase = async () => {
    try {
      await rebaseDraft(store.revision);
      setResult(undefined);
    } catch {
      setResult({ kind: 'refused', text: t('ui.publish.failed') });
    }
    await store.load();
    await diff.reload();
  };
  const discarded = (outcome: DiscardOutcome) => {
    if (outcome === 'discarded') {
      setComment('');
      setConfirmed(new Set());
    }
    setResult(outcome === 'discarded' ? { kind: 'discarded' } : { kind: 'refused', text: t(outcome === 'stale' ? 'ui.publish.discard_stale' : 'ui.publish.discard_failed') });
  };
  return (
    <div className="publish-page">
      <ScreenTitle intro={t('ui.publish.intro', { version: live?.number ?? '—' })}>{t('ui.publish.title')}</ScreenTitle>
      <div role="status" aria-live="polite" className="publish-result">
        {result?.kind === 'published' && (
          <p className="notice success">
            {t('ui.publish.published', { version: result.version })} <Link href={hrefOf('versions')}>{t('ui.publish.see_versions')}</Link>
          </p>
        )}
        {result?.kind === 'discarded' && <p className="notice success">{t('ui.publish.discarded')}</p>}
        {result?.kind === 'refused' && <p className="notice error">{result.text}</p>}
      </div>
      {result?.kind === 'refused' && result.rebase && (
        <button type="button" onClick={() => void rebase()}>
          {t('ui.publish.rebase')}
        </button>
      )}
      {result?.kind === 'refused' && result.issues && draft && <IssueList issues={result.issues} graph={draft.graph} />}
      <section aria-labelledby="publish-changes">
        <h3 id="publish-changes">{t('ui.publish.step_changes')}</h3>
        {diff.error ? <p className="notice error">{t('ui.publish.diff_failed')}</p> : diff.data ? <DiffView diff={diff.data} headingLevel={4} /> : <p className="loading">{t('ui.app.loading')}</p>}
      </section>
      <section aria-labelledby="publish-issues">
        <h3 id="publish-issues">{t('ui.publish.step_issues', { count: draft?.issues.length ?? 0 })}</h3>
        {draft?.issues.length ? <IssueList issues={draft.issues} graph={draft.graph} /> : <p className="notice success">{t('ui.publish.no_issues')}</p>}
      </section>
      <section aria-labelledby="publish-scenarios">
        <h3 id="publish-scenarios">{t('ui.publish.step_scenarios')}</h3>
        <button type="button" onClick={() => void check()} disabled={running}>
          {runs ? t('ui.publish.rerun_scenarios') : t('ui.publish.run_scenarios')}
        </button>
        {running && <p className="loading">{t('ui.scenarios.running')}</p>}
        {runs && <OutcomeConfirmations changed={changed} confirmed={confirmed} onConfirm={(file, yes) => setConfirmed((s) => new Set([...s].filter((f) => f !== file).concat(yes ? [file] : [])))} />}
      </section>
      <section aria-labelledby="publish-go">
        <h3 id="publish-go">{t('ui.publish.step_publish')}</h3>
        <div className="field">
          <label htmlFor="publish-comment">{t('ui.publish.comment')}</label>
          <textarea id="publish-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} required aria-describedby="publish-why-not" />
        </div>
        <p id="publish-why-not" className="help">
          {nothing ? t('ui.publish.nothing') : errors.length ? t('ui.publish.blocked_issues', { count: errors.length }) : !runs ? t('ui.publish.blocked_scenarios') : !changed.every((r) => confirmed.has(r.file)) ? t('ui.publish.blocked_confirm') : !comment.trim() ? t('ui.publish.blocked_comment') : t('ui.publish.ready')}
        </p>
        <div className="editor-actions">
          <button type="button" className="primary" onClick={() => void go()} disabled={!ready || busy} aria-describedby="publish-why-not">
            {t('ui.publish.publish')}
          </button>
          {!nothing && <DiscardDraft onDone={discarded} />}
        </div>
      </section>
    </div>
  );
}
