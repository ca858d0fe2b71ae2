import { homepage, repository, version } from '../../package.json';
import type { CodeFinding } from '../core/code-finding';
import { type CodeRuleId, ruleDefinition } from '../core/rule-catalog';

/** A finding with the file it was found in (path as the user gave it, or relative to the working directory). */
export interface LocatedFinding {
  readonly file: string;
  readonly finding: CodeFinding;
}

/** Stable order for every format: by file, then position, then rule. */
export function sortFindings(findings: readonly LocatedFinding[]): LocatedFinding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.finding.range.start.line - b.finding.range.start.line ||
      a.finding.range.start.character - b.finding.range.start.character ||
      a.finding.rule.localeCompare(b.finding.rule),
  );
}

/**
 * The project's web pages, read from package.json (`homepage`, `repository.url`) so there is one source of the URL.
 * Reports that leave the machine (SARIF) link there; the editor links to the README shipped inside the extension.
 */
export const PROJECT_HOMEPAGE: string = homepage;
export const PROJECT_VERSION: string = version;
const REPOSITORY_WEB_URL = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** Where a rule is explained on the web (its catalog entry's page and anchor, on the repository's main branch). */
export function ruleHelpUri(rule: CodeRuleId): string {
  const { page, anchor } = ruleDefinition(rule).documentation;
  return `${REPOSITORY_WEB_URL}/blob/main/${page}#${anchor}`;
}
