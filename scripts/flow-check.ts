import { loadFlow } from '../src/flow/load';
import { FlowError } from '../src/flow/model';
import { CARDS_DIR, DIALOGS_DIR } from '../src/paths';

/** `npm run flow:check [dialogs-dir]`: validates the journey; exit 1 with every problem. */
const dir = process.argv[2] ?? DIALOGS_DIR;
try {
  const flow = loadFlow(dir, process.argv[3] ?? CARDS_DIR);
  console.log(`OK: ${flow.steps.length} questions in ${flow.sections.length} sections, ${flow.rules.programmes.length} programmes, ${Object.keys(flow.texts).length} texts.`);
} catch (err) {
  console.error(err instanceof FlowError ? err.message : String(err));
  process.exit(1);
}
