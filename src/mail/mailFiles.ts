import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Mails written as `.eml` files (no SMTP_URL): DATA_DIR/outbox/, one file per mail id, named so
 * that erasure finds a conversation's files without reading them: `<conversation>-<mail>.eml`,
 * both parts digests (a file name carries no personal data).
 */
export const MAIL_FILES_FOLDER = 'outbox';

const digest = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);
const subjectPart = (subject: string | undefined): string => (subject === undefined ? 'none' : digest(subject, 16));

export const mailFilesDir = (dataDir: string): string => path.resolve(dataDir, MAIL_FILES_FOLDER);

/** The file of one mail: a retry writes over the same file, never a second one. */
export const mailFileName = (id: string, subject: string | undefined): string => `${subjectPart(subject)}-${digest(id, 32)}.eml`;

/**
 * Writes the whole file or nothing (a crash leaves no half mail): a temporary file renamed into
 * place. The folder is made when the write finds it missing (the first mail, or a folder removed
 * since), not before every mail: a recursive mkdir was half of a delivery's CPU in the bench's profile.
 */
export async function writeMailFile(dir: string, name: string, message: Buffer): Promise<string> {
  const file = path.join(dir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.promises.writeFile(temporary, message, { flag: 'w' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(temporary, message, { flag: 'w' });
  }
  await fs.promises.rename(temporary, file);
  return file;
}

/** Deletes the mail files of a conversation (right to erasure); returns how many. */
export async function eraseMailFiles(dir: string, subject: string): Promise<number> {
  const prefix = `${subjectPart(subject)}-`;
  return removeWhere(dir, (name) => name.startsWith(prefix));
}

/** Deletes the mail files last written before `before` (epoch ms), as `data:purge` does with finished tasks. */
export async function purgeMailFiles(dir: string, before: number): Promise<number> {
  return removeWhere(dir, (_, stat) => stat.mtimeMs < before);
}

async function removeWhere(dir: string, test: (name: string, stat: fs.Stats) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.eml') && !name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat || !test(name, stat)) continue;
    await fs.promises.rm(file, { force: true });
    removed++;
  }
  return removed;
}
