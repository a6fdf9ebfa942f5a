import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Issue, Lang } from '../../shared/api/contract';

export interface YamlEditor {
  view: EditorView;
  /** Shows the server's text unless it is the one being typed. */
  showText: (text: string) => void;
  showIssues: (issues: readonly Issue[], lang: Lang) => void;
  goToLine: (line: number) => void;
  destroy: () => void;
}

/** An issue's place in the document: its line and column (1-based), to the end of that line. */
function rangeOf(doc: Text, issue: Issue): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(1, issue.line ?? 1), doc.lines));
  const from = Math.min(line.to, line.from + Math.max(0, (issue.col ?? 1) - 1));
  return { from, to: Math.max(from, line.to) };
}

/** CodeMirror 6 with YAML highlighting and the server's issues as lint markers (gutter and underline). */
export function createYamlEditor(parent: HTMLElement, text: string, label: string, onType: (text: string) => void): YamlEditor {
  let applying = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !applying) onType(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    showText(next) {
      if (next === view.state.doc.toString()) return;
      applying = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
      applying = false;
    },
    showIssues(issues, lang) {
      const doc = view.state.doc;
      const diagnostics: Diagnostic[] = issues
        .filter((i) => i.line)
        .map((i) => ({ ...rangeOf(doc, i), severity: i.severity === 'error' ? 'error' : 'warning', message: i.message[lang] || i.message.fr }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(line) {
      const at = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      view.dispatch({ selection: { anchor: at.from }, effects: EditorView.scrollIntoView(at.from, { y: 'center' }) });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
