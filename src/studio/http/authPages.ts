import type { Locale } from '../../answers/types';
import { LOGIN_PATH } from '../auth/localLink';
import { type AuthTextKey, type AuthTexts, authText } from './authTexts';
import { escapeHtml } from './respond';

/** Why the sign-in page is shown, besides "you are not signed in". */
export type SignInNotice = 'local_spent' | 'expired' | 'failed' | 'unavailable';

export interface PageContext {
  texts: AuthTexts;
  lang: Locale;
  /** The address of this page (path and query): the language link keeps it. */
  here: string;
}

const STYLE =
  'body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}' +
  'main{max-width:36rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px}' +
  'a{color:#0b57d0}.button{display:inline-block;padding:.6rem 1rem;background:#0b57d0;color:#fff;border-radius:4px;text-decoration:none}' +
  '.notice{border-left:4px solid #b3261e;padding-left:.75rem}a:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}';

function layout({ texts, lang, here }: PageContext, heading: AuthTextKey, body: string): string {
  const other: Locale = lang === 'fr' ? 'en' : 'fr';
  const t = (key: AuthTextKey) => escapeHtml(authText(texts, key, lang));
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('auth.page_title')}</title><style>${STYLE}</style></head>
<body><main>
<h1>${t(heading)}</h1>
${body}
<p><a href="${escapeHtml(withParam(here, 'lang', other))}" lang="${other}" hreflang="${other}">${t('auth.other_language')}</a></p>
</main></body>
</html>`;
}

/**
 * The sign-in page: locally, where to find the printed link; with OIDC, a button to the
 * provider that comes back to `returnTo`.
 */
export function signInPage(ctx: PageContext, how: { mode: 'local' | 'oidc'; returnTo: string; notice?: SignInNotice }): string {
  const t = (key: AuthTextKey) => escapeHtml(authText(ctx.texts, key, ctx.lang));
  const notice = how.notice ? `<p class="notice" role="alert">${t(`auth.signin.${how.notice}`)}</p>\n` : '';
  const login = withParam(withParam(LOGIN_PATH, 'returnTo', how.returnTo), 'lang', ctx.lang);
  const body =
    how.mode === 'local'
      ? `<p>${t('auth.signin.local')}</p>`
      : `<p>${t('auth.signin.oidc')}</p>\n<p><a class="button" href="${escapeHtml(login)}">${t('auth.signin.button')}</a></p>`;
  return layout(ctx, 'auth.signin.heading', notice + body);
}

/** Signed in with the provider, but not on the allowed list: who they are and whom to ask. */
export function forbiddenPage(ctx: PageContext, who: string, returnTo: string): string {
  const t = (key: AuthTextKey, vars?: Record<string, string>) => escapeHtml(authText(ctx.texts, key, ctx.lang, vars));
  const other = withParam(withParam(withParam(LOGIN_PATH, 'returnTo', returnTo), 'account', 'choose'), 'lang', ctx.lang);
  return layout(
    ctx,
    'auth.forbidden.heading',
    `<p>${t('auth.forbidden.who', { who })}</p>\n<p>${t('auth.forbidden.ask')}</p>\n<p><a href="${escapeHtml(other)}">${t('auth.forbidden.other_account')}</a></p>`,
  );
}

/** `path?query` with one parameter set (or replaced). */
function withParam(pathAndQuery: string, name: string, value: string): string {
  const url = new URL(pathAndQuery, 'http://local');
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}
