import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../shared/api/client';
import type { Lang, Me } from '../shared/api/contract';
import { DraftProvider } from '../shared/draft/DraftProvider';
import { DraftStore } from '../shared/draft/draftStore';
import { I18nProvider, type UiTexts } from '../shared/i18n/texts';
import { App } from './App';

/** The language (French first; the server remembers a change in the session) and the one draft store. */
export function Root({ me, texts }: { me: Me; texts: UiTexts }) {
  const [lang, setLangState] = useState<Lang>(me.lang === 'en' ? 'en' : 'fr');
  const store = useMemo(() => new DraftStore(), []);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    void api.get(`me?lang=${next}`).catch(() => undefined);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <I18nProvider texts={texts} lang={lang} setLang={setLang}>
      <DraftProvider store={store}>
        <App me={me} />
      </DraftProvider>
    </I18nProvider>
  );
}
