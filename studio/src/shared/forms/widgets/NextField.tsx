import type { JsonSchema } from '../../api/contract';
import { useDraftStore, useField, useIssues } from '../../draft/DraftProvider';
import { fieldId } from '../../draft/paths';
import { FieldIssues } from '../../issues/FieldIssues';
import { useI18n } from '../../i18n/texts';
import { useTargets } from '../knownFields';
import type { FieldProps } from '../SchemaForm';
import { ConditionField } from './ConditionBuilder';

type Next = string | { when?: unknown; goto: string }[] | undefined;
type Mode = 'order' | 'goto' | 'branches';

const modeOf = (next: Next): Mode => (next === undefined ? 'order' : typeof next === 'string' ? 'goto' : 'branches');

/** Where the journey goes after a question: the next one in order, always one place, or by the answers. */
export function NextField(props: FieldProps & { branch: JsonSchema }) {
  const { t } = useI18n();
  const store = useDraftStore();
  const field = useField<Next>(props.file, props.path);
  const issues = useIssues(props.file, props.path);
  const id = fieldId(props.file, props.path);
  const mode = modeOf(field.value);
  const choose = (next: Mode) => {
    if (next === 'order') return field.choose(undefined);
    if (next === 'goto') return field.choose(typeof field.value === 'string' ? field.value : 'summary');
    field.choose([{ goto: typeof field.value === 'string' ? field.value : 'summary' }]);
  };
  const branches = Array.isArray(field.value) ? field.value : [];
  return (
    <fieldset className="group next">
      <legend>{t('ui.field.next')}</legend>
      <div className="radios">
        {(['order', 'goto', 'branches'] as const).map((m) => (
          <div className="check" key={m}>
            <input type="radio" id={`${id}-${m}`} name={`${id}-mode`} checked={mode === m} onChange={() => choose(m)} />
            <label htmlFor={`${id}-${m}`}>{t(`ui.next.${m}`)}</label>
          </div>
        ))}
      </div>
      <FieldIssues id={`${id}-issues`} issues={issues} />
      {mode === 'goto' && <TargetSelect file={props.file} path={props.path} label={t('ui.next.target')} />}
      {mode === 'branches' && (
        <>
          <ol className="items">
            {branches.map((_, i) => (
              <li key={i} className="item">
                <fieldset className="group">
                  <legend>{t('ui.next.branch_n', { n: i + 1 })}</legend>
                  <ConditionField file={props.file} path={[...props.path, i, 'when']} schema={props.branch.properties?.when ?? {}} root={props.root} name="branch_when" required={false} />
                  <TargetSelect file={props.file} path={[...props.path, i, 'goto']} label={t('ui.next.target')} />
                  <button type="button" className="danger" onClick={() => void store.apply([{ op: 'delete', file: props.file, path: [...props.path, i] }])}>
                    {t('ui.next.remove_branch', { n: i + 1 })}
                  </button>
                </fieldset>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => void store.apply([{ op: 'insert', file: props.file, path: props.path, index: branches.length, value: { goto: 'summary' } }])}>
            {t('ui.next.add_branch')}
          </button>
        </>
      )}
    </fieldset>
  );
}

function TargetSelect({ file, path, label }: { file: string; path: (string | number)[]; label: string }) {
  const { t, pick } = useI18n();
  const field = useField<string>(file, path);
  const issues = useIssues(file, path);
  const targets = useTargets();
  const id = fieldId(file, path);
  const current = field.value ?? '';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={current} onChange={(e) => field.choose(e.target.value)} aria-invalid={issues.length ? true : undefined} aria-describedby={issues.length ? `${id}-issues` : undefined}>
        {!targets.some((x) => x.id === current) && <option value={current}>{t('ui.cond.unknown_value', { value: current })}</option>}
        {targets.map((x) => (
          <option key={x.id} value={x.id}>
            {x.kind === 'summary' ? t('ui.next.summary') : x.kind === 'ending' ? t('ui.next.ending', { id: x.id }) : `${pick(x.label) || x.id} (${x.id})`}
          </option>
        ))}
      </select>
      <FieldIssues id={`${id}-issues`} issues={issues} />
    </div>
  );
}
