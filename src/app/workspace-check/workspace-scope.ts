import type { DocumentAnalyzer } from '../../analyzers/document-analyzer';
import { type FileVerdict, type FoundFile, judgeFoundFile, skippedGlobs } from '../../analyzers/file-scope';
import { expandBraces } from '../../core/glob';

/**
 * Which files the editor's workspace check reads (src/vscode/code-checks/workspace-check.ts): the files
 * `tagsight check` would read in the same folder (analyzers/file-scope.ts decides for both), less what the user's
 * `files.exclude` and `search.exclude` leave out. One list of exclusions serves the walk (`findFiles`) and the file
 * events (which VS Code does not filter), so both skip the same files. No 'vscode' here: the rules are unit-tested
 * in Node.
 */

/**
 * The exclusions: the shared skipped folders and files, then every pattern set to `true` in the given `files.exclude`
 * / `search.exclude` values. A `{ "when": ... }` condition on a sibling file cannot be told from a path, so such a
 * pattern is not applied.
 */
export function excludePatterns(...settings: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>): string[] {
  const patterns = skippedGlobs();
  for (const setting of settings) {
    for (const [pattern, value] of Object.entries(setting ?? {})) {
      if (value === true) patterns.push(...expandBraces(pattern.replace(/\/+$/, '')));
    }
  }
  return [...new Set(patterns)];
}

/** The patterns as one glob for `findFiles`: VS Code's globs do not nest braces, so each pattern is brace-free. */
export function excludeGlob(patterns: readonly string[]): string {
  return `{${patterns.join(',')}}`;
}

/**
 * The editor's verdict on a workspace file: excluded by the user's settings, else the shared verdict. The size is
 * undefined before the file is stat'ed (a file event): then only the size is left to judge.
 */
export function judgeWorkspaceFile(
  file: Omit<FoundFile, 'sizeBytes'> & { readonly sizeBytes: number | undefined },
  excludedByUser: (relativePath: string) => boolean,
  analyzers: readonly DocumentAnalyzer[],
): FileVerdict {
  if (excludedByUser(file.relativePath)) return 'skipped';
  return judgeFoundFile({ ...file, sizeBytes: file.sizeBytes ?? 0 }, analyzers);
}
