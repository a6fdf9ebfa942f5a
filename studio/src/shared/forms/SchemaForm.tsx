import { useState } from 'react';
import type { JsonPath, JsonSchema } from '../api/contract';
import { useDraftStore, useField, useIssues } from '../draft/DraftProvider';
import { fieldId } from '../draft/paths';
import { FieldIssues } from '../issues/FieldIssues';
import { useI18n } from '../i18n/texts';
import { type Named, useFieldWords } from './fieldWords';
import { emptyValue, shapeOf } from './schemaShape';
import { BilingualField } from './widgets/BilingualField';
import { ChoicesField } from './widgets/ChoicesField';
import { ConditionField } from './widgets/ConditionBuilder';
import { ListField } from './widgets/ListField';
import { NextField } from './widgets/NextField';
import { BooleanField, EnumField, NumberField, ScalarField, TextField } from './widgets/ScalarFields';
import { SynonymsField } from './widgets/SynonymsField';

export interface FieldProps extends Named {
  file: string;
  path: JsonPath;
  schema: JsonSchema;
  /** The schema `$ref`s point into. */
  root: JsonSchema;
  required: boolean;
}

/** Where a form's properties go: first those named here, in this order, then the others. */
export interface FormLayout {
  order?: string[];
  /** Shown under "more settings", closed at first. */
  advanced?: string[];
  /** Not shown (edited elsewhere, e.g. a section's list of questions). */
  hidden?: string[];
}

/** One value of a journey file, edited with the widget its schema calls for. */
export function SchemaField(props: FieldProps) {
  const shape = shapeOf(props.schema, props.root);
  const { label } = useFieldWords(props);
  switch (shape.kind) {
    case 'bilingual':
      return <BilingualField {...props} />;
    case 'synonyms':
      return <SynonymsField {...props} />;
    case 'condition':
      return <ConditionField {...props} />;
    case 'choices':
      return <ChoicesField {...props} item={shape.item} />;
    case 'next':
      return <NextField {...props} branch={shape.branch} />;
    case 'object':
      return (
        <fieldset className="group">
          <legend>{label}</legend>
          <ObjectFields {...props} />
        </fieldset>
      );
    case 'variants':
      return <ObjectFields {...props} />;
    case 'enum':
      return <EnumField {...props} values={shape.values} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'number':
      return <NumberField {...props} integer={shape.integer} minimum={shape.minimum} maximum={shape.maximum} />;
    case 'string':
      return <TextField {...props} />;
    case 'scalar':
      return <ScalarField {...props} />;
    case 'list':
      return <ListField {...props} item={shape.item} />;
    default:
      return <UnknownField {...props} />;
  }
}

/**
 * The properties of an object (or of the variant its discriminator picks: a question's kind
 * decides whether it has choices). Changing the kind drops what the new kind does not have.
 */
export function ObjectFields(props: FieldProps & { layout?: FormLayout }) {
  const { t } = useI18n();
  const store = useDraftStore();
  const value = useField<Record<string, unknown>>(props.file, props.path).value ?? {};
  // Issues about the object itself (an unknown key, a question no path reaches): above its fields.
  const ownIssues = useIssues(props.file, props.path);
  const allIssues = useIssues(props.file, props.path, true);
  const shape = shapeOf(props.schema, props.root);
  let properties: [string, JsonSchema][] = [];
  let required = new Set<string>();
  let kindPicker = null;
  if (shape.kind === 'object') ({ properties, required } = shape);
  if (shape.kind === 'variants') {
    const current = String(value[shape.discriminator] ?? '');
    const variant = shape.variants.get(current) ?? [...shape.variants.values()][0];
    const inner = shapeOf(variant, props.root);
    if (inner.kind === 'object') ({ properties, required } = inner);
    const changeKind = (next: string) => {
      const target = shape.variants.get(next);
      const allowed = new Set(Object.keys(target?.properties ?? {}));
      const drop = Object.keys(value).filter((k) => !allowed.has(k));
      const add = Object.entries(target?.properties ?? {}).filter(([k]) => !(k in value) && (target?.required ?? []).includes(k) && k !== shape.discriminator);
      void store.apply([
        ...drop.map((k) => ({ op: 'delete' as const, file: props.file, path: [...props.path, k] })),
        { op: 'set', file: props.file, path: [...props.path, shape.discriminator], value: next },
        ...add.map(([k, s]) => ({ op: 'set' as const, file: props.file, path: [...props.path, k], value: emptyValue(s, props.root) })),
      ]);
    };
    kindPicker = <EnumField {...props} path={[...props.path, shape.discriminator]} name={shape.discriminator} context={props.name} required values={[...shape.variants.keys()]} onChoose={changeKind} />;
    properties = properties.filter(([k]) => k !== shape.discriminator);
  }
  const layout = props.layout ?? {};
  const hidden = new Set(layout.hidden ?? []);
  const rank = (k: string) => {
    const i = (layout.order ?? []).indexOf(k);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const visible = properties.filter(([k]) => !hidden.has(k)).sort(([a], [b]) => rank(a) - rank(b));
  const advanced = new Set(layout.advanced ?? []);
  // A list's item words its properties as the list does (`choice`…); an object, as itself.
  const context = /^\d+$/.test(props.name) ? props.context : props.name;
  const field = ([k, s]: [string, JsonSchema]) => (
    <SchemaField key={k} file={props.file} path={[...props.path, k]} schema={s} root={props.root} name={k} context={context} required={required.has(k)} />
  );
  const more = visible.filter(([k]) => advanced.has(k));
  // A problem in a setting under "more settings" opens it (and it stays open while it is mended): every issue shows at its field.
  const [moreOpen, setMoreOpen] = useState(false);
  const moreHasIssues = allIssues.some((i) => more.some(([k]) => String(i.path[props.path.length]) === k));
  return (
    <div className="fields">
      <FieldIssues id={`${fieldId(props.file, props.path)}-own-issues`} issues={ownIssues} />
      {kindPicker}
      {visible.filter(([k]) => !advanced.has(k)).map(field)}
      {more.length > 0 && (
        <details className="advanced" open={moreOpen || moreHasIssues} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
          <summary>{t('ui.form.more_settings')}</summary>
          {more.map(field)}
        </details>
      )}
    </div>
  );
}

/** A value no widget knows: shown as it is, with its issues, to be edited in the YAML view. */
function UnknownField(props: FieldProps) {
  const { t } = useI18n();
  const { value } = useField(props.file, props.path);
  const issues = useIssues(props.file, props.path, true);
  const id = fieldId(props.file, props.path);
  const { label } = useFieldWords(props);
  return (
    <div className="field">
      <span className="label">{label}</span>
      <pre className="raw">{JSON.stringify(value, null, 2) ?? '—'}</pre>
      <p className="help">{t('ui.form.use_yaml')}</p>
      <FieldIssues id={`${id}-issues`} issues={issues} />
    </div>
  );
}
