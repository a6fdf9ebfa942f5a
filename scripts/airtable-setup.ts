import { createAirtableRequest } from '../src/airtable/http';
import { loadScriptEnv, reportFailure, requireAirtable, SCRIPT_MAX_ATTEMPTS, scriptLogger } from '../src/airtable/cli';
import { buildBaseSchema } from '../src/airtable/schema';
import { setupBase } from '../src/airtable/setup';
import { loadFlow } from '../src/flow/load';
import { FlowError } from '../src/flow/model';
import { CARDS_DIR, DIALOGS_DIR } from '../src/paths';

/**
 * `npm run airtable:setup`: creates or completes the staff base (tables Structures and Besoins,
 * their fields, the select options of dialogs/). Never deletes or renames; safe to run again.
 */
async function main(): Promise<number> {
  const env = loadScriptEnv();
  const config = requireAirtable(env);
  let flow;
  try {
    flow = loadFlow(env.DIALOGS_DIR ?? DIALOGS_DIR, env.CARDS_DIR ?? CARDS_DIR);
  } catch (err) {
    console.error(err instanceof FlowError ? err.message : String(err));
    return 1;
  }
  const request = createAirtableRequest({
    token: config.token,
    endpointUrl: config.endpointUrl,
    maxAttempts: SCRIPT_MAX_ATTEMPTS,
    logger: scriptLogger(env),
  });
  console.log(`Airtable base ${config.baseId}: bringing it in line with dialogs/ (nothing is deleted or renamed).`);
  try {
    await setupBase({ request, baseId: config.baseId, schema: buildBaseSchema(flow), print: (line) => console.log(line) });
    return 0;
  } catch (err) {
    reportFailure(err, config.baseId);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
