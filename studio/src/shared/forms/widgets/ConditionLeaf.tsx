import { useI18n } from '../../i18n/texts';
import type { KnownField } from '../knownFields';
import { type Comparison, type Cond, comparisonsFor, read, valueKind, withComparison } from './conditionModel';
import { ListTextInput } from './ListTextInput';

export interface LeafProps {
  id: string;
  value: Cond;
  fields: readonly KnownField[];
  /** `typed`: from the keyboard (saved after a pause). */
  onChange: (value: Cond, typed: boolean) => void;
  describedBy?: string;
}

const OTHER = '\u0000other';

/** One comparison: which answer, how it compares, with what: "Forme juridique — est parmi — Association, Fondation". */
export function ConditionLeaf({ id, value, fields, onChange, describedBy }: LeafProps) {
  const { t, pick, has } = useI18n();
  const leaf = read(value);
  if (leaf.kind !== 'leaf') return null;
  const field = fields.find((f) => f.name === leaf.field);
  const offered = comparisonsFor(field);
  const ops: Comparison[] = leaf.op && !offered.includes(leaf.op) ? [...offered, leaf.op] : offered;
  const setField = (name: string, typed: boolean) => {
    const next = fields.find((f) => f.name === name);
    // The comparison stays when it suits the new answer; its value is kept, so a mismatch shows as an issue rather than vanishing.
    const op = leaf.op && comparisonsFor(next).includes(leaf.op) ? leaf.op : comparisonsFor(next)[0];
    onChange(withComparison({ ...value, field: name }, op, next), typed);
  };
  const setValue = (v: unknown, typed: boolean) => leaf.op && onChange({ field: leaf.field, [leaf.op]: v }, typed);
  const aria = describedBy ? { 'aria-describedby': describedBy } : {};
  return (
    <div className="condition-leaf">
      <div className="field">
        <label htmlFor={`${id}-field`}>{t('ui.cond.field')}</label>
        <select id={`${id}-field`} value={field ? leaf.field : OTHER} onChange={(e) => setField(e.target.value === OTHER ? '' : e.target.value, false)} {...aria}>
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.label ? `${pick(f.label)} (${f.name})` : has(`ui.cond.derived.${f.name}`) ? `${t(`ui.cond.derived.${f.name}`)} (${f.name})` : f.name}
            </option>
          ))}
          <option value={OTHER}>{t('ui.cond.other_field')}</option>
        </select>
      </div>
      {!field && (
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('ui.cond.field_name')}</label>
          <input id={`${id}-name`} type="text" value={leaf.field} onChange={(e) => setField(e.target.value, true)} {...aria} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-op`}>{t('ui.cond.comparison')}</label>
        <select id={`${id}-op`} value={leaf.op ?? ''} onChange={(e) => onChange(withComparison(value, e.target.value as Comparison, field), false)} {...aria}>
          {!leaf.op && <option value="">{t('ui.form.none')}</option>}
          {ops.map((op) => (
            <option key={op} value={op}>
              {t(`ui.cond.op.${op}`)}
            </option>
          ))}
        </select>
      </div>
      <ValueEditor id={`${id}-value`} op={leaf.op} field={field} value={leaf.value} onChange={setValue} aria={aria} />
    </div>
  );
}

function ValueEditor({ id, op, field, value, onChange, aria }: { id: string; op: Comparison | undefined; field: KnownField | undefined; value: unknown; onChange: (v: unknown, typed: boolean) => void; aria: object }) {
  const { t, pick } = useI18n();
  if (!op) return null;
  const kind = valueKind(op, field);
  const label = <label htmlFor={id}>{t('ui.cond.value')}</label>;
  if (kind === 'boolean') {
    const yes = op === 'is_set' ? t('ui.cond.is_set.true') : t('ui.cond.yes');
    const no = op === 'is_set' ? t('ui.cond.is_set.false') : t('ui.cond.no');
    return (
      <div className="field">
        {label}
        <select id={id} value={String(value === true)} onChange={(e) => onChange(e.target.value === 'true', false)} {...aria}>
          <option value="true">{yes}</option>
          <option value="false">{no}</option>
        </select>
      </div>
    );
  }
  if (kind === 'number') {
    return (
      <div className="field">
        {label}
        <input id={id} type="number" step="any" value={typeof value === 'number' ? value : ''} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && onChange(e.target.valueAsNumber, true)} {...aria} />
      </div>
    );
  }
  const choices = field?.choices ?? [];
  if (kind === 'choice') {
    const current = String(value ?? '');
    const known = choices.some((c) => c.value === current);
    return (
      <div className="field">
        {label}
        <select id={id} value={current} onChange={(e) => onChange(e.target.value, false)} {...aria}>
          {!known && <option value={current}>{t('ui.cond.unknown_value', { value: current })}</option>}
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {pick(c.label) || c.value}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (kind === 'list' && choices.length) {
    const list = (Array.isArray(value) ? value : []).map(String);
    const stale = list.filter((v) => !choices.some((c) => c.value === v));
    const toggle = (v: string, on: boolean) => onChange(on ? [...list, v] : list.filter((x) => x !== v), false);
    return (
      <fieldset className="choices-picker">
        <legend>{t('ui.cond.values')}</legend>
        {[...choices.map((c) => ({ value: c.value, words: pick(c.label) || c.value })), ...stale.map((v) => ({ value: v, words: t('ui.cond.unknown_value', { value: v }) }))].map((c, i) => (
          <div className="check" key={c.value}>
            <input id={`${id}-${i}`} type="checkbox" checked={list.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} {...aria} />
            <label htmlFor={`${id}-${i}`}>{c.words}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  if (kind === 'list') {
    return (
      <div className="field">
        {label}
        <ListTextInput id={id} value={(Array.isArray(value) ? value : []).map(String)} onList={(l) => onChange(l, true)} {...aria} />
      </div>
    );
  }
  return (
    <div className="field">
      {label}
      <input id={id} type="text" value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value, true)} {...aria} />
    </div>
  );
}
