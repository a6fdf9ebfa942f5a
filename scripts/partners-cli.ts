import { loadScriptEnv, scriptLogger } from '../src/airtable/cli';
import type { Env } from '../src/config/env';
import { loadFlowFromFiles } from '../src/flow/loadFromFiles';
import type { Partner } from '../src/flow/schema';
import { readJourneyDir } from '../src/flow/readJourneyDir';
import { CARDS_DIR, DIALOGS_DIR } from '../src/paths';
import { createStores, type Stores } from '../src/stores/createStores';

/** What the partners:* scripts share: the configured store, and the partners of the journey the bot serves. */
export async function withPartnerStore(use: (stores: Stores, env: Env) => Promise<number>): Promise<number> {
  const env = loadScriptEnv();
  const stores = createStores(env, { log: scriptLogger(env) });
  try {
    await stores.ready;
    return await use(stores, env);
  } finally {
    await stores.close();
  }
}

/** dialogs/partners.yaml of the live journey version (the repository's while nothing is published). */
export async function livePartners(stores: Stores, env: Env): Promise<Partner[]> {
  const live = await stores.journey.liveVersion();
  const files = (live !== undefined ? (await stores.journey.version(live))?.files : undefined) ?? readJourneyDir(env.DIALOGS_DIR ?? DIALOGS_DIR, env.CARDS_DIR ?? CARDS_DIR);
  return loadFlowFromFiles(files).partners;
}

export function runPartnerScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
