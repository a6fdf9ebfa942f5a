import fs from 'node:fs';
import path from 'node:path';

/** The project folder, whether we run from src/ (tests) or dist/src/ (built). */
function projectRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot(__dirname);
export const DIALOGS_DIR = path.join(PROJECT_ROOT, 'dialogs');
export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');
