import { memoized } from './memo';

/**
 * First pass over any raw answer: remove what can never be meaningful (control characters,
 * invisible direction overrides, broken UTF-16) so parsers and stored text only see clean input.
 */

// C0/C1 controls except tab/newline/carriage return, which whitespace collapsing handles.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi overrides/isolates and zero-width characters can disguise text in back-office tools.
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\u061C\uFEFF]/g;
// Unicode noncharacters: the engine marks the user values it inserts into texts with them
// (src/engine/userText.ts), so no user may send one.
const NONCHARACTER = /[\uFDD0-\uFDEF\uFFFE\uFFFF]/g;
// Lone surrogates (possible when a client truncates an emoji) make invalid UTF-8 downstream.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * NFC, controls, invisible characters and noncharacters removed, whitespace collapsed, trimmed.
 * A turn cleans the same message in each reader, the engine and the transcript: the last short
 * texts are remembered (memo.ts; up to 4,096 characters, longer than any typed answer: the engine
 * refuses messages over 2,000).
 */
export const cleanInput: (input: string) => string = memoized(clean, { maxLength: 4096 });

function clean(input: string): string {
  if (typeof input !== 'string') return '';
  return input
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(NONCHARACTER, '')
    .replace(/\s+/g, ' ')
    .trim();
}
