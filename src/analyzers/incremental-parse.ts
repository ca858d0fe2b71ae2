import { Edit, type Parser, type Tree } from 'web-tree-sitter';
import type { TextChange } from './document-analyzer';

/**
 * Reparses a document from its previous tree when the editor reports what changed, else from scratch. The
 * changes must be in the order they happened (each relative to the text after the previous one); when they do
 * not add up to the new text's length the previous tree is not trusted and a full parse is done.
 */
export function reparse(
  parser: Parser,
  text: string,
  previous?: { tree: Tree; text: string },
  changes?: readonly TextChange[],
): Tree | null {
  if (!previous || !changes || changes.length === 0 || !changesAddUp(previous.text.length, text.length, changes)) {
    return parser.parse(text);
  }
  const tree = previous.tree;
  for (const change of changes) {
    tree.edit(
      new Edit({
        startIndex: change.rangeOffset,
        oldEndIndex: change.rangeOffset + change.rangeLength,
        newEndIndex: change.rangeOffset + change.text.length,
        startPosition: { row: change.range.start.line, column: change.range.start.character },
        oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
        newEndPosition: endOfInsertedText(change),
      }),
    );
  }
  return parser.parse(text, tree);
}

function changesAddUp(oldLength: number, newLength: number, changes: readonly TextChange[]): boolean {
  let length = oldLength;
  for (const change of changes) {
    if (change.rangeOffset < 0 || change.rangeOffset + change.rangeLength > length) return false;
    length += change.text.length - change.rangeLength;
  }
  return length === newLength;
}

function endOfInsertedText(change: TextChange): { row: number; column: number } {
  const lines = change.text.split('\n');
  if (lines.length === 1) return { row: change.range.start.line, column: change.range.start.character + change.text.length };
  return { row: change.range.start.line + lines.length - 1, column: lines[lines.length - 1]!.length };
}
