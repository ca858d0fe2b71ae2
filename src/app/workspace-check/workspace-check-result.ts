import { MAX_CHECKED_FILE_BYTES } from '../../analyzers/file-scope';
import { plural } from '../../core/wording';

/** What one full pass of the workspace check saw (src/vscode/code-checks/workspace-check.ts); open files count with their live diagnostics. */
export interface WorkspaceCheckResult {
  /** Files an analyzer of that kind found worth analysing (a CI file with a CreateBucket call is code). */
  readonly iacFiles: number;
  readonly codeFiles: number;
  readonly findings: number;
  /** Files read whose text no analyzer's cheap test accepted: no template, no plan, no CreateBucket call. */
  readonly nothingToCheck: number;
  /** Files over MAX_CHECKED_FILE_BYTES, not read. */
  readonly tooLarge: number;
  /** Files read from disk (or the workspace's file system): every handled file that is neither open nor too large. */
  readonly filesRead: number;
  /** Of those, files whose findings came from the findings cache (same content, same policy and settings). */
  readonly cacheHits: number;
  /** From the pass's start to its end, listing included. */
  readonly durationMs: number;
  /** Of that, listing the workspace's files (VS Code's file search). */
  readonly listingMs: number;
}

export const NO_FILES: WorkspaceCheckResult = {
  iacFiles: 0,
  codeFiles: 0,
  findings: 0,
  nothingToCheck: 0,
  tooLarge: 0,
  filesRead: 0,
  cacheHits: 0,
  durationMs: 0,
  listingMs: 0,
};

/** For the log, when a pass ends: "Workspace check: pass 2 ended in 812 ms, 8,000 files read, 7,999 from the cache; ...". */
export function workspacePassEndLogLine(pass: number, result: WorkspaceCheckResult): string {
  return (
    `Workspace check: pass ${pass} ended in ${Math.round(result.durationMs)} ms (listing ${Math.round(result.listingMs)} ms), ${plural(result.filesRead, 'file')} read, ` +
    `${result.cacheHits} from the cache; ${workspaceCheckLogLine(result).replace(/^Workspace check: /, '')}`
  );
}

/** For the log: "Workspace check: 2 IaC files and 3 code files checked, 5 findings". */
export function workspaceCheckLogLine(result: WorkspaceCheckResult): string {
  const skipped = [
    result.nothingToCheck ? `${plural(result.nothingToCheck, 'other file')} read, with nothing to check` : '',
    result.tooLarge ? `${plural(result.tooLarge, 'file')} over ${MAX_CHECKED_FILE_BYTES / 1_000_000} MB skipped` : '',
  ].filter(Boolean);
  return (
    `Workspace check: ${plural(result.iacFiles, 'IaC file')} and ${plural(result.codeFiles, 'code file')} checked, ` +
    `${plural(result.findings, 'finding')}${skipped.length ? ` (${skipped.join('; ')})` : ''}`
  );
}

/** For the user, after "Check Workspace": "Tagsight checked 5 files: 5 problems." */
export function workspaceCheckMessage(result: WorkspaceCheckResult): string {
  const files = result.iacFiles + result.codeFiles;
  if (files === 0) return 'Tagsight found nothing to check: no Terraform, CloudFormation, plan or CreateBucket call in the workspace.';
  return `Tagsight checked ${plural(files, 'file')}: ${result.findings ? plural(result.findings, 'problem') : 'no problems'}.`;
}
