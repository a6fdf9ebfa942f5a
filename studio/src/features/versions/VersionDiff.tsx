import { useResource } from '../../shared/api/useResource';
import { DiffView } from '../../shared/diff/DiffView';
import { useI18n } from '../../shared/i18n/texts';
import { diffOf } from '../publish/api';

/** What version n changed, against the one before it. */
export function VersionDiff({ version }: { version: number }) {
  const { t } = useI18n();
  const diff = useResource(() => diffOf(version - 1, version), `diff-${version}`);
  if (diff.error) return <p className="notice error">{t('ui.publish.diff_failed')}</p>;
  if (!diff.data) return <p className="loading">{t('ui.app.loading')}</p>;
  return <DiffView diff={diff.data} headingLevel={4} />;
}
