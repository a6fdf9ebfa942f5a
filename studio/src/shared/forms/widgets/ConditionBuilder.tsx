import { useField, useIssues } from '../../draft/DraftProvider';
import { fieldId } from '../../draft/paths';
import { FieldIssues } from '../../issues/FieldIssues';
import { useI18n } from '../../i18n/texts';
import { type KnownField, useKnownFields } from '../knownFields';
import { FieldHelp, useFieldWords } from '../fieldWords';
import type { FieldProps } from '../SchemaForm';
import { type Cond, newLeaf, read } from './conditionModel';
import { ConditionLeaf } from './ConditionLeaf';

/**
 * A condition ("asked only if…", a criterion, a programme's condition) built from the answers'
 * names and flow:check's comparisons, combined with all / any / not. Every issue flow:check finds
 * in it (an unknown field, a choice that was renamed) is shown right under it.
 */
export function ConditionField(props: FieldProps) {
  const { t } = useI18n();
  const { label } = useFieldWords(props);
  const fields = useKnownFields();
  const field = useField<Cond>(props.file, props.path);
  const issues = useIssues(props.file, props.path, true);
  const id = fieldId(props.file, props.path);
  const issuesId = `${id}-issues`;
  const change = (value: Cond | undefined, typed: boolean) => (typed && value ? field.type(value) : field.choose(value));
  return (
    <fieldset className={`group condition${issues.length ? ' has-issues' : ''}`}>
      <legend>{label}</legend>
      <FieldHelp field={props} id={`${id}-help`} />
      {field.value === undefined ? (
        <button type="button" onClick={() => change(newLeaf(fields), false)}>
          {t('ui.cond.add_condition')}
        </button>
      ) : (
        <ConditionNode
          id={id}
          value={field.value}
          fields={fields}
          onChange={(v, typed) => change(v, typed)}
          onRemove={props.required ? undefined : () => change(undefined, false)}
          describedBy={issues.length ? issuesId : undefined}
        />
      )}
      <FieldIssues id={issuesId} issues={issues} />
    </fieldset>
  );
}

interface NodeProps {
  id: string;
  value: Cond;
  fields: readonly KnownField[];
  onChange: (value: Cond, typed: boolean) => void;
  onRemove?: () => void;
  describedBy?: string;
}

function ConditionNode(props: NodeProps) {
  const { t } = useI18n();
  const node = read(props.value);
  const remove = props.onRemove && (
    <button type="button" className="danger" onClick={props.onRemove}>
      {t('ui.cond.remove')}
    </button>
  );
  if (node.kind === 'leaf') {
    return (
      <div className="condition-row" role="group" aria-label={t('ui.cond.one')}>
        <ConditionLeaf id={props.id} value={props.value} fields={props.fields} onChange={props.onChange} describedBy={props.describedBy} />
        <div className="condition-actions">
          <button type="button" onClick={() => props.onChange({ all: [props.value, newLeaf(props.fields)] }, false)}>
            {t('ui.cond.combine')}
          </button>
          <button type="button" onClick={() => props.onChange({ not: props.value }, false)}>
            {t('ui.cond.negate')}
          </button>
          {remove}
        </div>
      </div>
    );
  }
  if (node.kind === 'not') {
    return (
      <fieldset className="condition-group">
        <legend>{t('ui.cond.not')}</legend>
        <ConditionNode id={`${props.id}-not`} value={node.item} fields={props.fields} onChange={(v, typed) => props.onChange({ not: v }, typed)} describedBy={props.describedBy} />
        <div className="condition-actions">
          <button type="button" onClick={() => props.onChange(node.item, false)}>
            {t('ui.cond.unnegate')}
          </button>
          {remove}
        </div>
      </fieldset>
    );
  }
  const setItems = (items: Cond[], typed: boolean) => props.onChange({ [node.kind]: items }, typed);
  return (
    <fieldset className="condition-group">
      <legend>{t(`ui.cond.group.${node.kind}`)}</legend>
      <div className="field">
        <label htmlFor={`${props.id}-join`}>{t('ui.cond.join')}</label>
        <select id={`${props.id}-join`} value={node.kind} onChange={(e) => props.onChange({ [e.target.value]: node.items }, false)}>
          <option value="all">{t('ui.cond.join.all')}</option>
          <option value="any">{t('ui.cond.join.any')}</option>
        </select>
      </div>
      <ol className="condition-items">
        {node.items.map((item, i) => (
          <li key={i}>
            <ConditionNode
              id={`${props.id}-${i}`}
              value={item}
              fields={props.fields}
              onChange={(v, typed) => setItems(node.items.map((x, j) => (j === i ? v : x)), typed)}
              // A group keeps at least one condition: removing the last one removes the group.
              onRemove={node.items.length > 1 ? () => setItems(node.items.filter((_, j) => j !== i), false) : props.onRemove}
              describedBy={props.describedBy}
            />
          </li>
        ))}
      </ol>
      <div className="condition-actions">
        <button type="button" onClick={() => setItems([...node.items, newLeaf(props.fields)], false)}>
          {t('ui.cond.add_to_group')}
        </button>
        <button type="button" onClick={() => setItems([...node.items, { any: [newLeaf(props.fields)] }], false)}>
          {t('ui.cond.add_group')}
        </button>
        {remove}
      </div>
    </fieldset>
  );
}
