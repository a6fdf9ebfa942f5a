import type { JsonSchema } from '../../api/contract';
import { useDraftStore, useField, useIssues } from '../../draft/DraftProvider';
import { fieldId } from '../../draft/paths';
import { FieldIssues } from '../../issues/FieldIssues';
import { useI18n } from '../../i18n/texts';
import { fieldKey, useFieldWords } from '../fieldWords';
import { type FieldProps, ObjectFields } from '../SchemaForm';
import { emptyValue, resolve, shapeOf } from '../schemaShape';
import { FieldFrame } from './ScalarFields';
import { ListTextInput } from './ListTextInput';

/** A list: of words or numbers typed on one line, or of items each with its own form. */
export function ListField(props: FieldProps & { item: JsonSchema; itemLegend?: (value: unknown, index: number) => string }) {
  const item = resolve(props.item, props.root);
  const shape = shapeOf(item, props.root);
  if (shape.kind === 'string' || shape.kind === 'number' || shape.kind === 'scalar' || shape.kind === 'enum') {
    return <ScalarList {...props} numbers={shape.kind === 'number'} />;
  }
  return <ItemList {...props} />;
}

function ScalarList(props: FieldProps & { numbers: boolean }) {
  const { t } = useI18n();
  const field = useField<unknown[]>(props.file, props.path);
  const list = (field.value ?? []).map(String);
  return (
    <FieldFrame props={props}>
      {({ id, described }) => (
        <>
          <ListTextInput
            id={id}
            value={list}
            onList={(words) => field.type(props.numbers ? words.map(Number).filter((n) => Number.isFinite(n)) : words)}
            {...described}
          />
          <span className="help">{t('ui.form.comma_separated')}</span>
        </>
      )}
    </FieldFrame>
  );
}

/** Items with their own forms, with add, remove and reorder (order matters: precedence). */
export function ItemList(props: FieldProps & { item: JsonSchema; itemLegend?: (value: unknown, index: number) => string; itemContext?: string }) {
  const { t } = useI18n();
  const store = useDraftStore();
  const { label } = useFieldWords(props);
  const stored = useField<unknown[]>(props.file, props.path).value;
  const list = Array.isArray(stored) ? stored : [];
  const issues = useIssues(props.file, props.path);
  const id = fieldId(props.file, props.path);
  const itemName = t(fieldKey(props.name, '.item'));
  const move = (from: number, to: number) => void store.apply([{ op: 'move', file: props.file, path: props.path, from, to }]);
  // A missing list is created whole; an existing one gets an insert (its comments are kept).
  const add = () =>
    void store.apply(
      Array.isArray(stored)
        ? [{ op: 'insert', file: props.file, path: props.path, index: list.length, value: emptyValue(props.item, props.root) }]
        : [{ op: 'set', file: props.file, path: props.path, value: [emptyValue(props.item, props.root)] }],
    );
  return (
    <fieldset className="group list">
      <legend>{label}</legend>
      <FieldIssues id={`${id}-issues`} issues={issues} />
      <ol className="items">
        {list.map((value, i) => {
          const legend = props.itemLegend?.(value, i) ?? t('ui.form.item_of', { item: itemName, n: i + 1 });
          return (
            <li key={i} className="item">
              <fieldset className="group">
                <legend>{legend}</legend>
                <div className="item-actions" role="group" aria-label={t('ui.form.item_actions', { item: legend })}>
                  <button type="button" disabled={i === 0} onClick={() => move(i, i - 1)}>
                    {t('ui.form.move_up')}
                    <span className="visually-hidden"> {legend}</span>
                  </button>
                  <button type="button" disabled={i === list.length - 1} onClick={() => move(i, i + 1)}>
                    {t('ui.form.move_down')}
                    <span className="visually-hidden"> {legend}</span>
                  </button>
                  <button type="button" className="danger" onClick={() => void store.apply([{ op: 'delete', file: props.file, path: [...props.path, i] }])}>
                    {t('ui.form.remove')}
                    <span className="visually-hidden"> {legend}</span>
                  </button>
                </div>
                <ObjectFields file={props.file} path={[...props.path, i]} schema={props.item} root={props.root} name={String(i)} context={props.itemContext ?? props.name} required />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={add}>
        {t(fieldKey(props.name, '.add'))}
      </button>
    </fieldset>
  );
}
