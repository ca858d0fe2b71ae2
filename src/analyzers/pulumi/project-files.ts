import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultProviderTags, type DefaultProviderTags, type StackFile } from './stack-config';

/**
 * Finds a program's Pulumi project (the nearest Pulumi.yaml at or above the file) and reads its stack files beside
 * it. Read on each analysis, so an edit of a stack file counts at the next check of the program. Undefined when
 * the file is in no project, or the project's files cannot be read: then the default provider's tags are unknown.
 *
 * Like the Terraform analyzer's sibling files, this reads the file system itself until analyzers take their
 * files through the analyzer context.
 */
export type ProjectTagsReader = (programPath: string) => DefaultProviderTags | undefined;

const PROJECT_FILES = ['Pulumi.yaml', 'Pulumi.yml'];
const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

export const readProjectDefaultTags: ProjectTagsReader = (programPath) => {
  if (!path.isAbsolute(programPath)) return undefined;
  let dir = path.dirname(programPath);
  for (;;) {
    for (const name of PROJECT_FILES) {
      const projectFile = path.join(dir, name);
      if (fs.existsSync(projectFile)) return readProject(dir, projectFile);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
};

function readProject(dir: string, projectFile: string): DefaultProviderTags | undefined {
  try {
    const stacks: StackFile[] = [];
    for (const name of fs.readdirSync(dir).sort()) {
      const match = STACK_FILE.exec(name);
      if (match) stacks.push({ stack: match[1]!, text: fs.readFileSync(path.join(dir, name), 'utf8') });
    }
    return defaultProviderTags(fs.readFileSync(projectFile, 'utf8'), stacks);
  } catch {
    return undefined;
  }
}
