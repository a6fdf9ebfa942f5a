import fs from 'node:fs';
import path from 'node:path';
import { CARDS_PREFIX, DIALOGS_PREFIX, isJourneyPath, type JourneyFiles, sortedFiles } from './files';

/**
 * Reads a `dialogs/` folder and a `cards/` folder into journey files (see files.ts): every
 * journey file below them, hidden ones excepted. A missing folder reads as empty (the flow
 * checks then say which files are missing).
 */
export function readJourneyDir(dialogsDir: string, cardsDir: string): JourneyFiles {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const key = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(full, `${key}/`);
      else if (isJourneyPath(key)) files[key] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dialogsDir, DIALOGS_PREFIX);
  walk(cardsDir, CARDS_PREFIX);
  return sortedFiles(files);
}
