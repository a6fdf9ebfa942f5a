import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Bilingual, Lang } from '../api/contract';

/** The interface texts (studio/texts.yaml, served by GET /studio/api/ui-texts). */
export type UiTexts = Record<string, Bilingual>;

export type Translate = (key: string, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  t: Translate;
  /** Whether the interface has a text for this key (optional help lines). */
  has: (key: string) => boolean;
  /** A bilingual value of the journey, in the staff's language (the other one if empty). */
  pick: (text: Bilingual | undefined) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** `{{name}}` inserts a value; an unknown key shows itself, so a missing text is visible, never blank. */
export function translator(texts: UiTexts, lang: Lang): Translate {
  return (key, params = {}) => {
    const text = texts[key];
    const template = text ? text[lang] || text.fr : key;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

export function I18nProvider({ texts, lang, setLang, children }: { texts: UiTexts; lang: Lang; setLang: (lang: Lang) => void; children: ReactNode }) {
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: translator(texts, lang),
      has: (key) => key in texts,
      pick: (text) => (text ? text[lang] || text[lang === 'fr' ? 'en' : 'fr'] || '' : ''),
    }),
    [texts, lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
