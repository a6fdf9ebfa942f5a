import { hrefOf, type Screen } from '../navigation/router';
import { Link } from '../navigation/Link';
import type { Graph, Issue } from '../api/contract';
import { isPrefix } from '../draft/paths';
import { useI18n } from '../i18n/texts';

/** Where an issue is fixed: the map's node that holds it, the screen of its file, or the YAML at its line. */
export function whereToFix(issue: Issue, graph: Graph): { screen: Screen; params: Record<string, string | undefined> } {
  const holders = graph.nodes.filter((n) => n.kind !== 'section' && n.file === issue.file && isPrefix(n.path, issue.path));
  const node = holders.sort((a, b) => b.path.length - a.path.length)[0];
  if (node) return { screen: 'journey', params: { node: node.id } };
  if (issue.file === 'dialogs/texts.yaml') return { screen: 'texts', params: {} };
  if (issue.file === 'dialogs/rules.yaml') return { screen: 'rules', params: {} };
  if (issue.file === 'dialogs/calendar.yaml') return { screen: 'calendar', params: {} };
  return { screen: 'yaml', params: { file: issue.file, line: issue.line ? String(issue.line) : undefined } };
}

/** Every problem of the draft, each with a link to where it is fixed. */
export function IssueList({ issues, graph }: { issues: readonly Issue[]; graph: Graph }) {
  const { t, lang } = useI18n();
  return (
    <ul className="issue-list">
      {issues.map((issue, i) => {
        const where = whereToFix(issue, graph);
        return (
          <li key={i} className={`issue issue-${issue.severity}`}>
            <span className="issue-kind">{t(issue.severity === 'error' ? 'ui.issue.error' : 'ui.issue.warning')}</span> {issue.message[lang] || issue.message.fr}{' '}
            <Link href={hrefOf(where.screen, where.params)}>{t('ui.issue.fix_at', { file: issue.file, line: issue.line ?? '—' })}</Link>
          </li>
        );
      })}
    </ul>
  );
}
