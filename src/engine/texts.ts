import type { Locale } from '../answers/types';
import type { Flow } from '../flow/model';
import { selectPlurals } from '../flow/plural';
import type { Text } from '../flow/schema';
import { formatNumber } from './numbers';
import { plainText } from './userText';
import type { EngineTextKey } from './textKeys';

export type Vars = Readonly<Record<string, string | number | undefined>>;

const has = (vars: Vars, name: string) => Object.prototype.hasOwnProperty.call(vars, name);

/**
 * Fills a text: first its count-aware blocks (`{count, plural, one {…} other {…}}`, see
 * src/flow/plural.ts) from the numbers among `vars`, then its `{{name}}` placeholders, inserted
 * as given (the caller formats numbers); an unknown name becomes empty (flow checks catch typos).
 */
export function render(text: Text, lang: Locale, vars: Vars = {}): string {
  const numberOf = (name: string) => {
    const v = has(vars, name) ? vars[name] : undefined;
    if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
    // A count as the user reads it ("2 000", "2,000", marked as a user value): its whole number.
    const digits = typeof v === 'string' ? plainText(v).replace(lang === 'en' ? /[\s,]/g : /\s/g, '') : '';
    return /^\d+$/.test(digits) ? Number(digits) : undefined;
  };
  const chosen = selectPlurals(text[lang], lang, numberOf, (n) => formatNumber(n, lang));
  return chosen.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    const v = has(vars, name) ? vars[name] : undefined;
    return v === undefined ? '' : String(v);
  });
}

/** A text of dialogs/texts.yaml. */
export function say(flow: Flow, key: EngineTextKey | string, lang: Locale, vars: Vars = {}): string {
  const text = flow.texts[key];
  if (!text) throw new Error(`dialogs/texts.yaml has no text "${key}"`);
  return render(text, lang, vars);
}
