import { foldText } from '../answers';
import type { Choice } from '../flow/schema';

/**
 * Options whose keywords appear in a free description ("notre site web est vieux" → digital).
 * Whole words only, accents and case ignored; in option order.
 */
export function suggestChoices(description: string, choices: readonly Choice[]): string[] {
  const text = ` ${foldText(description).replace(/[^a-z0-9']+/g, ' ')} `;
  return choices
    .filter((c) =>
      [...(c.keywords?.fr ?? []), ...(c.keywords?.en ?? [])].some((k) => {
        const word = foldText(k).replace(/[^a-z0-9']+/g, ' ').trim();
        return word && (text.includes(` ${word} `) || text.includes(` ${word}s `));
      }),
    )
    .map((c) => c.value);
}
