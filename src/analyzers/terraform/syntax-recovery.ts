import { Edit } from 'web-tree-sitter';
import type { Range } from '../../core/range';
import type { Parser, SyntaxNode, Tree } from '../parser-runtime';
import { blockHeaderRange, nodeRange } from './hcl-nodes';

/**
 * Syntax errors in a .tf file: where the first one is, in plain words, and a second reading of the blocks that
 * tree-sitter's error recovery lost. An unclosed string is the usual culprit: tree-sitter-hcl lets a quoted string
 * run across lines (HCL does not), so every quote after it pairs the wrong way and the rest of the file becomes one
 * ERROR node. The broken block is then blanked out (spaces, line breaks kept, so every position stays the same)
 * from its first line to the next line that starts a top-level block, and the text is parsed again, at most
 * MAX_RECOVERY_PASSES times. A block is reported only when it is whole in the last parse (see tag-check.ts).
 */
export interface SyntaxProblem {
  /** Where the parse-error finding points. */
  readonly range: Range;
  /** What is wrong, in plain words. */
  readonly what: string;
  /** The offset from which the tree is not to be trusted. */
  readonly offset: number;
  /** After an unclosed string quotes pair the wrong way: no block reaching past `offset` is whole. */
  readonly unclosedString: boolean;
}

