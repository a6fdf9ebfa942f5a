import type { Locale } from '../../answers/types';
import type { WebStyle } from '../../web/style';
import type { StudioWords } from '../api/studioWords';
import { escapeHtml } from '../http/respond';

export interface TryPageConfig {
  /** The try's Direct Line (Web Chat's `domain`). */
  domain: string;
  token: string;
  userId: string;
  locale: string;
}

/** JSON inside a script element: no `</script>`, no HTML comment. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

/**
 * The try pane: the real Web Chat (the same /webchat.js as the public chat page, with its
 * style) talking to the try's Direct Line. No inline script: the settings are a JSON data block
 * that /studio/try/try.js reads.
 */
export function tryPage(words: StudioWords, lang: Locale, style: WebStyle, config: TryPageConfig | undefined): string {
  const t = (key: 'try.page_title' | 'try.chat_label' | 'try.loading' | 'try.unavailable' | 'try.gone') => escapeHtml(words.say(key, lang));
  const c = style.colors;
  const settings = config && { ...config, styleOptions: style.styleOptions, texts: { unavailable: words.say('try.unavailable', lang) } };
  const body = settings
    ? `<p id="try-status" class="status" role="status">${t('try.loading')}</p>\n<div id="webchat" class="webchat"></div>`
    : `<p class="status" role="alert">${t('try.gone')}</p>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('try.page_title')}</title>
<link rel="icon" href="data:,">
<style>:root{--accent:${c.accent};--background:${c.background};--text:${c.text};--focus:${c.focus}}
html,body{height:100%;margin:0}body{display:flex;flex-direction:column;background:var(--background);color:var(--text);font:16px/1.5 system-ui,sans-serif}
main{flex:1;display:flex;flex-direction:column;min-height:0}.webchat{flex:1;min-height:0}.status{margin:.5rem 1rem}.status[hidden]{display:none}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}</style>
${settings ? `<script id="try-config" type="application/json">${scriptJson(settings)}</script>\n<script src="/webchat.js" defer></script>\n<script src="/studio/try/try.js" defer></script>` : ''}
</head>
<body>
<main aria-label="${t('try.chat_label')}">
${body}
</main>
</body>
</html>`;
}
