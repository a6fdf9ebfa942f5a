import type { Locale } from '../../answers/types';
import type { Text } from '../../flow/schema';
import type { JourneyDiff, SemanticChange } from '../../journey/diff';
import type { ServerTextKey, StudioWords } from './studioWords';

/** One line of "what changed", as the page lists it. */
export interface ChangeLine {
  kind: SemanticChange['kind'];
  id: string;
  change: SemanticChange['change'];
  /** "Modification – question name : « Quel est son nom ? » (modifié : ask)", in French and English. */
  text: Text;
}

export interface DiffAnswer {
  files: { file: string; status: 'added' | 'removed' | 'changed'; patch: string }[];
  summary: ChangeLine[];
}

/** The diff of two versions for the page: the patches, and the summary in words (studio/texts.yaml `diff.*`). */
export function diffAnswer(diff: JourneyDiff, words: StudioWords): DiffAnswer {
  return {
    files: diff.files.map(({ file, status, patch }) => ({ file, status, patch })),
    summary: diff.summary.map((c) => ({ kind: c.kind, id: c.id, change: c.change, text: changeText(c, words) })),
  };
}

/** The sentence, then the French wording of the thing (when it has one), then which of its keys changed. */
function changeText(c: SemanticChange, words: StudioWords): Text {
  const say = (lang: Locale) =>
    words.say(`diff.${c.change}`, lang, { what: words.say(`diff.kind.${c.kind}` as ServerTextKey, lang), id: c.id }) +
    (c.fr ? words.say('diff.wording', lang, { wording: c.fr }) : '') +
    (c.fields?.length ? ` ${words.say('diff.fields', lang, { fields: c.fields.join(', ') })}` : '');
  return { fr: say('fr'), en: say('en') };
}
