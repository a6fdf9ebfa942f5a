import { ScreenTitle } from '../../layout/ScreenTitle';
import { useSchemas } from '../../shared/api/schemas';
import { ObjectFields } from '../../shared/forms/SchemaForm';
import { useI18n } from '../../shared/i18n/texts';
import { LAYOUTS } from '../question/layouts';

/** The programme calendar (dialogs/calendar.yaml): Factory editions, the Booster's next cohort, Explorers' themes. */
export function CalendarPage() {
  const { t } = useI18n();
  const schemas = useSchemas();
  const schema = schemas.data?.calendar;
  return (
    <div className="calendar-page">
      <ScreenTitle intro={t('ui.calendar.intro')}>{t('ui.calendar.title')}</ScreenTitle>
      {schemas.error ? <p className="notice error">{t('ui.form.schemas_failed')}</p> : null}
      {!schema ? (
        <p className="loading">{t('ui.app.loading')}</p>
      ) : (
        <form onSubmit={(e) => e.preventDefault()} aria-labelledby="screen-title">
          <ObjectFields file="dialogs/calendar.yaml" path={[]} schema={schema} root={schema} name="calendar" required layout={LAYOUTS.calendar} />
        </form>
      )}
    </div>
  );
}
