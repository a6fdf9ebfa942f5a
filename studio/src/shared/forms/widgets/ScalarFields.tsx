import type { ReactNode } from 'react';
import { useField, useIssues } from '../../draft/DraftProvider';
import { fieldId } from '../../draft/paths';
import { FieldIssues } from '../../issues/FieldIssues';
import { useI18n } from '../../i18n/texts';
import { useFieldWords } from '../fieldWords';
import type { FieldProps } from '../SchemaForm';

/** Label, help line, the input, and the issues at this field, tied together by ids. */
export function FieldFrame({ props, children, inline }: { props: FieldProps; children: (ids: { id: string; described: object }) => ReactNode; inline?: boolean }) {
  const id = fieldId(props.file, props.path);
  const issues = useIssues(props.file, props.path, true);
  const { label, help } = useFieldWords(props);
  const helpId = help ? `${id}-help` : undefined;
  const issuesId = `${id}-issues`;
  const describedBy = [helpId, issues.length ? issuesId : undefined].filter(Boolean).join(' ');
  const described = { ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(issues.length ? { 'aria-invalid': true } : {}) };
  return (
    <div className={`field${inline ? ' field-inline' : ''}${issues.length ? ' has-issues' : ''}`}>
      {inline ? children({ id, described }) : null}
      <label htmlFor={id}>
        {label}
        {props.required && !inline ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {help && (
        <p className="help" id={helpId}>
          {help}
        </p>
      )}
      {inline ? null : children({ id, described })}
      <FieldIssues id={issuesId} issues={issues} />
    </div>
  );
}

export function TextField(props: FieldProps) {
  const field = useField<string>(props.file, props.path);
  return (
    <FieldFrame props={props}>
      {({ id, described }) => (
        <input
          id={id}
          type="text"
          value={field.value ?? ''}
          required={props.required}
          onChange={(e) => (e.target.value === '' && !props.required ? field.choose(undefined) : field.type(e.target.value))}
          {...described}
        />
      )}
    </FieldFrame>
  );
}

export function NumberField(props: FieldProps & { integer: boolean; minimum?: number; maximum?: number }) {
  const field = useField<number>(props.file, props.path);
  return (
    <FieldFrame props={props}>
      {({ id, described }) => (
        <input
          id={id}
          type="number"
          inputMode={props.integer ? 'numeric' : 'decimal'}
          step={props.integer ? 1 : 'any'}
          min={props.minimum}
          max={props.maximum}
          value={field.value ?? ''}
          required={props.required}
          onChange={(e) => {
            const n = e.target.valueAsNumber;
            if (e.target.value === '') return props.required ? undefined : field.choose(undefined);
            if (Number.isFinite(n)) field.type(n);
          }}
          {...described}
        />
      )}
    </FieldFrame>
  );
}

export function BooleanField(props: FieldProps) {
  const field = useField<boolean>(props.file, props.path);
  return (
    <FieldFrame props={props} inline>
      {({ id, described }) => <input id={id} type="checkbox" checked={field.value === true} onChange={(e) => field.choose(e.target.checked)} {...described} />}
    </FieldFrame>
  );
}

/** The words of an option: `ui.enum.<field>.<value>` when texts.yaml has them, else the value. */
export function useOptionLabel(name: string): (value: unknown) => string {
  const { t, has } = useI18n();
  return (value) => {
    const key = `ui.enum.${name}.${String(value)}`.toLowerCase();
    return has(key) ? t(key) : String(value);
  };
}

export function EnumField(props: FieldProps & { values: unknown[]; onChoose?: (value: string) => void }) {
  const field = useField<unknown>(props.file, props.path);
  const { t } = useI18n();
  const optionLabel = useOptionLabel(props.name);
  const current = field.value === undefined ? '' : String(field.value);
  const known = props.values.map(String);
  return (
    <FieldFrame props={props}>
      {({ id, described }) => (
        <select
          id={id}
          value={current}
          onChange={(e) => {
            if (props.onChoose) return props.onChoose(e.target.value);
            const picked = props.values.find((v) => String(v) === e.target.value);
            field.choose(picked);
          }}
          {...described}
        >
          {(!props.required || !known.includes(current)) && <option value="">{current && !known.includes(current) ? current : t('ui.form.none')}</option>}
          {props.values.map((v) => (
            <option key={String(v)} value={String(v)}>
              {optionLabel(v)}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A value that may be a text, a number or yes/no (a condition's `equals`): typed as text. */
export function ScalarField(props: FieldProps) {
  const field = useField<string | number | boolean>(props.file, props.path);
  return (
    <FieldFrame props={props}>
      {({ id, described }) => (
        <input id={id} type="text" value={field.value === undefined ? '' : String(field.value)} onChange={(e) => field.type(parseScalar(e.target.value))} {...described} />
      )}
    </FieldFrame>
  );
}

/** "true"/"false" and plain numbers become values of that type; anything else stays text. */
export function parseScalar(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  return text;
}
