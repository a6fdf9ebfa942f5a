/**
 * A journey as files: its path relative to the project (`dialogs/flow.yaml`,
 * `dialogs/steps/01-welcome.yaml`, `dialogs/scenarios/x.yaml`, `cards/summary.json`) → its text.
 * What a version stores, what the studio edits, and what the flow is loaded from.
 */
export type JourneyFiles = Readonly<Record<string, string>>;

export const DIALOGS_PREFIX = 'dialogs/';
export const CARDS_PREFIX = 'cards/';
export const SCENARIOS_PREFIX = 'dialogs/scenarios/';

/** The kinds of file a journey folder holds; anything else (images, editor backups) is not part of it. */
export const JOURNEY_EXTENSIONS = ['.yaml', '.yml', '.json', '.md'] as const;

const SAFE_PATH = /^(dialogs|cards)(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/;

/**
 * A path a journey may hold: under dialogs/ or cards/, plain names (no `..`, no hidden file),
 * a journey extension. Anything else is refused, so that writing a version to a folder can
 * never escape it.
 */
export function isJourneyPath(p: string): boolean {
  return p.length <= 200 && SAFE_PATH.test(p) && JOURNEY_EXTENSIONS.some((ext) => p.endsWith(ext));
}

export const isScenarioPath = (p: string): boolean => p.startsWith(SCENARIOS_PREFIX) && /\.ya?ml$/.test(p);

/** The files sorted by path: one order for storing, comparing and listing. */
export const sortedFiles = (files: JourneyFiles): JourneyFiles =>
  Object.fromEntries(Object.keys(files).sort().map((k) => [k, files[k]]));
