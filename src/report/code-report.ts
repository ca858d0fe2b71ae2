import type { CodeFinding } from '../core/code-finding';

/** A finding with the file it was found in (path as the user gave it, or relative to the working directory). */
export interface LocatedFinding {
  readonly file: string;
  readonly finding: CodeFinding;
}

/** Stable order for every format: by file, then position, then rule. */
export function sortFindings(findings: readonly LocatedFinding[]): LocatedFinding[] {
  return [...findings].sort((a, b) =>
    a.file.localeCompare(b.file) ||
    a.finding.range.start.line - b.finding.range.start.line ||
    a.finding.range.start.character - b.finding.range.start.character ||
    a.finding.rule.localeCompare(b.finding.rule));
}

export const README_URL = 'https://github.com/tagsight/tagsight#readme';

/** Rules explained by a README section of their own name (the heading's anchor). */
const RULE_SECTIONS: Readonly<Record<string, string>> = {
  'tagsight.region-mismatch': 'region-mismatch',
  'tagsight.invalid-location-constraint': 'region-mismatch',
};

export function ruleHelpUri(rule: string): string {
  return `${README_URL.replace('#readme', '')}/blob/main/README.md#${RULE_SECTIONS[rule] ?? rule.replace(/\./g, '')}`;
}
