/** Answer parsers: pure, synchronous, never throwing. See types.ts for the contract. */
export * from './types';
export type { AnswerProblem } from './result';
export { parseCount } from './count';
export { parseAmount } from './amount';
export { parseYear } from './year';
export { parseDeadline } from './deadline';
export { parseYesNo } from './yesno';
export { parsePostcode } from './postcode';
export { parseStructureId, isValidSiren } from './structureId';
export { parseEmail } from './email';
export { parsePhone } from './phone';
export { parseUrl } from './url';
export { parseText, MAX_TEXT_LENGTH } from './text';
export { matchChoices } from './choices';
export { foldText } from './fold';
export { warmUpRecognizers, warmUpEnglish, isEnglishWarm, type WarmUpStep } from './warmUp';
