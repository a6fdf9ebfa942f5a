import type { Bilingual, JsonSchema } from '../../api/contract';
import { useI18n } from '../../i18n/texts';
import type { FieldProps } from '../SchemaForm';
import { ItemList } from './ListField';

/** A question's choices: each with its stored value, its words in both languages and its synonyms. */
export function ChoicesField(props: FieldProps & { item: JsonSchema }) {
  const { t, pick } = useI18n();
  const legend = (value: unknown, i: number) => {
    const choice = (value ?? {}) as { value?: string; label?: Bilingual };
    const words = pick(choice.label) || choice.value || '';
    return t('ui.form.choice_n', { n: i + 1, label: words });
  };
  return <ItemList {...props} itemLegend={legend} itemContext="choice" />;
}
