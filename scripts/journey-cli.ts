import path from 'node:path';
import { loadScriptEnv, scriptLogger } from '../src/airtable/cli';
import type { Env } from '../src/config/env';
import { readJourneyDir } from '../src/flow/readJourneyDir';
import { type CodedFlowIssue, formatIssue } from '../src/flow/model';
import { seedJourney } from '../src/journey/publishing';
import { CARDS_DIR, DIALOGS_DIR } from '../src/paths';
import { createStores, type Stores } from '../src/stores/createStores';

/** What the journey scripts share: the configured store, seeded with the repository's journey when fresh. */
export async function openJourneyStore(): Promise<{ env: Env; stores: Stores; live: number }> {
  const env = loadScriptEnv();
  const stores = createStores(env, { log: scriptLogger(env) });
  await stores.ready;
  const live = await seedJourney(stores.journey, readJourneyDir(env.DIALOGS_DIR ?? DIALOGS_DIR, env.CARDS_DIR ?? CARDS_DIR));
  return { env, stores, live };
}

/** `--name value` or `--name=value`. */
export function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** Arguments that are neither options nor their values. */
export function positional(args: readonly string[], options: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !options.some((o) => args[i - 1] === `--${o}`));
}

/** One issue per line, with the file as it is in `dir` and its line when known. */
export function printIssues(issues: readonly CodedFlowIssue[], dir: string): void {
  for (const i of issues) {
    const file = path.relative(process.cwd(), path.join(dir, i.file)) || i.file;
    console.error(`${formatIssue({ ...i, file })}${i.line ? ` (line ${i.line})` : ''}`);
  }
}

export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
