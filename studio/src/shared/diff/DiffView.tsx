import type { DiffAnswer } from '../api/contract';
import { useI18n } from '../i18n/texts';

/**
 * What changed, readable first: the summary in words (a question changed, a text added…), then
 * each file's patch, lines marked + and − (not by colour alone).
 */
export function DiffView({ diff, headingLevel = 3 }: { diff: DiffAnswer; headingLevel?: 3 | 4 }) {
  const { t, pick } = useI18n();
  const H = `h${headingLevel}` as 'h3' | 'h4';
  if (!diff.files.length) return <p>{t('ui.diff.nothing')}</p>;
  return (
    <div className="diff">
      <H>{t('ui.diff.summary')}</H>
      {diff.summary.length ? (
        <ul className="diff-summary">
          {diff.summary.map((c, i) => (
            <li key={i} className={`change change-${c.change}`}>
              {/* The server's sentence says it all ("Question « x » modified…"); the parts, when it has none. */}
              {pick(c.text) || (
                <>
                  <strong>{t(`ui.diff.change.${c.change}`)}</strong> {t(`ui.diff.kind.${c.kind}`)} <code>{c.id}</code>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('ui.diff.no_summary')}</p>
      )}
      <H>{t('ui.diff.files', { count: diff.files.length })}</H>
      {diff.files.map((f) => (
        <details key={f.file} className="patch">
          <summary>
            <code>{f.file}</code>
          </summary>
          <Patch text={f.patch} />
        </details>
      ))}
    </div>
  );
}

function Patch({ text }: { text: string }) {
  const lines = text.split('\n').filter((l) => !l.startsWith('====') && !l.startsWith('Index:'));
  return (
    <pre className="patch-text">
      {lines.map((line, i) => {
        const kind = line.startsWith('+++') || line.startsWith('---') ? 'head' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : 'same';
        return (
          <span key={i} className={`line line-${kind}`}>
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
