import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { rulesFileSchema, territoriesFileSchema, type RulesFile, type TerritoriesFile } from '../../src/flow/schema';

const root = join(__dirname, '..', '..');

export function loadRules(): RulesFile {
  return rulesFileSchema.parse(parse(readFileSync(join(root, 'dialogs', 'rules.yaml'), 'utf8')));
}

export function loadTerritories(): TerritoriesFile {
  return territoriesFileSchema.parse(parse(readFileSync(join(root, 'dialogs', 'territories.yaml'), 'utf8')));
}

/** Rows of a shared TSV fixture, keyed by its header; `#` lines are comments. */
export function readTsv(name: string): Record<string, string>[] {
  const lines = readFileSync(join(root, 'test', 'fixtures', 'shared-data', name), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines.map((line) => line.split('\t'));
  return rows.map((cells) => Object.fromEntries(header.map((column, i) => [column, (cells[i] ?? '').trim()])));
}
