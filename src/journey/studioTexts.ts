import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Locale } from '../answers/types';
import { render } from '../engine/texts';
import type { CodedFlowIssue } from '../flow/model';
import { type Text, textsFileSchema } from '../flow/schema';
import { readYaml } from '../flow/yamlValues';
import { PROJECT_ROOT } from '../paths';

/** The studio's own interface texts, fr and en (studio/texts.yaml). */
export const STUDIO_TEXTS_FILE = path.join(PROJECT_ROOT, 'studio', 'texts.yaml');

export type StudioTexts = Readonly<Record<string, Text>>;

export function loadStudioTexts(file = STUDIO_TEXTS_FILE): StudioTexts {
  return textsFileSchema.parse(readStudioTextsYaml(file));
}

let lastRead: { file: string; text: string; parsed: unknown } | undefined;

/**
 * The texts file as parsed YAML. The studio and its sign-in pages read the same 70 KB file at
 * start: parsed once while its text is unchanged. Callers validate it into new objects (zod),
 * never change it.
 */
export function readStudioTextsYaml(file = STUDIO_TEXTS_FILE): unknown {
  const text = fs.readFileSync(file, 'utf8');
  if (lastRead?.file !== file || lastRead.text !== text) {
    // The build's value when the text is the one it parsed (flow/yamlValues.ts); YAML.parse throws on a broken file.
    const known = readYaml(text);
    lastRead = { file, text, parsed: known.ok ? known.value : YAML.parse(text) };
  }
  return lastRead.parsed;
}

/** An issue in plain words for staff (`issue.<code>` with its params), or its English message when there is no wording for its code. */
export function issueText(issue: CodedFlowIssue, texts: StudioTexts, lang: Locale): string {
  const text = texts[`issue.${issue.code}`];
  return text ? render(text, lang, issue.params) : issue.message;
}
