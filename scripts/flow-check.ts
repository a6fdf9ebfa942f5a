import { issuesOnDisk } from '../src/flow/load';
import { FlowError, formatIssue } from '../src/flow/model';
import { readJourneyDir } from '../src/flow/readJourneyDir';
import { runScenario } from '../src/journey/scenarioRunner';
import { validateJourney } from '../src/journey/validate';
import { CARDS_DIR, DIALOGS_DIR } from '../src/paths';

/**
 * `npm run flow:check [dialogs-dir [cards-dir]] [--scenarios]`: validates the journey (every file,
 * the calendar, the scenarios of dialogs/scenarios/); exit 1 with every problem, its file and
 * path. Wording warnings (typography, a name after "de"…) are printed and do not fail it. With
 * --scenarios, also plays every scenario and reports the expectations that fail.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const [dialogsDir = DIALOGS_DIR, cardsDir = CARDS_DIR] = args.filter((a) => !a.startsWith('--'));
  const { flow, scenarios, issues, warnings } = validateJourney(readJourneyDir(dialogsDir, cardsDir), { dir: dialogsDir });
  // Wording warnings are told, with their place, and never fail the check.
  if (warnings.length) console.warn(`${warnings.length} warning(s) in the wording:\n${issuesOnDisk(warnings, dialogsDir, cardsDir).map(formatIssue).join('\n')}`);
  if (!flow || issues.length) {
    console.error(new FlowError(issuesOnDisk(issues, dialogsDir, cardsDir)).message);
    return 1;
  }
  console.log(
    `OK: ${flow.steps.length} questions in ${flow.sections.length} sections, ${flow.rules.programmes.length} programmes, ${Object.keys(flow.texts).length} texts, ${scenarios.length} scenarios.`,
  );
  if (!args.includes('--scenarios')) return 0;
  let failed = 0;
  for (const { file, scenario } of scenarios) {
    const outcome = runScenario(flow, scenario);
    if (outcome.passed) continue;
    failed += 1;
    console.error(`${file}: ${scenario.name}`);
    for (const f of outcome.failures) console.error(`  ${f.turn ? `turn ${f.turn}: ` : ''}expected ${f.expected}; got: ${f.actual.split('\n').join(' / ')}`);
  }
  console.log(failed ? `${failed} of ${scenarios.length} scenarios failed.` : `All ${scenarios.length} scenarios pass.`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
