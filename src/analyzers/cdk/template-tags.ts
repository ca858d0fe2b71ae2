import { createParser } from '../parser-runtime';
import { resolveTemplateTags } from './construct-tree';
import { evaluateProgram } from './evaluate';
import { readPythonProgram } from './python-program';
import type { ResolvedTags } from './tag-aspect';
import { readTypeScriptProgram } from './typescript-program';

/**
 * The tags CDK would write into each resource's template, by construct path, for a whole program: what the
 * conformance cases (aws-cdk's own tag tests) check the tag-aspect model against.
 */
export async function templateTagsOf(text: string, language: 'typescript' | 'python'): Promise<Map<string, ResolvedTags>> {
  const parser = await createParser(language);
  const tree = parser.parse(text);
  try {
    if (!tree) throw new Error('the parser returned no tree');
    const program = language === 'python' ? readPythonProgram(tree.rootNode, text) : readTypeScriptProgram(tree.rootNode, text);
    const evaluated = evaluateProgram(program);
    const result = new Map<string, ResolvedTags>();
    for (const node of evaluated.constructs) if (node.rooted) result.set(node.path, resolveTemplateTags(node, evaluated.global));
    return result;
  } finally {
    tree?.delete();
    parser.delete();
  }
}
