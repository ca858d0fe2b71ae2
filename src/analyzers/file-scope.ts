import { globToRegExp } from '../core/glob';
import type { DocumentAnalyzer } from './document-analyzer';
import { analyzersFor } from './registry';

/**
 * Which files a check of a folder reads, for both front doors: `tagsight check` walking a directory and the editor's
 * workspace check. Each analyzer declares the names it handles (`filePatterns`) and has the last word on each file
 * (`handles`); here is what is skipped whatever the analyzers say. Pure: the callers list folders and stat files.
 * A file named explicitly (a CLI argument, a document open in the editor) is the user's choice and is always read.
 */

/** Dependencies, VCS data, tool caches, generated and build output: what they hold is someone else's source or a copy. */
export const SKIPPED_FOLDERS: readonly string[] = [
  'node_modules',
  '.git',
  '.terraform',
  '.terragrunt-cache',
  '.aws-sam',
  'cdk.out',
  'dist',
  'out',
  'build',
  '.venv',
  '__pycache__',
];

/** Minified bundles: generated, never written by hand. */
export const SKIPPED_FILES: readonly string[] = ['*.min.js'];

/** Larger files are generated (bundles, data dumps) rather than written; a parse of each would cost the most. */
export const MAX_CHECKED_FILE_BYTES = 2_000_000;

const skippedFolders = new Set(SKIPPED_FOLDERS);
const skippedFileExpressions = SKIPPED_FILES.map(globToRegExp);

export function isSkippedFolder(name: string): boolean {
  return skippedFolders.has(name);
}

export function isSkippedFile(name: string): boolean {
  return skippedFileExpressions.some((expression) => expression.test(name));
}

export type FileVerdict = 'checked' | 'skipped' | 'not-handled' | 'too-large';

export interface FoundFile {
  /** Relative to the folder the walk started from, with `/`. */
  readonly relativePath: string;
  /** The path the analyzers are asked about (absolute, or as the caller names files). */
  readonly filePath: string;
  readonly sizeBytes: number;
  /** The language of a file without an extension, from its `#!` line, when the caller knows it. */
  readonly languageId?: string;
}

/** Whether a file a walk found is checked; why not otherwise. */
export function judgeFoundFile(file: FoundFile, analyzers: readonly DocumentAnalyzer[]): FileVerdict {
  const segments = file.relativePath.split('/');
  if (segments.slice(0, -1).some(isSkippedFolder) || isSkippedFile(segments[segments.length - 1]!)) return 'skipped';
  if (analyzersFor(analyzers, file.filePath, file.languageId).length === 0) return 'not-handled';
  return file.sizeBytes > MAX_CHECKED_FILE_BYTES ? 'too-large' : 'checked';
}

/** Every file name some analyzer declares, as one glob over relative paths (`**\/{*.tf,Makefile,...}`). */
export function checkedFilesGlob(analyzers: readonly DocumentAnalyzer[]): string {
  const patterns = [...new Set(analyzers.flatMap((analyzer) => analyzer.filePatterns))];
  return `**/{${patterns.join(',')}}`;
}

/** The skipped folders and files as brace-free globs (`**\/node_modules/**`, `**\/*.min.js`), for a search to leave out. */
export function skippedGlobs(): string[] {
  return [...SKIPPED_FOLDERS.map((folder) => `**/${folder}/**`), ...SKIPPED_FILES.map((file) => `**/${file}`)];
}
