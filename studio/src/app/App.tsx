import { lazy, Suspense, useEffect, useState } from 'react';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { InsightsPage } from '../features/insights/InsightsPage';
import { PublishPage } from '../features/publish/PublishPage';
import { RulesPage } from '../features/rules/RulesPage';
import { ScenariosPage } from '../features/scenarios/ScenariosPage';
import { TextsPage } from '../features/texts/TextsPage';
import { TryPane } from '../features/try/TryPane';
import { VersionsPage } from '../features/versions/VersionsPage';
import { ErrorBoundary } from '../layout/ErrorBoundary';
import { Header } from '../layout/Header';
import { Nav } from '../layout/Nav';
import { SessionEnded } from '../layout/SessionEnded';
import { onSignedOut } from '../shared/api/client';
import type { Me } from '../shared/api/contract';
import { useDraft, useDraftStore } from '../shared/draft/DraftProvider';
import { useI18n } from '../shared/i18n/texts';
import { EDITING, type Screen, useRoute } from '../shared/navigation/router';

// The two heavy screens (the diagram library, the code editor) load when first opened.
const JourneyPage = lazy(() => import('../features/map/JourneyPage').then((m) => ({ default: m.JourneyPage })));
const YamlPage = lazy(() => import('../features/yaml/YamlPage').then((m) => ({ default: m.YamlPage })));

export function App({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const store = useDraftStore();
  const { draft, status } = useDraft();
  const { screen, params } = useRoute();
  const [tryOpen, setTryOpen] = useState(false);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  useEffect(() => onSignedOut(() => setSessionEnded(true)), []);
  useEffect(() => {
    store.load().catch(() => setLoadFailed(true));
  }, [store]);
  useEffect(() => {
    document.title = `${t(`ui.nav.${screen}`)} — ${t('ui.app.title')}`;
  }, [screen, lang, t]);
  const canTry = EDITING.has(screen);
  return (
    <>
      <a href="#main" className="skip-link">
        {t('ui.app.skip_to_content')}
      </a>
      <Header me={me} tryOpen={tryOpen && canTry} canTry={canTry} onToggleTry={() => setTryOpen((open) => !open)} />
      {sessionEnded && <SessionEnded />}
      <Nav current={screen} />
      <div className={`workspace${tryOpen && canTry ? ' with-try' : ''}`}>
        <main id="main" tabIndex={-1}>
          <ErrorBoundary key={screen}>
            {loadFailed ? (
              <p className="notice error" role="alert">
                {t('ui.app.load_failed')}
              </p>
            ) : !draft || status.state === 'loading' ? (
              <p className="loading">{t('ui.app.loading')}</p>
            ) : (
              <Suspense fallback={<p className="loading">{t('ui.app.loading')}</p>}>
                <ScreenView screen={screen} params={params} />
              </Suspense>
            )}
          </ErrorBoundary>
        </main>
        {tryOpen && canTry && <TryPane />}
      </div>
    </>
  );
}

function ScreenView({ screen, params }: { screen: Screen; params: URLSearchParams }) {
  switch (screen) {
    case 'journey':
      return <JourneyPage selected={params.get('node') ?? undefined} />;
    case 'texts':
      return <TextsPage />;
    case 'rules':
      return <RulesPage />;
    case 'calendar':
      return <CalendarPage />;
    case 'yaml':
      return <YamlPage file={params.get('file') ?? undefined} line={Number(params.get('line')) || undefined} />;
    case 'scenarios':
      return <ScenariosPage />;
    case 'publish':
      return <PublishPage />;
    case 'versions':
      return <VersionsPage />;
    case 'insights':
      return <InsightsPage />;
  }
}
