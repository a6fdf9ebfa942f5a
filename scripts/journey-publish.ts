import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readJourneyFolder } from '../src/journey/folder';
import { publishJourney } from '../src/journey/publishing';
import { openJourneyStore, option, positional, printIssues, runScript } from './journey-cli';

const USAGE = 'Usage: npm run journey:publish -- <folder with dialogs/ and cards/> [--comment "what changed"] [--author <name>]';

/**
 * `npm run journey:publish -- DIR`: validates DIR/dialogs and DIR/cards as flow:check does (and
 * their scenarios); prints every problem with its file and path (exit 1), or publishes them as
 * the next version, live at once on every instance, and prints its number.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const [dir, ...extra] = positional(args, ['comment', 'author']);
  if (!dir || extra.length) {
    console.error(USAGE);
    return 2;
  }
  const files = readJourneyFolder(path.resolve(dir));
  if (!Object.keys(files).length) {
    console.error(`No dialogs/ or cards/ in ${dir}.\n${USAGE}`);
    return 2;
  }
  const author = option(args, 'author') ?? process.env.USER ?? os.userInfo().username;
  const { stores, live } = await openJourneyStore();
  try {
    if (isDeepStrictEqual((await stores.journey.version(live))?.files, files)) {
      console.log(`Nothing to publish: ${dir} holds version ${live}, which is live.`);
      return 0;
    }
    const result = await publishJourney(stores.journey, files, author, option(args, 'comment') ?? '');
    if (!result.ok) {
      console.error(`Not published: ${result.issues.length} problem(s) in ${dir}:`);
      printIssues(result.issues, dir);
      return 1;
    }
    console.log(`Published version ${result.version.number} (live; it was ${live}).`);
    return 0;
  } finally {
    await stores.close();
  }
}

runScript(main);
