import type { TreeCursor } from 'web-tree-sitter';
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
  return (blockBody(block)?.namedChildren ?? []).filter(
    (child): child is SyntaxNode => child?.type === 'block' && blockKind(child) === kind,
  );
}

/** The expression node of an attribute (`name = <expression>`). */
export function attributeExpression(attribute: SyntaxNode): SyntaxNode | undefined {
  // Usually the last child: asking for that one alone is cheaper than for all of them.
  const last = attribute.lastNamedChild;
  if (last?.type === 'expression') return last;
  return attribute.namedChildren.find((child) => child?.type === 'expression') ?? undefined;
}

/** Unwraps `expression` wrappers down to the node that says what the value is. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (
    (current.type === 'expression' || current.type === 'collection_value' || current.type === 'literal_value') &&
    current.namedChildCount === 1
  ) {
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
    if (
      !quoted ||
      quoted.namedChildren.some(
        (child) => child?.type !== 'quoted_template_start' && child?.type !== 'quoted_template_end' && child?.type !== 'template_literal',
      )
    )
      return undefined;
    return quoted.namedChildren
      .filter((child) => child?.type === 'template_literal')
      .map((child) => child!.text)
      .join('');
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

const PLAIN_LABEL = /[ \t]+(?:"([^"\\$%\r\n]*)"|([A-Za-z_][A-Za-z0-9_-]*))/y;
const OPENING_BRACE = /[ \t]*\{/y;

interface PlainHeader {
  readonly labels: string[];
  /** Length of the keyword and labels, without the brace. */
  readonly length: number;
  /** Offset just after the opening brace. */
  readonly bodyStart: number;
}

/**
 * The common header, `resource "aws_s3_bucket" "logs" {` on one line: a keyword, then identifiers or quoted
 * labels without escapes or interpolation, then the brace. Anything else (comments, escapes, templates, a line
 * break, other characters in names) gives undefined and is read from the tree.
 */
function plainHeader(text: string, offset: number): PlainHeader | undefined {
  let end = offset + nameAt(text, offset).length;
  if (end === offset) return undefined;
  const labels: string[] = [];
  for (;;) {
    PLAIN_LABEL.lastIndex = end;
    const label = PLAIN_LABEL.exec(text);
    if (!label) break;
    labels.push(label[1] ?? label[2]!);
    end = PLAIN_LABEL.lastIndex;
  }
  OPENING_BRACE.lastIndex = end;
  if (!OPENING_BRACE.test(text)) return undefined;
  return { labels, length: end - offset, bodyStart: OPENING_BRACE.lastIndex };
}

/**
 * Reads the blocks of one tree with one cursor, reset to each block: a cursor per block costs an allocation in
 * WASM, and every step or question of a cursor is a crossing into WASM, which is what reading a large file costs.
 * So in a tree without syntax errors a plain header is read from the text and the closing brace is found from the
 * block's end; only the body is walked. The owner calls `dispose()`.
 */
export class BlockReader {
  private cursor: TreeCursor | undefined;
  /** Then blocks are read from the tree alone: error recovery can make a block's children differ from its text. */
  private readonly treeHasErrors: boolean;

  constructor(
    root: SyntaxNode,
    private readonly text: string,
  ) {
    this.treeHasErrors = root.hasError;
  }

  parts(block: SyntaxNode, wanted: WantedMembers): BlockParts {
    const cursor = this.cursorAt(block);
    const header = this.treeHasErrors ? undefined : plainHeader(this.text, block.startIndex);
    return header ? this.partsAfterPlainHeader(block, header, cursor, wanted) : this.partsFromTree(block, cursor, wanted);
  }

