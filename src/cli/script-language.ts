import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzersFor } from '../analyzers/registry';
import type { DocumentAnalyzer } from '../analyzers/document-analyzer';

/**
 * Scripts without an extension (`deploy` starting with `#!/usr/bin/env bash`): the editor knows them by the language
 * VS Code gives their first line, the CLI by the same line here, so both check the same files.
 */

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'pdksh', 'yash']);

/** The VS Code language id of a `#!` line: the interpreter, or the program `env` runs; undefined for others. */
export function languageOfShebang(firstLine: string): string | undefined {
  const match = /^#!\s*(\S+)(.*)$/.exec(firstLine);
  if (!match) return undefined;
  let program = path.posix.basename(match[1]!);
  // `#!/usr/bin/env -S bash -e`: the first word that is neither an option nor an assignment.
  if (program === 'env')
    program =
      match[2]!
        .trim()
        .split(/\s+/)
        .find((word) => word && !word.startsWith('-') && !word.includes('=')) ?? '';
  if (SHELLS.has(program)) return 'shellscript';
  if (/^python[0-9.]*$/.test(program)) return 'python';
  return undefined;
}

/** Reads only the first line's bytes: most files without an extension are not scripts at all. */
function firstLine(file: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(256);
    const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The language of a file without an extension that no analyzer takes by name, from its `#!` line; else undefined. */
export function scriptLanguageOf(analyzers: readonly DocumentAnalyzer[], file: string): string | undefined {
  if (path.extname(file) !== '' || analyzersFor(analyzers, file).length > 0) return undefined;
  return languageOfShebang(firstLine(file));
}
