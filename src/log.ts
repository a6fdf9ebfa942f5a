import pino, { type Logger } from 'pino';

/**
 * Structured logs. What users type is personal data: it is never logged as such, and these
 * paths are censored wherever they appear.
 */
export const REDACTED_PATHS = [
  'text',
  '*.text',
  'activity.text',
  'activity.value',
  'activity.from.name',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'name',
  '*.name',
  'record',
  '*.record',
  'answers',
  '*.answers',
  'transcript',
  '*.transcript',
  'fields',
  '*.fields',
  'records',
  '*.records',
  'body',
  '*.body',
  'value',
  '*.value',
  'from.name',
  '*.from.name',
  'user.name',
  '*.user.name',
  'Téléphone',
  '*.Téléphone',
  'Email',
  '*.Email',
  'Contact',
  '*.Contact',
  'Description',
  '*.Description',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'qualification-bot' } }, destination);
}

export type { Logger };
