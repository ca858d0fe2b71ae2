import { plural } from '../../core/wording';
import { MAX_FILE_BYTES } from './workspace-scope';

/** What one full pass of the workspace check saw (src/vscode/code-checks/workspace-check.ts); open files count with their live diagnostics. */
export interface WorkspaceCheckResult {
  /** Files an analyzer of that kind found worth analysing (a CI file with a CreateBucket call is code). */
  readonly iacFiles: number;
  readonly codeFiles: number;
  readonly findings: number;
  /** Files read whose text no analyzer's cheap test accepted: no template, no plan, no CreateBucket call. */
  readonly nothingToCheck: number;
  /** Files over MAX_FILE_BYTES, not read. */
  readonly tooLarge: number;
}

export const NO_FILES: WorkspaceCheckResult = { iacFiles: 0, codeFiles: 0, findings: 0, nothingToCheck: 0, tooLarge: 0 };

/** For the log: "Workspace check: 2 IaC files and 3 code files checked, 5 findings". */
export function workspaceCheckLogLine(result: WorkspaceCheckResult): string {
  const skipped = [
    result.nothingToCheck ? `${plural(result.nothingToCheck, 'other file')} read, with nothing to check` : '',
    result.tooLarge ? `${plural(result.tooLarge, 'file')} over ${MAX_FILE_BYTES / 1_000_000} MB skipped` : '',
  ].filter(Boolean);
  return `Workspace check: ${plural(result.iacFiles, 'IaC file')} and ${plural(result.codeFiles, 'code file')} checked, ` +
    `${plural(result.findings, 'finding')}${skipped.length ? ` (${skipped.join('; ')})` : ''}`;
}

/** For the user, after "Check Workspace": "Tagsight checked 5 files: 5 problems." */
export function workspaceCheckMessage(result: WorkspaceCheckResult): string {
  const files = result.iacFiles + result.codeFiles;
  if (files === 0) return 'Tagsight found nothing to check: no Terraform, CloudFormation, plan or CreateBucket call in the workspace.';
  return `Tagsight checked ${plural(files, 'file')}: ${result.findings ? plural(result.findings, 'problem') : 'no problems'}.`;
}
