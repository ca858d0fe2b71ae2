import type { CodeFinding } from '../../core/code-finding';
import type { RequiredTag, TagPolicy } from '../../core/tag-policy';
import type { LineIndex } from '../line-index';
import { checkResourceTags, requirementsForTypes } from '../tag-findings';
import type { CloudAssembly, SynthesizedStack } from './cloud-assembly';
import type { ConstructNode } from './construct-tree';
import type { EvaluatedProgram } from './evaluate';
import type { CdkProgram } from './program';
import { FixContext, knownTagsOf, tagsFix } from './tag-check';

/**
 * Findings of a synthesized app (cdk.out) at the source line that made the resource: the construct of this file
 * whose path is the longest prefix of the resource's `aws:cdk:path`. For a class this file defines but does not
 * instantiate (a stack class of lib/), its constructs' paths are relative: a stack is taken as an instance of the
 * class only when its top-level construct ids are exactly the class's.
 */
/** Ids CDK adds at stack level on its own (metadata, singleton providers): not the user's constructs. */
const GENERATED_ID = /^CDKMetadata$|[0-9a-f]{32}$|CustomResourceProvider|^LogRetention/i;

export function checkSynthesized(
  assembly: CloudAssembly,
  program: CdkProgram,
  evaluated: EvaluatedProgram,
  policy: TagPolicy,
  lines: LineIndex,
  reported: ReadonlySet<ConstructNode>,
): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const fixContext = new FixContext(program, lines);
  const rooted = evaluated.nodes.filter((node) => node.source && node.kind !== 'app' && node.rooted && !node.path.includes('?'));
  for (const stack of assembly.stacks) {
    const detached = evaluated.detachedRoots.find((root) => instanceOfClass(root, stack));
    for (const resource of stack.resources) {
      if (requirementsForTypes(policy, [resource.type]).length === 0) continue;
      const node =
        deepestPrefix(rooted, resource.path, (candidate) => candidate.path) ??
        (detached && resource.path.startsWith(`${stack.path}/`)
          ? deepestPrefix(
              evaluated.nodes.filter((n) => n.source && n.chain()[0] === detached),
              resource.path.slice(stack.path.length + 1),
              relativePath,
            )
          : undefined);
      if (!node?.source || reported.has(node)) continue;
      const source = node.source;
      for (const finding of checkResourceTags(
        {
          resource: `${resource.path} in ${stack.templateFile}`,
          typeNames: [resource.type],
          tags: knownTagsOf(resource.tags),
          range: lines.range(source.start, source.end),
          ...(source.nested ? {} : { fixes: (missing: readonly RequiredTag[]) => [tagsFix(fixContext, node, missing)] }),
        },
        policy,
      )) {
        findings.push({
          ...finding,
          properties: {
            ...finding.properties,
            resourceType: resource.type,
            constructPath: resource.path,
            logicalId: resource.logicalId,
            template: stack.templateFile,
          },
        });
      }
    }
  }
  return findings;
}

function relativePath(node: ConstructNode): string {
  return node
    .chain()
    .slice(1)
    .map((n) => n.id ?? '?')
    .join('/');
}

function deepestPrefix(
  nodes: readonly ConstructNode[],
  resourcePath: string,
  pathOf: (node: ConstructNode) => string,
): ConstructNode | undefined {
  let best: ConstructNode | undefined;
  let bestLength = -1;
  for (const node of nodes) {
    const nodePath = pathOf(node);
    if (!nodePath || nodePath.includes('?')) continue;
    if ((resourcePath === nodePath || resourcePath.startsWith(`${nodePath}/`)) && nodePath.length > bestLength) {
      best = node;
      bestLength = nodePath.length;
    }
  }
  return best;
}

function instanceOfClass(root: ConstructNode, stack: SynthesizedStack): boolean {
  const classIds = new Set(root.children.map((child) => child.id));
  if (classIds.has(undefined) || classIds.size === 0) return false;
  const stackIds = new Set(
    stack.resources
      .filter((r) => r.path.startsWith(`${stack.path}/`))
      .map((r) => r.path.slice(stack.path.length + 1).split('/')[0]!)
      .filter((id) => !GENERATED_ID.test(id)),
  );
  if (stackIds.size === 0) return false;
  for (const id of stackIds) if (!classIds.has(id)) return false;
  // Every resource construct of the class that is taggable shows in the stack.
  for (const child of root.children) if (child.kind === 'resource' && child.cfnType && !stackIds.has(child.id!)) return false;
  return true;
}