/** Each pass parses the file once more (incrementally after the first analysis); three cover three broken blocks. */
const MAX_RECOVERY_PASSES = 3;
/** A line that starts a top-level block, where reading can start again. */
const BLOCK_START = /^(?:(?:resource|data|module|provider|variable|output)[ \t]+"|(?:locals|terraform)[ \t]*\{)/my;
const NEXT_BLOCK_START = new RegExp(BLOCK_START.source, 'mg');
const UNFINISHED_BLOCK = /^[A-Za-z_][\w-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{/;

export interface ReadableTree {
  /** The tree to check: the parse of `text`, or of a copy with broken blocks blanked out. */
  readonly root: SyntaxNode;
  readonly text: string;
  /** The first syntax error of the file as written; undefined when it has none. */
  readonly problem?: SyntaxProblem;
  /** Blocks of `root` that reach past this offset are not whole (an unclosed string remains before their end). */
  readonly readableEnd: number;
}

/**
 * The recovery passes of one document. Each pass keeps its tree for the next analysis, which reparses it
 * incrementally from the difference between the old and the new blanked text: while the user types in a broken
 * block of a large file, a pass costs about what the editor's own incremental reparse costs, not a full parse.
 */
export class SyntaxRecovery {
  private passes: Array<{ tree: Tree; text: string }> = [];

  /** The tree to check for `tree` (the parse of `text`): itself when it has no errors. Valid until the next call. */
  read(parser: Parser, tree: Tree, text: string): ReadableTree {
    const root = tree.rootNode;
    if (!root.hasError) {
      this.keep(0);
      return { root, text, readableEnd: text.length };
    }
    const first = firstProblem(root, text);
    let current = { root, text, problem: first };
    let pass = 0;
    for (; pass < MAX_RECOVERY_PASSES && current.problem; pass++) {
      const blanked = blankBrokenBlock(current.text, current.problem, current.root);
      if (blanked === undefined) break;
      const next = this.parsePass(parser, pass, blanked);
      if (!next) break;
      const nextRoot = next.rootNode;
      current = { root: nextRoot, text: blanked, problem: nextRoot.hasError ? firstProblem(nextRoot, blanked) : undefined };
    }
    this.keep(pass);
    const remaining = current.problem;
    return {
      root: current.root,
      text: current.text,
      ...(first ? { problem: first } : {}),
      readableEnd: remaining?.unclosedString ? remaining.offset : current.text.length,
    };
  }

  private parsePass(parser: Parser, pass: number, text: string): Tree | null {
    const previous = this.passes[pass];
    if (previous && previous.text === text) return previous.tree;
    let tree: Tree | null;
    if (previous) {
      previous.tree.edit(differenceEdit(previous.text, text));
      tree = parser.parse(text, previous.tree);
      previous.tree.delete();
    } else {
      tree = parser.parse(text);
    }
    if (tree) this.passes[pass] = { tree, text };
    else this.passes.length = pass;
    return tree;
  }

  /** Frees the trees of passes from `count` on. */
  private keep(count: number): void {
    for (const pass of this.passes.slice(count)) pass.tree.delete();
    this.passes.length = Math.min(this.passes.length, count);
  }

  dispose(): void {
    this.keep(0);
  }
}

/** One edit from `before` to `after`: what lies between their common prefix and their common suffix. */
function differenceEdit(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  });
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    row++;
    lineStart = at + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * The first syntax error of a tree with errors. tree-sitter notices an unclosed string only later, where the wrongly
 * paired quotes stop making sense, so a string that opens before the first ERROR or MISSING node ends is the cause.
 */
function firstProblem(root: SyntaxNode, text: string): SyntaxProblem | undefined {
  if (!root.hasError) return undefined;
  const node = firstErrorNode(root);
  // A string cut off by the end of the file has a MISSING closing quote rather than a line break in it.
  const cutOff = node?.isMissing && node.type === 'quoted_template_end' ? node.parent : null;
  const string = cutOff ?? firstUnclosedString(root, node);
  if (string) {
    const start = string.startIndex;
    const position = string.startPosition;
    const lineEnd = text.indexOf('\n', start);
    const end = (lineEnd === -1 ? text.length : lineEnd) - start;
    return {
      range: {
        start: { line: position.row, character: position.column },
        end: { line: position.row, character: position.column + trimCarriageReturn(text, start, end) },
      },
      what: 'a string is not closed',
      offset: start,
      unclosedString: true,
    };
  }
  if (!node) return undefined;
  if (node.isMissing) {
    const block = node.type === '}' && node.parent?.type === 'block_end' ? node.parent.parent : null;
    if (block?.type === 'block')
      return { range: blockHeaderRange(block), what: 'this block has no closing "}"', offset: node.startIndex, unclosedString: false };
    const at = { line: node.startPosition.row, character: node.startPosition.column };
    return { range: { start: at, end: at }, what: `a "${node.type}" is expected here`, offset: node.startIndex, unclosedString: false };
  }
  const start = node.startIndex;
  const errorText = text.slice(start, node.endIndex);
  const range = nodeRange(node);
  const firstLineEnd = errorText.indexOf('\n');
  const firstLine =
    firstLineEnd === -1
      ? range
      : {
          start: range.start,
          end: { line: range.start.line, character: range.start.character + trimCarriageReturn(text, start, firstLineEnd) },
        };
  if (UNFINISHED_BLOCK.test(errorText) && text.slice(node.endIndex).trim() === '') {
    return { range: firstLine, what: 'this block is not closed', offset: start, unclosedString: false };
  }
  const token = /^\S{1,20}/.exec(errorText)?.[0] ?? '';
  return { range: firstLine, what: token ? `unexpected "${token}"` : 'unexpected text', offset: start, unclosedString: false };
}

function trimCarriageReturn(text: string, start: number, length: number): number {
  return length > 0 && text.charCodeAt(start + length - 1) === 13 ? length - 1 : length;
}

/** The first quoted string that runs across a line break (only heredocs may) and opens before `error` ends. */
function firstUnclosedString(root: SyntaxNode, error: SyntaxNode | undefined): SyntaxNode | undefined {
  const end = error?.endPosition ?? root.endPosition;
  for (const literal of root.descendantsOfType('template_literal', root.startPosition, end)) {
    if (!literal || literal.startPosition.row === literal.endPosition.row) continue;
    const quoted = literal.parent;
    if (quoted && (quoted.type === 'string_lit' || quoted.type === 'quoted_template') && (!error || quoted.startIndex < error.endIndex))
      return quoted;
  }
  return undefined;
}

/** The first ERROR or MISSING node in document order, found by descending into the first child with an error. */
function firstErrorNode(root: SyntaxNode): SyntaxNode | undefined {
  let node = root;
  for (;;) {
    if (node.isError || node.isMissing) return node;
    const next = node.children.find((child) => child?.hasError);
    if (!next) return node.hasError ? node : undefined;
    node = next;
  }
}

/**
 * `text` with the block holding `problem` blanked out, up to the next line that starts a top-level block after the
 * problem's line; undefined when no such line follows (nothing more to read). The blanking starts at the last line
 * that starts a top-level block before the problem, or after the last block that ends before it, whichever is later.
 */
function blankBrokenBlock(text: string, problem: SyntaxProblem, root: SyntaxNode): string | undefined {
  const lineEnd = text.indexOf('\n', problem.offset);
  if (lineEnd === -1) return undefined;
  NEXT_BLOCK_START.lastIndex = lineEnd + 1;
  const restart = NEXT_BLOCK_START.exec(text)?.index;
  if (restart === undefined) return undefined;
  let start = 0;
  for (let lineStart = lineStartOf(text, problem.offset); ; lineStart = lineStartOf(text, lineStart - 1)) {
    BLOCK_START.lastIndex = lineStart;
    if (BLOCK_START.test(text)) {
      start = lineStart;
      break;
    }
    if (lineStart === 0) break;
  }
  start = Math.max(start, endOfBlockBefore(root, text, problem.offset));
  return text.slice(0, start) + text.slice(start, restart).replace(/[^\r\n]/g, ' ') + text.slice(restart);
}

function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the outermost block that ends where the text before `offset` ends (blanks aside); 0 when none does. */
function endOfBlockBefore(root: SyntaxNode, text: string, offset: number): number {
  let last = offset - 1;
  while (last >= 0 && /\s/.test(text[last]!)) last--;
  if (last < 0) return 0;
  let end = 0;
  for (let node: SyntaxNode | null = root.descendantForIndex(last); node && node.endIndex <= offset; node = node.parent) {
    if (node.type === 'block' && !node.hasError) end = node.endIndex;
  }
  return end;
}
