import type { Bilingual, Lang } from '../../api/contract';
import { useField, useIssues } from '../../draft/DraftProvider';
import { fieldId } from '../../draft/paths';
import { FieldIssues } from '../../issues/FieldIssues';
import { useI18n } from '../../i18n/texts';
import { FieldHelp, useFieldWords } from '../fieldWords';
import type { FieldProps } from '../SchemaForm';

const LANGS: Lang[] = ['fr', 'en'];

/**
 * A text the bot says, French and English side by side. Each box carries its language (lang
 * attribute: spelling and screen readers), and its own issues (a `{{name}}` unknown in English).
 * Emptying both boxes of an optional text removes it.
 */
export function BilingualField(props: FieldProps) {
  const { t } = useI18n();
  const { label } = useFieldWords(props);
  const field = useField<Partial<Bilingual>>(props.file, props.path);
  const whole = useIssues(props.file, props.path);
  const id = fieldId(props.file, props.path);
  const value = field.value ?? {};
  const change = (lang: Lang, text: string) => {
    const next = { fr: value.fr ?? '', en: value.en ?? '', [lang]: text };
    if (!props.required && !next.fr && !next.en) return field.choose(undefined);
    field.type(next);
  };
  return (
    <fieldset className={`group bilingual${whole.length ? ' has-issues' : ''}`}>
      <legend>
        {label}
        {props.required ? <span className="required" aria-hidden="true"> *</span> : null}
        {!props.required ? <span className="optional"> {t('ui.form.optional_text')}</span> : null}
      </legend>
      <FieldHelp field={props} id={`${id}-help`} />
      <FieldIssues id={`${id}-issues`} issues={whole} />
      <div className="side-by-side">
        {LANGS.map((lang) => (
          <LanguageBox key={lang} {...props} lang={lang} text={value[lang] ?? ''} onChange={(text) => change(lang, text)} />
        ))}
      </div>
    </fieldset>
  );
}

function LanguageBox(props: FieldProps & { lang: Lang; text: string; onChange: (text: string) => void }) {
  const { t } = useI18n();
  const path = [...props.path, props.lang];
  const issues = useIssues(props.file, path, true);
  const id = fieldId(props.file, path);
  const rows = Math.min(8, Math.max(2, Math.ceil(props.text.length / 60)));
  return (
    <div className={`field${issues.length ? ' has-issues' : ''}`}>
      <label htmlFor={id}>{t(`ui.lang.${props.lang}`)}</label>
      <textarea
        id={id}
        lang={props.lang}
        rows={rows}
        value={props.text}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={issues.length ? true : undefined}
        aria-describedby={issues.length ? `${id}-issues` : undefined}
      />
      <FieldIssues id={`${id}-issues`} issues={issues} />
    </div>
  );
}
