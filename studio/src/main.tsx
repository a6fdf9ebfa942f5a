import '@xyflow/react/dist/style.css';
import './layout/studio.css';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import { ApiError, api, setCsrfToken } from './shared/api/client';
import type { Me } from './shared/api/contract';
import type { UiTexts } from './shared/i18n/texts';

/**
 * Who is signed in and the interface texts first; without a session the sign-in page takes over
 * (it knows how to sign in: the local link or Microsoft), and comes back here afterwards.
 */
async function boot(): Promise<void> {
  const mount = document.getElementById('studio')!;
  try {
    const [me, texts] = await Promise.all([api.get<Me>(`me${window.location.search.includes('lang=en') ? '?lang=en' : ''}`), api.get<UiTexts>('ui-texts')]);
    setCsrfToken(me.csrfToken);
    createRoot(mount).render(<Root me={me} texts={texts} />);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      window.location.replace(`/studio/login?returnTo=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      return;
    }
    // No interface texts without the server: index.html carries this one message, in both languages.
    document.getElementById('boot-error')?.removeAttribute('hidden');
  }
}

void boot();
