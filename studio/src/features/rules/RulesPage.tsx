import { ScreenTitle } from '../../layout/ScreenTitle';
import type { JsonSchema } from '../../shared/api/contract';
import { ObjectFields } from '../../shared/forms/SchemaForm';
import { WithSchemas } from '../../shared/forms/WithSchemas';
import { ItemList } from '../../shared/forms/widgets/ListField';
import { useI18n } from '../../shared/i18n/texts';
import { LAYOUTS } from '../question/layouts';

const FILE = 'dialogs/rules.yaml';

/**
 * Eligibility criteria and programme rules, in order of precedence (the first programme whose
 * conditions hold is recommended): move them up and down, with their reasons in both languages.
 */
export function RulesPage() {
  const { t } = useI18n();
  const listOf = (item: JsonSchema): JsonSchema => ({ type: 'array', items: item });
  return (
    <div className="rules-page">
      <ScreenTitle intro={t('ui.rules.intro')}>{t('ui.rules.title')}</ScreenTitle>
      <WithSchemas>
        {(data) => (
          <form onSubmit={(e) => e.preventDefault()} aria-labelledby="screen-title">
            <section aria-labelledby="criteria-title">
              <h3 id="criteria-title">{t('ui.rules.criteria')}</h3>
              <p className="help">{t('ui.rules.criteria_help')}</p>
              <ItemList file={FILE} path={['eligibility', 'criteria']} schema={listOf(data.criterion)} item={data.criterion} root={data.criterion} name="criteria" itemContext="criterion" required />
            </section>
            <section aria-labelledby="programmes-title">
              <h3 id="programmes-title">{t('ui.rules.programmes')}</h3>
              <p className="help">{t('ui.rules.programmes_help')}</p>
              <ItemList file={FILE} path={['programmes']} schema={listOf(data.programme)} item={data.programme} root={data.programme} name="programmes" itemContext="programme" required />
            </section>
            <section aria-labelledby="fallback-title">
              <h3 id="fallback-title">{t('ui.rules.fallback')}</h3>
              <p className="help">{t('ui.rules.fallback_help')}</p>
              <ObjectFields file={FILE} path={['fallback']} schema={data.fallback} root={data.fallback} name="fallback" required layout={LAYOUTS.fallback} />
            </section>
          </form>
        )}
      </WithSchemas>
    </div>
  );
}
