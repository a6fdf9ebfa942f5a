import type { Issue } from '../api/contract';
import { useI18n } from '../i18n/texts';

/**
 * The problems flow:check finds at one field, in the staff's language, right under it. The
 * input points to this list with aria-describedby, so a screen reader reads them with the label.
 */
export function FieldIssues({ id, issues }: { id: string; issues: readonly Issue[] }) {
  const { lang, t } = useI18n();
  if (!issues.length) return null;
  return (
    <ul id={id} className="issues">
      {issues.map((issue, i) => (
        <li key={i} className={`issue issue-${issue.severity}`}>
          <span className="issue-kind">{t(issue.severity === 'error' ? 'ui.issue.error' : 'ui.issue.warning')}</span> {issue.message[lang] || issue.message.fr}
        </li>
      ))}
    </ul>
  );
}
