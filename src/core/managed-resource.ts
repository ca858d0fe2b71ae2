import { escapeRegExp } from './regexp';
import type { TagSet } from './tag-policy';
import { mayBeTerraformPlan } from './terraform-plan';

/**
 * A live-only tag on a resource that infrastructure code manages is undone by the next deploy (Terraform
 * removes undeclared tags; a CloudFormation update rewrites the stack's tags). Before a live write Tagsight
 * says when a resource looks managed and offers the definition instead. "Looks": these are hints, not proof.
 */
export interface IacLocation {
  /** Workspace-relative or absolute path, as given. */
  readonly path: string;
  /** 0-based. */
  readonly line: number;
  readonly character: number;
  readonly kind: 'terraform' | 'cloudformation';
}

export type ManagedEvidence =
  | { readonly kind: 'cloudformation-tags'; readonly stackName?: string; readonly logicalId?: string; readonly message: string }
  | { readonly kind: 'iac-reference'; readonly location: IacLocation; readonly message: string };

export interface IacFile {
  readonly path: string;
  readonly text: string;
}

function iacKindOf(file: IacFile): IacLocation['kind'] | undefined {
  const lower = file.path.toLowerCase();
  // A plan names what Terraform manages, as the .tf sources do.
  if (lower.endsWith('.tf') || lower.endsWith('.tf.json') || (lower.endsWith('.json') && mayBeTerraformPlan(file.text))) return 'terraform';
  if (/\.(ya?ml|json|template)$/.test(lower)) return 'cloudformation';
  return undefined;
}

function managedByCloudFormationTags(tags: TagSet | undefined): ManagedEvidence | undefined {
  if (!tags) return undefined;
  const stackName = tags['aws:cloudformation:stack-name'];
  const logicalId = tags['aws:cloudformation:logical-id'];
  if (!Object.keys(tags).some((key) => key.startsWith('aws:cloudformation:'))) return undefined;
  return {
    kind: 'cloudformation-tags',
    stackName,
    logicalId,
    message: `It carries aws:cloudformation tags${stackName ? ` (stack ${stackName}${logicalId ? `, resource ${logicalId}` : ''})` : ''}: the next stack update is likely to rewrite its tags.`,
  };
}

const COMMENT_LINE = /^\s*(#|\/\/|\/\*|\*)/;

/**
 * Finds the bucket name as a whole quoted or YAML scalar in IaC text. Bucket names hold only `a-z0-9.-`, so a
 * name bounded by characters outside that set is the name itself, not part of a longer one.
 */
export function findNameInIac(name: string, files: readonly IacFile[]): IacLocation[] {
  if (!name) return [];
  const pattern = new RegExp(`(?<![a-z0-9.\\-])${escapeRegExp(name)}(?![a-z0-9.\\-])`, 'g');
  const found: IacLocation[] = [];
  for (const file of files) {
    const kind = iacKindOf(file);
    if (!kind) continue;
    const lines = file.text.split(/\r?\n/);
    lines.forEach((text, line) => {
      // A name in a comment ("bucket X is not managed here") is no definition.
      if (COMMENT_LINE.test(text)) return;
      pattern.lastIndex = 0;
      const match = pattern.exec(text);
      if (match) found.push({ path: file.path, line, character: match.index, kind });
    });
  }
  return found;
}

export function managedEvidence(name: string, tags: TagSet | undefined, files: readonly IacFile[]): ManagedEvidence[] {
  const evidence: ManagedEvidence[] = [];
  const byTags = managedByCloudFormationTags(tags);
  if (byTags) evidence.push(byTags);
  for (const location of findNameInIac(name, files)) {
    const tool = location.kind === 'terraform' ? 'Terraform' : 'CloudFormation';
    evidence.push({
      kind: 'iac-reference',
      location,
      message: `Its name appears in ${location.path}:${location.line + 1}: if ${tool} manages it, the next deploy is likely to undo a live-only tag.`,
    });
  }
  return evidence;
}