  private partsAfterPlainHeader(block: SyntaxNode, header: PlainHeader, cursor: TreeCursor, wanted: WantedMembers): BlockParts {
    const start = block.startPosition;
    // Without syntax errors a block ends with its closing brace.
    const end = block.endPosition;
    const endBrace = { line: end.row, character: end.column - 1 };
    const members = emptyMembers();
    // Straight to what follows the opening brace: comments, the body, the closing brace.
    for (let more = cursor.gotoFirstChildForIndex(header.bodyStart); more; more = cursor.gotoNextSibling()) {
      if (cursor.nodeType !== 'body') continue;
      this.readBody(cursor, wanted, members);
      break;
    }
    return {
      labels: header.labels,
      // The header is on the block's first line, so its end is an offset from the block's start.
      headerRange: {
        start: { line: start.row, character: start.column },
        end: { line: start.row, character: start.column + header.length },
      },
      attributes: members.attributes,
      blocks: members.blocks,
      shape: { startLine: start.row, endBrace, ...(members.firstLine !== undefined ? { firstMemberLine: members.firstLine } : {}) },
    };
  }

  private partsFromTree(block: SyntaxNode, cursor: TreeCursor, wanted: WantedMembers): BlockParts {
    const text = this.text;
    const labels: string[] = [];
    const members = emptyMembers();
    const start = block.startPosition;
    let endBrace: Position | undefined;
    if (!cursor.gotoFirstChild())
      return {
        labels,
        headerRange: { start: { line: start.row, character: start.column }, end: { line: start.row, character: start.column } },
        attributes: members.attributes,
        blocks: members.blocks,
        shape: { startLine: start.row },
      };
    let headerEnd = cursor.endPosition;
    while (cursor.gotoNextSibling()) {
      const type = cursor.nodeType;
      if (type === 'string_lit' || type === 'identifier') {
        const from = cursor.startIndex;
        const to = cursor.endIndex;
        labels.push(type === 'string_lit' ? text.slice(from + 1, Math.max(from + 1, to - 1)) : text.slice(from, to));
        headerEnd = cursor.endPosition;
      } else if (type === 'body') {
        this.readBody(cursor, wanted, members);
      } else if (type === 'block_end' && cursor.endIndex > cursor.startIndex) {
        const position = cursor.startPosition;
        endBrace = { line: position.row, character: position.column };
      }
    }
    const shape = {
      startLine: start.row,
      ...(endBrace ? { endBrace } : {}),
      ...(members.firstLine !== undefined ? { firstMemberLine: members.firstLine } : {}),
    };
    return {
      labels,
      headerRange: { start: { line: start.row, character: start.column }, end: { line: headerEnd.row, character: headerEnd.column } },
      attributes: members.attributes,
      blocks: members.blocks,
      shape,
    };
  }

  /** The wanted members of the body the cursor is on; the cursor ends where it started. */
  private readBody(cursor: TreeCursor, wanted: WantedMembers, members: Members): void {
    if (!cursor.gotoFirstChild()) return;
    members.firstLine ??= cursor.startPosition.row;
    do {
      const type = cursor.nodeType;
      if (type !== 'attribute' && type !== 'block') continue;
      const name = nameAt(this.text, cursor.startIndex);
      if (type === 'attribute' && wanted.attributes.includes(name) && !members.attributes.has(name))
        members.attributes.set(name, cursor.currentNode);
      else if (type === 'block' && wanted.blocks.includes(name)) {
        const list = members.blocks.get(name) ?? [];
        list.push(cursor.currentNode);
        members.blocks.set(name, list);
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }

  private cursorAt(block: SyntaxNode): TreeCursor {
    if (this.cursor) this.cursor.reset(block);
    else this.cursor = block.walk();
    return this.cursor;
  }

  dispose(): void {
    this.cursor?.delete();
    this.cursor = undefined;
  }
}

/** The attribute names and nested block keywords a caller needs of a block's body. */
export interface WantedMembers {
  readonly attributes: readonly string[];
  readonly blocks: readonly string[];
}

interface Members {
  readonly attributes: Map<string, SyntaxNode>;
  readonly blocks: Map<string, SyntaxNode[]>;
  firstLine?: number;
}

function emptyMembers(): Members {
  return { attributes: new Map(), blocks: new Map() };
}
