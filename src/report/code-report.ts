import { homepage, repository, version } from '../../package.json';
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

/**
 * The project's web pages, read from package.json (`homepage`, `repository.url`) so there is one source of the URL.
 * Reports that leave the machine (SARIF) link there; the editor links to the README shipped inside the extension.
 */
export const PROJECT_HOMEPAGE: string = homepage;
export const PROJECT_VERSION: string = version;
const REPOSITORY_WEB_URL = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** Rules explained by a README section of another name; the others by a section headed with the rule id. */
const RULE_SECTIONS: Readonly<Record<string, string>> = {
  'tagsight.region-mismatch': 'region-mismatch',
  'tagsight.invalid-location-constraint': 'region-mismatch',
};

/** The README heading anchor that explains a rule (`### \`tagsight.missing-tags\`` -> `tagsightmissing-tags`). */
export function ruleReadmeAnchor(rule: string): string {
  return RULE_SECTIONS[rule] ?? rule.replace(/\./g, '');
}

export function ruleHelpUri(rule: string): string {
  return `${REPOSITORY_WEB_URL}/blob/main/README.md#${ruleReadmeAnchor(rule)}`;
}
