import type { Lang } from '../../api/contract';
import { useField, useIssues } from '../../draft/DraftProvider';
import { fieldId } from '../../draft/paths';
import { FieldIssues } from '../../issues/FieldIssues';
import { useI18n } from '../../i18n/texts';
import { FieldHelp, useFieldWords } from '../fieldWords';
import type { FieldProps } from '../SchemaForm';
import { ListTextInput } from './ListTextInput';

type Synonyms = { fr?: string[]; en?: string[] };

/** Words that mean the same (synonyms, aliases, "none" words), per language, comma-separated. */
export function SynonymsField(props: FieldProps) {
  const { label } = useFieldWords(props);
  const { t } = useI18n();
  const field = useField<Synonyms>(props.file, props.path);
  const issues = useIssues(props.file, props.path, true);
  const id = fieldId(props.file, props.path);
  const value = field.value ?? {};
  const change = (lang: Lang, list: string[]) => {
    const next = { fr: value.fr ?? [], en: value.en ?? [], [lang]: list };
    if (!props.required && !next.fr.length && !next.en.length) return field.choose(undefined);
    field.type(next);
  };
  return (
    <fieldset className={`group synonyms${issues.length ? ' has-issues' : ''}`}>
      <legend>{label}</legend>
      <FieldHelp field={props} id={`${id}-help`} />
      <p className="help">{t('ui.form.comma_separated')}</p>
      <div className="side-by-side">
        {(['fr', 'en'] as const).map((lang) => (
          <div className="field" key={lang}>
            <label htmlFor={`${id}-${lang}`}>{t(`ui.lang.${lang}`)}</label>
            <ListTextInput id={`${id}-${lang}`} lang={lang} value={value[lang] ?? []} onList={(list) => change(lang, list)} aria-describedby={issues.length ? `${id}-issues` : undefined} />
          </div>
        ))}
      </div>
      <FieldIssues id={`${id}-issues`} issues={issues} />
    </fieldset>
  );
}
