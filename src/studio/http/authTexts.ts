import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Locale } from '../../answers/types';
import { readStudioTextsYaml } from '../../journey/studioTexts';
import { PROJECT_ROOT } from '../../paths';

/** Where the sign-in pages' words are (French and English, the `auth.` keys of the studio's texts), relative to the project. */
export const AUTH_TEXTS_FILE = path.join('studio', 'texts.yaml');

export const AUTH_TEXT_KEYS = [
  'auth.page_title',
  'auth.other_language',
  'auth.signin.heading',
  'auth.signin.local',
  'auth.signin.local_spent',
  'auth.signin.oidc',
  'auth.signin.button',
  'auth.signin.expired',
  'auth.signin.failed',
  'auth.signin.unavailable',
  'auth.forbidden.heading',
  'auth.forbidden.who',
  'auth.forbidden.ask',
  'auth.forbidden.other_account',
] as const;
export type AuthTextKey = (typeof AUTH_TEXT_KEYS)[number];

const textSchema = z.object({ fr: z.string().min(1), en: z.string().min(1) });
const fileSchema = z.object(Object.fromEntries(AUTH_TEXT_KEYS.map((k) => [k, textSchema])) as Record<AuthTextKey, typeof textSchema>);
export type AuthTexts = z.infer<typeof fileSchema>;

/** Reads and checks the file; throws naming the file and each key that is missing or incomplete. */
export function loadAuthTexts(file = path.join(PROJECT_ROOT, AUTH_TEXTS_FILE)): AuthTexts {
  const result = fileSchema.safeParse(readStudioTextsYaml(file) ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${file}: ${i.path.join('.')}: ${i.message}`);
  throw new Error(`The studio's sign-in texts are incomplete (French and English are both required):\n${lines.join('\n')}`);
}

/** A text in a language, `{{name}}` replaced by the value given (the caller escapes for HTML). */
export const authText = (texts: AuthTexts, key: AuthTextKey, lang: Locale, vars: Record<string, string> = {}): string =>
  texts[key][lang].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);

/** French first; English when `?lang=en`, or when the browser prefers English to French. */
export function pickLanguage(req: IncomingMessage): Locale {
  const asked = new URL(req.url ?? '/', 'http://local').searchParams.get('lang');
  if (asked === 'en' || asked === 'fr') return asked;
  const ranked = (req.headers['accept-language'] ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => (l.lang === 'fr' || l.lang === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang === 'en' ? 'en' : 'fr';
}
