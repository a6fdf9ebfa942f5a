import { ScreenTitle } from '../../layout/ScreenTitle';
import { ObjectFields } from '../../shared/forms/SchemaForm';
import { WithSchemas } from '../../shared/forms/WithSchemas';
import { useI18n } from '../../shared/i18n/texts';
import { LAYOUTS } from '../question/layouts';

/** The programme calendar (dialogs/calendar.yaml): Factory editions, the Booster's next cohort, Explorers' themes. */
export function CalendarPage() {
  const { t } = useI18n();
  return (
    <div className="calendar-page">
      <ScreenTitle intro={t('ui.calendar.intro')}>{t('ui.calendar.title')}</ScreenTitle>
      <WithSchemas>
        {({ calendar }) => (
          <form onSubmit={(e) => e.preventDefault()} aria-labelledby="screen-title">
            <ObjectFields file="dialogs/calendar.yaml" path={[]} schema={calendar} root={calendar} name="calendar" required layout={LAYOUTS.calendar} />
          </form>
        )}
      </WithSchemas>
    </div>
  );
}
