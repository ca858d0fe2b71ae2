import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import type { DocumentAnalyzer } from '../analyzers/document-analyzer';
import { MAX_CHECKED_FILE_BYTES, isSkippedFolder, judgeFoundFile } from '../analyzers/file-scope';
import { analyzersFor } from '../analyzers/registry';
import { scriptLanguageOf } from './script-language';

/** A file to read: named on the command line, or found in a directory named there (`relativePath` from it). */
export interface CandidateFile {
  readonly file: string;
  readonly relativePath?: string;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The files under the given paths, each real file once. Symbolic links to files and directories are followed, so
 * `check env` finds `env/shared.tf -> ../common/shared.tf` as `check env/shared.tf` does; a directory already
 * entered under any name is not entered again, which ends link loops. Directories reached without a link are all
 * entered before any reached through one, so a file reachable both ways is reported under the path without links.
 */
export function listCheckFiles(targets: readonly string[], logger: Logger): CandidateFile[] {
  const files = new Map<string, CandidateFile & { viaLink: boolean }>();
  const addFile = (file: string, viaLink: boolean, relativePath?: string) => {
    const real = realPath(file);
    const known = files.get(real);
    if (!known || (known.viaLink && !viaLink)) files.set(real, { file, viaLink, ...(relativePath !== undefined ? { relativePath } : {}) });
  };
  type Directory = { readonly path: string; readonly relativePath: string };
  const direct: Directory[] = [];
  const linked: Directory[] = [];
  for (const target of targets) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      throw new UsageError(`No such file or directory: ${target}`);
    }
    if (stat.isFile()) addFile(target, false);
    else if (stat.isDirectory()) direct.push({ path: target, relativePath: '' });
  }
  direct.reverse();
  const entered = new Set<string>();
  while (direct.length > 0 || linked.length > 0) {
    const viaLink = direct.length === 0;
    const { path: directory, relativePath } = (viaLink ? linked : direct).pop()!;
    const real = realPath(directory);
    if (entered.has(real)) continue;
    entered.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => b.name.localeCompare(a.name));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      const relative = relativePath ? `${relativePath}/${entry.name}` : entry.name;
      let target: { isFile(): boolean; isDirectory(): boolean } = entry;
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        try {
          target = fs.statSync(full);
        } catch (error) {
          logger.warn(`Skipping ${full}: cannot follow the link (${errorMessage(error)})`);
          continue;
        }
      }
      if (target.isDirectory()) {
        if (!isSkippedFolder(entry.name)) (viaLink || isLink ? linked : direct).push({ path: full, relativePath: relative });
      } else if (target.isFile()) {
        addFile(full, viaLink || isLink, relative);
      }
    }
  }
  return [...files.values()].map(({ file, relativePath }) => ({ file, ...(relativePath !== undefined ? { relativePath } : {}) }));
}

/**
 * The files `tagsight check` analyses, each with its analyzers: those found in a directory as the shared file scope
 * judges them (analyzers/file-scope.ts, as the editor's workspace check does), and every file named on the command
 * line that an analyzer handles, whatever its folder, name or size (the user asked for it, as opening it in the
 * editor does).
 */
export function selectCheckFiles(
  targets: readonly string[],
  analyzers: readonly DocumentAnalyzer[],
  logger: Logger,
): Array<{ file: string; analyzers: DocumentAnalyzer[] }> {
  const selected: Array<{ file: string; analyzers: DocumentAnalyzer[] }> = [];
  for (const { file, relativePath } of listCheckFiles(targets, logger)) {
    const languageId = scriptLanguageOf(analyzers, file);
    const handlers = analyzersFor(analyzers, file, languageId);
    if (handlers.length === 0) continue;
    if (relativePath !== undefined) {
      let sizeBytes: number;
      try {
        sizeBytes = fs.statSync(file).size;
      } catch (error) {
        logger.warn(`Cannot read ${file}: ${errorMessage(error)}`);
        continue;
      }
      const verdict = judgeFoundFile({ relativePath, filePath: file, sizeBytes, ...(languageId ? { languageId } : {}) }, analyzers);
      if (verdict === 'too-large')
        logger.info(`Skipping ${file}: over ${MAX_CHECKED_FILE_BYTES / 1_000_000} MB, so generated rather than written`);
      if (verdict !== 'checked') continue;
    }
    selected.push({ file, analyzers: handlers });
  }
  return selected;
}
