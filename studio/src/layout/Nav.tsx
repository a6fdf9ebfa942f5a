import { hrefOf, SCREENS, type Screen } from '../shared/navigation/router';
import { useI18n } from '../shared/i18n/texts';
import { Link } from '../shared/navigation/Link';

/** The screens, as a list of links; the current one is marked for assistive technologies. */
export function Nav({ current }: { current: Screen }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('ui.nav.label')} className="screens">
      <ul>
        {SCREENS.map((screen) => (
          <li key={screen}>
            <Link href={hrefOf(screen)} aria-current={screen === current ? 'page' : undefined}>
              {t(`ui.nav.${screen}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
