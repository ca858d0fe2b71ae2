import type { SyntaxNode } from '../parser-runtime';
import { MAX_FOLLOW_DEPTH, nameOccurrences } from './bindings';
import type { StringValue } from './keyed-shape';

/**
 * Name resolution for the Go, Java and C# readers, deliberately simpler than BindingIndex: a name counts only when the
 * whole file binds it exactly once, with a value (`x := ...`, `var x = ...`, `final S3Client x = ...`, a field
 * initialiser, a constant). A name bound twice anywhere in the file, also in another function, assigned again, or bound
 * without a value (a parameter, an injected field) is unknown. This errs towards unknown, never towards a finding.
 */
export type BindingKind =
  /** This occurrence binds the name to `value`. */
  | { readonly kind: 'binds'; readonly value: SyntaxNode }
  /** This occurrence binds or assigns the name with a value that cannot be read (parameter, second assignment, ...). */
  | { readonly kind: 'opaque' };

export type ClassifyOccurrence = (occurrence: SyntaxNode) => BindingKind | undefined;

export function singleBinding(root: SyntaxNode, text: string, name: string, classify: ClassifyOccurrence): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  let count = 0;
  for (const occurrence of nameOccurrences(root, text, name)) {
    const binding = classify(occurrence);
    if (!binding) continue;
    count++;
    if (binding.kind === 'opaque' || count > 1) return undefined;
    found = binding.value;
  }
  return found;
}

/**
 * A string a node stands for: a literal (`literal` reads one, undefined for anything else) or a name bound once to
 * one, followed up to MAX_FOLLOW_DEPTH names.
 */
export function followString(
  node: SyntaxNode | null | undefined,
  literal: (node: SyntaxNode) => string | undefined,
  resolve: (name: SyntaxNode) => SyntaxNode | undefined,
  isName: (node: SyntaxNode) => boolean,
  depth = 0,
  via?: string,
): StringValue | undefined {
  if (!node || depth > MAX_FOLLOW_DEPTH) return undefined;
  const value = literal(node);
  if (value !== undefined) return { value, literal: node, ...(via ? { via } : {}) };
  if (!isName(node)) return undefined;
  return followString(resolve(node), literal, resolve, isName, depth + 1, via ?? node.text);
}
