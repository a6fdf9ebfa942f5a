import type { Locale } from '../../answers/types';
import { render, type Vars } from '../../engine/texts';
import type { Text } from '../../flow/schema';
import { loadStudioTexts, type StudioTexts } from '../../journey/studioTexts';

/** The keys of studio/texts.yaml the server itself says (the page's own keys are the page's business). */
export const SERVER_TEXT_KEYS = [
  'map.summary',
  'map.asked_only_if',
  'map.if',
  'map.otherwise',
  'field.territory',
  'field.territory_covered',
  'field.years_since',
  'cond.equals',
  'cond.not_equals',
  'cond.in',
  'cond.gt',
  'cond.gte',
  'cond.lt',
  'cond.lte',
  'cond.contains',
  'cond.contains_any',
  'cond.count_gte',
  'cond.is_set',
  'cond.is_not_set',
  'cond.eligible',
  'cond.not_eligible',
  'cond.not',
  'cond.and',
  'cond.or',
  'cond.value',
  'cond.yes',
  'cond.no',
  'cond.unreadable',
  'diff.added',
  'diff.removed',
  'diff.changed',
  'diff.wording',
  'diff.fields',
  'diff.kind.question',
  'diff.kind.choice',
  'diff.kind.text',
  'diff.kind.criterion',
  'diff.kind.programme',
  'diff.kind.ending',
  'diff.kind.setting',
  'diff.kind.calendar',
  'diff.kind.territory',
  'diff.kind.command',
  'diff.kind.scenario',
  'diff.kind.card',
  'try.page_title',
  'try.chat_label',
  'try.loading',
  'try.unavailable',
  'try.gone',
  'try.scenario_name',
] as const;
export type ServerTextKey = (typeof SERVER_TEXT_KEYS)[number];

export const LANGS: readonly Locale[] = ['fr', 'en'];

/** The studio's interface texts, with the words the server says checked present at start. */
export class StudioWords {
  constructor(readonly all: StudioTexts) {
    const missing = SERVER_TEXT_KEYS.filter((k) => !all[k]);
    if (missing.length) throw new Error(`studio/texts.yaml lacks texts the studio needs (French and English): ${missing.join(', ')}`);
  }

  static load(file?: string): StudioWords {
    return new StudioWords(loadStudioTexts(file));
  }

  say(key: ServerTextKey, lang: Locale, vars: Vars = {}): string {
    return render(this.all[key], lang, vars);
  }

  /** The same text in both languages, each language's vars given by `vars(lang)`. */
  both(key: ServerTextKey, vars: (lang: Locale) => Vars = () => ({})): Text {
    return { fr: this.say(key, 'fr', vars('fr')), en: this.say(key, 'en', vars('en')) };
  }
}
