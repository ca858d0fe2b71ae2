import { type Node, type ParseError, findNodeAtLocation, parseTree } from 'jsonc-parser';
import { mayBeTerraformPlan } from '../../core/terraform-plan';
import { LineIndex } from '../line-index';

export interface ParsedPlan {
  readonly root: Node;
  readonly lines: LineIndex;
  /** Syntax errors; the tree then holds what parsed up to and around them. */
  readonly errors: readonly ParseError[];
}

/** The plan's tree, or undefined when the text is not a plan (then nothing is reported for it). */
export function parseTerraformPlan(text: string): ParsedPlan | undefined {
  if (!mayBeTerraformPlan(text)) return undefined;
  const errors: ParseError[] = [];
  // Terraform writes strict JSON: a comment or trailing comma is an error here, as it is for every plan reader.
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (root?.type !== 'object' || member(root, 'format_version')?.type !== 'string') return undefined;
  if (member(root, 'planned_values')?.type !== 'object' && member(root, 'resource_changes')?.type !== 'array') return undefined;
  return { root, lines: new LineIndex(text), errors };
}

export function member(node: Node | undefined, key: string): Node | undefined {
  return node?.type === 'object' ? findNodeAtLocation(node, [key]) : undefined;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function isTrue(node: Node | undefined): boolean {
  return node?.type === 'boolean' && node.value === true;
}
