import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

/** A private copy of dialogs/ and cards/ that a test edits as staff would, with a text editor. */
export class JourneyCopy {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-'));
  readonly dialogs = path.join(this.root, 'dialogs');
  readonly cards = path.join(this.root, 'cards');

  constructor() {
    fs.cpSync(DIALOGS_DIR, this.dialogs, { recursive: true });
    fs.cpSync(CARDS_DIR, this.cards, { recursive: true });
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dialogs, file), 'utf8');
  }

  write(file: string, text: string): void {
    fs.writeFileSync(path.join(this.dialogs, file), text);
  }

  /** Replaces one exact passage; fails loudly if the passage is not there (the test is stale). */
  replace(file: string, from: string, to: string): void {
    const text = this.read(file);
    if (!text.includes(from)) throw new Error(`${file} does not contain:\n${from}`);
    this.write(file, text.replace(from, to));
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
