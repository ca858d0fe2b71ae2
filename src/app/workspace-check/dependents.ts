import * as path from 'node:path';
import type { TerraformTraits } from './findings-cache';

/**
 * Which other files' findings a file's change can alter, so that the workspace check re-checks those and nothing
 * else. Terraform is the one analyzer that reads other files: a resource's effective tags come from the providers'
 * `default_tags` and the locals of its own module (the other .tf files of its folder), and from the modules that
 * call its folder as a local module (up to CALLER_LEVELS folders above, as the Terraform analyzer looks).
 */
const CALLER_LEVELS = 3;
const DECLARES_CONTEXT = /^\s*(provider|locals|module)\b/m;
const CALLS_MODULES = /^\s*module\b/m;

export function isTerraformFile(filePath: string): boolean {
  return filePath.endsWith('.tf');
}

export function terraformTraits(text: string): TerraformTraits {
  return { declaresContext: DECLARES_CONTEXT.test(text), callsModules: CALLS_MODULES.test(text) };
}

/**
 * The files among `candidates` (paths with `/`) that depend on `changed`, given what it declared before and after
 * the change (either may be unknown: a new or deleted file, or one never read). Unknown counts as declaring all.
 */
export function dependentsOf(
  changed: string,
  before: TerraformTraits | undefined,
  after: TerraformTraits | undefined,
  candidates: Iterable<string>,
): string[] {
  if (!isTerraformFile(changed)) return [];
  const declaresContext = !before || !after || before.declaresContext || after.declaresContext;
  const callsModules = !before || !after || before.callsModules || after.callsModules;
  if (!declaresContext && !callsModules) return [];
  const folder = path.posix.dirname(changed);
  const dependents: string[] = [];
  for (const candidate of candidates) {
    if (candidate === changed || !isTerraformFile(candidate)) continue;
    const candidateFolder = path.posix.dirname(candidate);
    if (candidateFolder === folder) {
      if (declaresContext) dependents.push(candidate);
    } else if (callsModules && isBelow(candidateFolder, folder, CALLER_LEVELS)) {
      dependents.push(candidate);
    }
  }
  return dependents;
}

/** Whether `folder` is inside `ancestor`, at most `levels` folders down. */
function isBelow(folder: string, ancestor: string, levels: number): boolean {
  const prefix = ancestor.endsWith('/') ? ancestor : `${ancestor}/`;
  if (!folder.startsWith(prefix)) return false;
  return folder.slice(prefix.length).split('/').length <= levels;
}
