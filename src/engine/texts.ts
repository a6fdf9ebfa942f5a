import type { Locale } from '../answers/types';
import type { Flow } from '../flow/model';
import type { Text } from '../flow/schema';
import type { EngineTextKey } from './textKeys';

export type Vars = Readonly<Record<string, string | number | undefined>>;

/** Fills `{{name}}` placeholders; an unknown name becomes empty (flow checks catch typos). */
export function render(text: Text, lang: Locale, vars: Vars = {}): string {
  return text[lang].replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    const v = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    return v === undefined ? '' : String(v);
  });
}

/** A text of dialogs/texts.yaml. */
export function say(flow: Flow, key: EngineTextKey | string, lang: Locale, vars: Vars = {}): string {
  const text = flow.texts[key];
  if (!text) throw new Error(`dialogs/texts.yaml has no text "${key}"`);
  return render(text, lang, vars);
}
