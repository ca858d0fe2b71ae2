import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';

/** Dependencies, tool caches and build output: never the user's own infrastructure code. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.terraform', '.git', '.terragrunt-cache', '.aws-sam', 'cdk.out']);

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
export function listCheckFiles(targets: readonly string[], logger: Logger): string[] {
  const files = new Map<string, { file: string; viaLink: boolean }>();
  const addFile = (file: string, viaLink: boolean) => {
    const real = realPath(file);
    const known = files.get(real);
    if (!known || (known.viaLink && !viaLink)) files.set(real, { file, viaLink });
  };
  const direct: string[] = [];
  const linked: string[] = [];
  for (const target of targets) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      throw new UsageError(`No such file or directory: ${target}`);
    }
    if (stat.isFile()) addFile(target, false);
    else if (stat.isDirectory()) direct.push(target);
  }
  direct.reverse();
  const entered = new Set<string>();
  while (direct.length > 0 || linked.length > 0) {
    const viaLink = direct.length === 0;
    const directory = (viaLink ? linked : direct).pop()!;
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
        if (!SKIPPED_DIRECTORIES.has(entry.name)) (viaLink || isLink ? linked : direct).push(full);
      } else if (target.isFile()) {
        addFile(full, viaLink || isLink);
      }
    }
  }
  return [...files.values()].map(({ file }) => file);
}
