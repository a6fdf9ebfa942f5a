import { useEffect, useRef } from 'react';
import { hrefOf, navigate } from '../../shared/navigation/router';
import { ScreenTitle } from '../../layout/ScreenTitle';
import { useDraft, useDraftStore } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { createYamlEditor, type YamlEditor } from './yamlEditor';

const EDITABLE = /\.(ya?ml|json|md)$/;

/**
 * One file of the draft as text, for those who prefer YAML: the same draft as the forms (a
 * change here shows there, and back). Issues are marked at their line as one types.
 */
export function YamlPage({ file, line }: { file?: string; line?: number }) {
  const { t, lang } = useI18n();
  const store = useDraftStore();
  const { draft } = useDraft();
  const files = Object.keys(draft?.files ?? {}).filter((f) => EDITABLE.test(f)).sort();
  const current = file && files.includes(file) ? file : (files.find((f) => f === 'dialogs/flow.yaml') ?? files[0]);
  const issues = (draft?.issues ?? []).filter((i) => i.file === current);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<YamlEditor>(undefined);

  useEffect(() => {
    if (!host.current || !current) return;
    editor.current = createYamlEditor(host.current, store.fileText(current) ?? '', t('ui.yaml.editor_label', { file: current }), (text) => store.replaceFile(current, text));
    if (line) editor.current.goToLine(line);
    return () => {
      editor.current?.destroy();
      editor.current = undefined;
    };
    // A new editor per file (and language, for its label); the text and issues follow below.
  }, [current, lang]);

  const serverText = current ? draft?.files[current] : undefined;
  useEffect(() => {
    // The draft changed elsewhere (a form, another staff member): show it, unless this text is still being saved.
    if (current && serverText !== undefined && store.fileText(current) === serverText) editor.current?.showText(serverText);
  }, [current, serverText, store]);
  useEffect(() => editor.current?.showIssues(issues, lang), [issues, lang]);

  const counts = (f: string) => (draft?.issues ?? []).filter((i) => i.file === f).length;
  return (
    <div className="yaml-page">
      <ScreenTitle intro={t('ui.yaml.intro')}>{t('ui.yaml.title')}</ScreenTitle>
      <div className="field">
        <label htmlFor="yaml-file">{t('ui.yaml.file')}</label>
        <select id="yaml-file" value={current ?? ''} onChange={(e) => navigate(hrefOf('yaml', { file: e.target.value }), true)}>
          {files.map((f) => (
            <option key={f} value={f}>
              {counts(f) ? t('ui.yaml.file_with_issues', { file: f, count: counts(f) }) : f}
            </option>
          ))}
        </select>
      </div>
      <div className="yaml-editor" ref={host} />
      <section aria-labelledby="yaml-issues-title" className="yaml-issues">
        <h3 id="yaml-issues-title">{t('ui.yaml.issues', { count: issues.length })}</h3>
        {issues.length === 0 ? (
          <p>{t('ui.yaml.no_issues')}</p>
        ) : (
          <ul>
            {issues.map((issue, i) => (
              <li key={i} className={`issue issue-${issue.severity}`}>
                {issue.line ? (
                  <button type="button" className="link-button" onClick={() => editor.current?.goToLine(issue.line!)}>
                    {t('ui.yaml.line', { line: issue.line })}
                  </button>
                ) : (
                  <code>{issue.path.join('.')}</code>
                )}{' '}
                {issue.message[lang] || issue.message.fr}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
