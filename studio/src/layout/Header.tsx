import { api } from '../shared/api/client';
import type { Me } from '../shared/api/contract';
import { useI18n } from '../shared/i18n/texts';
import { StatusLine } from './StatusLine';

/** Who is signed in, the other language, signing out, the try pane, and the saving status. */
export function Header({ me, tryOpen, onToggleTry, canTry }: { me: Me; tryOpen: boolean; onToggleTry: () => void; canTry: boolean }) {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'fr' ? 'en' : 'fr';
  const signOut = async () => {
    try {
      await api.post('/studio/logout');
    } finally {
      window.location.assign('/studio/login');
    }
  };
  return (
    <header className="top">
      <div className="brand">
        <h1>{t('ui.app.title')}</h1>
        <StatusLine />
      </div>
      <div className="top-actions">
        {canTry && (
          <button type="button" className="try-toggle" aria-expanded={tryOpen} aria-controls="try-pane" onClick={onToggleTry}>
            {tryOpen ? t('ui.try.close') : t('ui.try.open')}
          </button>
        )}
        <button type="button" onClick={() => setLang(other)} lang={other}>
          {t('ui.app.other_language')}
        </button>
        <p className="who">{t('ui.app.signed_in_as', { name: me.staff.name })}</p>
        <button type="button" onClick={() => void signOut()}>
          {t('ui.app.sign_out')}
        </button>
      </div>
    </header>
  );
}
