import type { CodedFlowIssue, IssueParams } from '../../flow/model';
import { pathParts } from '../../flow/positions';
import type { Text } from '../../flow/schema';
import { issueText } from '../../journey/studioTexts';
import type { StudioWords } from './studioWords';

/** A problem of the draft as the page shows it, at the field it concerns, in plain French and English. */
export interface StudioIssue {
  file: string;
  /** Keys and indexes from the top of the file (as far as they exist in it). */
  path: (string | number)[];
  code: string;
  params: IssueParams;
  message: Text;
  line?: number;
  col?: number;
  /** Every check of flow:check blocks a publish: all are errors today. */
  severity: 'error' | 'warning';
}

export function studioIssue(issue: CodedFlowIssue, words: StudioWords): StudioIssue {
  return {
    file: issue.file,
    path: issue.segments ?? (issue.path ? pathParts(issue.path) : []),
    code: issue.code,
    params: issue.params,
    message: { fr: issueText(issue, words.all, 'fr'), en: issueText(issue, words.all, 'en') },
    ...(issue.line !== undefined ? { line: issue.line } : {}),
    ...(issue.column !== undefined ? { col: issue.column } : {}),
    severity: 'error',
  };
}

export const studioIssues = (issues: readonly CodedFlowIssue[], words: StudioWords): StudioIssue[] => issues.map((i) => studioIssue(i, words));
