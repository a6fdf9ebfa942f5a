import { useI18n } from '../i18n/texts';

/** The texts key of a property: lower case (texts.yaml keys are), e.g. `ui.field.rna`. */
export const fieldKey = (name: string, suffix = ''): string => `ui.field.${name.toLowerCase()}${suffix}`;

export interface Named {
  /** The property name; a list's n-th item is named by its index. */
  name: string;
  /** What holds it (`criterion`, `choice`…): a `when` is not worded the same in a question and a criterion. */
  context?: string;
}

/**
 * A property's label and help line: `ui.field.<context>.<name>` when texts.yaml words it for that
 * context, else `ui.field.<name>`; the help line comes from the same place as the label.
 */
export function useFieldWords({ name, context }: Named): { label: string; help?: string } {
  const { t, has } = useI18n();
  if (/^\d+$/.test(name)) return { label: t('ui.form.item', { n: Number(name) + 1 }) };
  const specific = context ? fieldKey(`${context}.${name}`) : undefined;
  const key = specific && has(specific) ? specific : fieldKey(name);
  return { label: t(key), help: has(`${key}.help`) ? t(`${key}.help`) : undefined };
}

export function FieldHelp({ field, id }: { field: Named; id: string }) {
  const { help } = useFieldWords(field);
  return help ? (
    <p className="help" id={id}>
      {help}
    </p>
  ) : null;
}
