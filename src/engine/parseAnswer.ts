import {
  matchChoices,
  parseAmount,
  parseCount,
  parseDeadline,
  parseEmail,
  parsePhone,
  parsePostcode,
  parseStructureId,
  parseText,
  parseUrl,
  parseYear,
  parseYesNo,
} from '../answers';
import type { ChoiceOption, ParseContext, Parsed } from '../answers/types';
import type { Choice, Step } from '../flow/schema';

const optionsOf = new WeakMap<readonly Choice[], ChoiceOption[]>();

/** The options of a choice question, matched in both languages whatever the conversation's. */
export const choiceOptions = (choices: readonly Choice[]): ChoiceOption[] => {
  // One list per step's choices, so that the choice reader prepares its wordings once (choices.ts).
  let options = optionsOf.get(choices);
  if (!options) {
    options = choices.map((c) => ({
      value: c.value,
      synonyms: [c.label.fr, c.label.en, c.value, ...(c.synonyms?.fr ?? []), ...(c.synonyms?.en ?? [])],
    }));
    optionsOf.set(choices, options);
  }
  return options;
};

/** Reads a typed answer to a question of any kind. */
export function parseForStep(step: Step, input: string, ctx: ParseContext): Parsed<unknown> {
  // Exhaustive over step kinds (tsc checks it).
  switch (step.kind) {
    case 'text':
      return parseText(input, ctx);
    case 'count':
      return parseCount(input, ctx);
    case 'amount':
      return parseAmount(input, ctx);
    case 'year':
      return parseYear(input, ctx);
    case 'deadline':
      return parseDeadline(input, ctx);
    case 'email':
      return parseEmail(input, ctx);
    case 'phone':
      return parsePhone(input, ctx);
    case 'url':
      return parseUrl(input, ctx);
    case 'yesno':
      return parseYesNo(input, ctx);
    case 'postcode':
      return parsePostcode(input, ctx);
    case 'structure_id':
      return parseStructureId(input, ctx);
    case 'choice': {
      const r = matchChoices(input, choiceOptions(step.choices), { multiple: false, numbered: true, locale: ctx.locale });
      return r.status === 'value' ? { ...r, value: r.value[0] } : r;
    }
    case 'multichoice':
      return matchChoices(input, choiceOptions(step.choices), { multiple: true, numbered: true, locale: ctx.locale });
  }
}

/**
 * Options clicked in a card. Cards send option positions ("0,2"), because Adaptive Cards join
 * multiple selections with commas and option values may contain commas.
 */
export function parseSubmitted(step: Step, submitted: unknown): Parsed<unknown> | undefined {
  if (step.kind !== 'choice' && step.kind !== 'multichoice') return undefined;
  const parts = Array.isArray(submitted) ? submitted.map(String) : typeof submitted === 'string' ? submitted.split(',') : [];
  const picked = new Set(
    parts
      .map((p) => p.trim())
      .filter((p) => /^\d+$/.test(p) && Number(p) < step.choices.length)
      .map(Number),
  );
  if (!picked.size) return undefined;
  const values = step.choices.filter((_, i) => picked.has(i)).map((c) => c.value);
  return { status: 'value', value: step.kind === 'choice' ? values[0] : values, approx: false, echo: false };
}
