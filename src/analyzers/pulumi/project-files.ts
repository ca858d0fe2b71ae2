import * as path from 'node:path';
import type { SourceFiles } from '../document-analyzer';
import { defaultProviderTags, type DefaultProviderTags, type StackFile } from './stack-config';

/**
 * Finds a program's Pulumi project (the nearest Pulumi.yaml at or above the file) and reads its stack files beside
 * it. Read on each analysis, so an edit of a stack file counts at the next check of the program. Undefined when
 * the file is in no project, or the project's files cannot be read: then the default provider's tags are unknown.
 *
 * The files come through the analyzer context (the disk in the CLI, open editor buffers first in the editor).
 */
export type ProjectTagsReader = (programPath: string, files: SourceFiles) => Promise<DefaultProviderTags | undefined>;

const PROJECT_FILES = ['Pulumi.yaml', 'Pulumi.yml'];
const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

export const readProjectDefaultTags: ProjectTagsReader = async (programPath, files) => {
  if (!path.isAbsolute(programPath)) return undefined;
  let dir = path.dirname(programPath);
  for (;;) {
    const names = await files.listDirectory(dir);
    const projectFile = PROJECT_FILES.find((name) => names.includes(name));
    if (projectFile) return readProject(dir, path.join(dir, projectFile), names, files);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
};

async function readProject(
  dir: string,
  projectFile: string,
  names: readonly string[],
  files: SourceFiles,
): Promise<DefaultProviderTags | undefined> {
  try {
    const stacks: StackFile[] = [];
    for (const name of [...names].sort()) {
      const match = STACK_FILE.exec(name);
      if (match) stacks.push({ stack: match[1]!, text: await files.readText(path.join(dir, name)) });
    }
    return defaultProviderTags(await files.readText(projectFile), stacks);
  } catch {
    return undefined;
  }
}
