import type { Range } from '../../core/range';
import type { SyntaxNode } from '../parser-runtime';
import type { StatementPlace } from './program';

/** Small helpers both program readers share. */
export function rangeOf(node: SyntaxNode): Range {
  return { start: { line: node.startPosition.row, character: node.startPosition.column }, end: { line: node.endPosition.row, character: node.endPosition.column } };
}

export function placeOf(node: SyntaxNode, text: string): StatementPlace {
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, node.startIndex))![0];
  return { range: rangeOf(node), startOffset: node.startIndex, endOffset: node.endIndex, indent };
}

/** `include_resource_types` -> `includeResourceTypes`: Python keywords read as the TypeScript props they are. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, c: string) => c.toUpperCase());
}
