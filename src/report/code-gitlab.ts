import type { FindingSeverity } from '../core/code-finding';
import { type LocatedFinding, sortFindings } from './code-report';
import { fingerprints } from './code-sarif';

/**
 * GitLab's code quality report (a JSON array; `artifacts: reports: codequality`), which merge requests show as new
 * and resolved findings. GitLab matches findings across pipelines by `fingerprint`: the same one SARIF uploads carry,
 * so both survive unrelated edits alike. Paths are relative to the working directory, which in CI is the checkout.
 */
export interface GitlabCodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

/** GitLab's scale has five steps; ours four. Errors do not block a merge by themselves, so none maps to blocker. */
const SEVERITY: Readonly<Record<FindingSeverity, GitlabCodeQualityIssue['severity']>> = {
  error: 'major',
  warning: 'minor',
  information: 'info',
  hint: 'info',
};

export function formatCodeGitlab(
  findings: readonly LocatedFinding[],
  options: { sourceText?: (file: string) => string | undefined } = {},
): string {
  const sorted = sortFindings(findings);
  const fingerprintOf = fingerprints(sorted, options);
  const issues = sorted.map(({ file, finding }, index): GitlabCodeQualityIssue => ({
    description: finding.message,
    check_name: finding.rule,
    fingerprint: fingerprintOf[index]!,
    severity: SEVERITY[finding.severity],
    location: { path: file.split('\\').join('/'), lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
