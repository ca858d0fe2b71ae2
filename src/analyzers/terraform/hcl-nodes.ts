import type { Position, Range } from '../../core/range';
import type { SyntaxNode } from '../parser-runtime';

/** Small helpers over tree-sitter-hcl's node shapes (config_file > body > block | attribute). */

export function nodeRange(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

export function blockKind(block: SyntaxNode): string | undefined {
  const first = block.namedChildren[0];
  return first?.type === 'identifier' ? first.text : undefined;
}

/** The string labels of a block (`resource "aws_s3_bucket" "x"` -> ['aws_s3_bucket', 'x']). */
export function blockLabels(block: SyntaxNode): string[] {
  const labels: string[] = [];
  for (const child of block.namedChildren.slice(1)) {
    if (!child || child.type === 'block_start' || child.type === 'body' || child.type === 'block_end') break;
    if (child.type === 'string_lit') labels.push(stringLiteralText(child) ?? '');
    else if (child.type === 'identifier') labels.push(child.text);
  }
  return labels;
}

/** `resource "aws_instance" "x"`: from the keyword to the end of the last label (tflint's DefRange). */
export function blockHeaderRange(block: SyntaxNode): Range {
  let last: SyntaxNode = block.namedChildren[0] ?? block;
  for (const child of block.namedChildren) {
    if (!child || child.type === 'block_start' || child.type === 'body' || child.type === 'block_end') break;
    last = child;
  }
  return { start: nodeRange(block).start, end: nodeRange(last).end };
}

export function blockBody(block: SyntaxNode): SyntaxNode | undefined {
  return block.namedChildren.find((child) => child?.type === 'body') ?? undefined;
}

export function bodyAttributes(block: SyntaxNode): Map<string, SyntaxNode> {
  const attributes = new Map<string, SyntaxNode>();
  for (const child of blockBody(block)?.namedChildren ?? []) {
    if (child?.type === 'attribute') {
      const name = child.namedChildren[0]?.text;
      if (name && !attributes.has(name)) attributes.set(name, child);
    }
  }
  return attributes;
}

export function bodyBlocks(block: SyntaxNode, kind: string): SyntaxNode[] {
  return (blockBody(block)?.namedChildren ?? []).filter((child): child is SyntaxNode => child?.type === 'block' && blockKind(child) === kind);
}

/** The expression node of an attribute (`name = <expression>`). */
export function attributeExpression(attribute: SyntaxNode): SyntaxNode | undefined {
  return attribute.namedChildren.find((child) => child?.type === 'expression') ?? undefined;
}

/** Unwraps `expression` wrappers down to the node that says what the value is. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while ((current.type === 'expression' || current.type === 'collection_value' || current.type === 'literal_value') && current.namedChildCount === 1) {
    current = current.namedChildren[0]!;
  }
  return current;
}

/** The text of a string literal without interpolation; undefined for templates with `${...}`. */
export function stringLiteralText(node: SyntaxNode): string | undefined {
  const target = unwrap(node);
  if (target.type === 'string_lit') {
    return target.namedChildren
      .filter((child) => child?.type === 'template_literal')
      .map((child) => child!.text)
      .join('');
  }
  if (target.type === 'template_expr') {
    const quoted = target.namedChildren[0];
    if (!quoted || quoted.namedChildren.some((child) => child?.type !== 'quoted_template_start' && child?.type !== 'quoted_template_end' && child?.type !== 'template_literal')) return undefined;
    return quoted.namedChildren.filter((child) => child?.type === 'template_literal').map((child) => child!.text).join('');
  }
  return undefined;
}

/** `aws.foo` -> ['aws', 'foo']; `local.x` -> ['local', 'x']; undefined when not a plain traversal. */
export function traversal(node: SyntaxNode): string[] | undefined {
  let target = node;
  while (target.type === 'expression' && target.namedChildCount === 1) target = target.namedChildren[0]!;
  const parts: string[] = [];
  const children = target.type === 'expression' ? target.namedChildren : [target];
  for (const child of children) {
    if (!child) return undefined;
    if (child.type === 'variable_expr') parts.push(child.text);
    else if (child.type === 'get_attr') parts.push(child.namedChildren[0]?.text ?? '');
    else return undefined;
  }
  return parts.length ? parts : undefined;
}

/** Every block at any depth: tree-sitter's error recovery can nest later blocks inside a broken one. */
export function allBlocks(root: SyntaxNode): SyntaxNode[] {
  return root.descendantsOfType('block').filter((node): node is SyntaxNode => node !== null);
}

/** What the checks need of a block, read in one cursor walk (node objects are made only for what is asked). */
export interface BlockParts {
  readonly labels: string[];
  readonly headerRange: Range;
  /** Attribute name -> node. */
  readonly attributes: Map<string, SyntaxNode>;
  /** Nested block keyword -> nodes, for the keywords asked for. */
  readonly blocks: Map<string, SyntaxNode[]>;
  /** Where quick fixes insert: the closing brace (absent when error recovery left none) and the first member's line. */
  readonly shape: BlockShape;
}

export interface BlockShape {
  readonly startLine: number;
  readonly endBrace?: Position;
  readonly firstMemberLine?: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;

function nameAt(text: string, offset: number): string {
  NAME.lastIndex = offset;
  return NAME.exec(text)?.[0] ?? '';
}

export function blockParts(block: SyntaxNode, text: string, wantedAttributes: readonly string[], wantedBlocks: readonly string[]): BlockParts {
  const labels: string[] = [];
  const attributes = new Map<string, SyntaxNode>();
  const blocks = new Map<string, SyntaxNode[]>();
  const start = block.startPosition;
  let headerEnd = start;
  let endBrace: Position | undefined;
  let firstMemberLine: number | undefined;
  const cursor = block.walk();
  try {
    if (!cursor.gotoFirstChild()) return { labels, headerRange: { start: { line: start.row, character: start.column }, end: { line: start.row, character: start.column } }, attributes, blocks, shape: { startLine: start.row } };
    headerEnd = cursor.endPosition;
    while (cursor.gotoNextSibling()) {
      const type = cursor.nodeType;
      if (type === 'string_lit' || type === 'identifier') {
        const from = cursor.startIndex;
        const to = cursor.endIndex;
        labels.push(type === 'string_lit' ? text.slice(from + 1, Math.max(from + 1, to - 1)) : text.slice(from, to));
        headerEnd = cursor.endPosition;
      } else if (type === 'body') {
        if (cursor.gotoFirstChild()) {
          firstMemberLine ??= cursor.startPosition.row;
          do {
            const member = cursor.nodeType;
            if (member !== 'attribute' && member !== 'block') continue;
            const name = nameAt(text, cursor.startIndex);
            if (member === 'attribute' && wantedAttributes.includes(name) && !attributes.has(name)) attributes.set(name, cursor.currentNode);
            else if (member === 'block' && wantedBlocks.includes(name)) {
              const list = blocks.get(name) ?? [];
              list.push(cursor.currentNode);
              blocks.set(name, list);
            }
          } while (cursor.gotoNextSibling());
          cursor.gotoParent();
        }
      } else if (type === 'block_end' && cursor.endIndex > cursor.startIndex) {
        const position = cursor.startPosition;
        endBrace = { line: position.row, character: position.column };
      }
    }
  } finally {
    cursor.delete();
  }
  const shape = { startLine: start.row, ...(endBrace ? { endBrace } : {}), ...(firstMemberLine !== undefined ? { firstMemberLine } : {}) };
  return { labels, headerRange: { start: { line: start.row, character: start.column }, end: { line: headerEnd.row, character: headerEnd.column } }, attributes, blocks, shape };
}
