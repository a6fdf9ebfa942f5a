import { hrefOf } from '../shared/navigation/router';
import { useDraft } from '../shared/draft/DraftProvider';
import { useI18n } from '../shared/i18n/texts';
import { Link } from '../shared/navigation/Link';

/**
 * Saving and validation, said once in a live region (screen readers hear "Saved. 2 problems to
 * fix." after a pause in typing) and shown in the header.
 */
export function StatusLine() {
  const { t } = useI18n();
  const { status, draft } = useDraft();
  const errors = draft?.issues.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (draft?.issues.length ?? 0) - errors;
  const saved = (() => {
    switch (status.state) {
      case 'loading':
        return t('ui.status.loading');
      case 'pending':
        return t('ui.status.pending');
      case 'saving':
        return t('ui.status.saving');
      case 'saved':
        return t('ui.status.saved');
      case 'reloaded':
        return t('ui.status.reloaded');
      case 'rejected':
        return t('ui.status.rejected', { detail: status.detail });
      case 'offline':
        return t('ui.status.offline');
      default:
        return '';
    }
  })();
  const problems = errors || warnings ? t('ui.status.issues', { errors, warnings }) : draft ? t('ui.status.no_issues') : '';
  return (
    <div className="status-line">
      <p role="status" aria-live="polite" aria-atomic="true" className={`status status-${status.state}`}>
        {saved} {status.state === 'saving' || status.state === 'pending' ? '' : problems}
      </p>
      {errors + warnings > 0 && (
        <Link href={hrefOf('publish')} className="issues-link">
          {t('ui.status.see_issues')}
        </Link>
      )}
    </div>
  );
}
