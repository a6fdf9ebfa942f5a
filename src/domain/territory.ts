import type { TerritoriesFile } from '../flow/schema';

export interface Territory {
  /** The Airtable option of `Territoire`. */
  name: string;
  covered: boolean;
}

/**
 * The territory of a French postcode by its longest matching prefix in `dialogs/territories.yaml`,
 * so that "974" (La Réunion) wins over a broader "97". No match: `otherwise`, not covered.
 */
export function territoryOf(postcode: string, table: TerritoriesFile): Territory {
  const code = postcode.replace(/\s+/g, '');
  let best: { name: string; covered: boolean; length: number } | undefined;
  for (const territory of table.territories) {
    for (const prefix of territory.prefixes) {
      if (code.startsWith(prefix) && (!best || prefix.length > best.length)) {
        best = { name: territory.name, covered: territory.covered, length: prefix.length };
      }
    }
  }
  return best ? { name: best.name, covered: best.covered } : { name: table.otherwise, covered: false };
}
