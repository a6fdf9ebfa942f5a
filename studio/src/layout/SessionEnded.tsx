import { useI18n } from '../shared/i18n/texts';

/** The session expired or was closed elsewhere: nothing more can be saved until signing in again. */
export function SessionEnded() {
  const { t } = useI18n();
  const back = `/studio/login?returnTo=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  return (
    <div className="notice error session-ended" role="alert">
      <p>{t('ui.app.session_ended')}</p>
      <a href={back}>{t('ui.app.sign_in_again')}</a>
    </div>
  );
}
