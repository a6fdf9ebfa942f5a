import fs from 'node:fs';
import path from 'node:path';
import { CARDS_PREFIX, DIALOGS_PREFIX, isJourneyPath, type JourneyFiles } from '../flow/files';
import { readJourneyDir } from '../flow/readJourneyDir';

/** A folder holding `dialogs/` and `cards/` (a git checkout, an export) as journey files. */
export const readJourneyFolder = (dir: string): JourneyFiles => readJourneyDir(path.join(dir, 'dialogs'), path.join(dir, 'cards'));

/**
 * Writes journey files as `<dir>/dialogs/…` and `<dir>/cards/…`, byte for byte (comments and
 * layout as stored). The two folders then hold exactly this version: journey files they held
 * that the version does not have are removed (so that git sees a removed file), other files
 * are left alone. Refuses any path outside dialogs/ and cards/.
 */
export function writeJourneyFolder(files: JourneyFiles, dir: string): void {
  const bad = Object.keys(files).filter((f) => !isJourneyPath(f));
  if (bad.length) throw new Error(`Not journey file paths: ${bad.join(', ')}`);
  for (const stale of Object.keys(readJourneyFolder(dir))) {
    if (files[stale] === undefined) fs.rmSync(path.join(dir, ...stale.split('/')));
  }
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, ...file.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  for (const prefix of [DIALOGS_PREFIX, CARDS_PREFIX]) fs.mkdirSync(path.join(dir, prefix), { recursive: true });
}
