import path from 'node:path';
import { writeJourneyFolder } from '../src/journey/folder';
import { openJourneyStore, option, runScript } from './journey-cli';

/**
 * `npm run journey:export -- --out DIR`: writes the live journey version as DIR/dialogs and
 * DIR/cards, byte for byte as published (comments kept), e.g. to commit it to git.
 */
async function main(): Promise<number> {
  const out = option(process.argv.slice(2), 'out');
  if (!out) {
    console.error('Usage: npm run journey:export -- --out <folder>');
    return 2;
  }
  const { stores, live } = await openJourneyStore();
  try {
    const version = await stores.journey.version(live);
    if (!version) throw new Error(`The live version ${live} is missing from the store`);
    writeJourneyFolder(version.files, path.resolve(out));
    console.log(`Exported version ${live} (${Object.keys(version.files).length} files) to ${path.join(out, 'dialogs')} and ${path.join(out, 'cards')}.`);
    return 0;
  } finally {
    await stores.close();
  }
}

runScript(main);
