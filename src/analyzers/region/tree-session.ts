import type { TextChange } from '../document-analyzer';
import { Edit } from 'web-tree-sitter';
import { createParser, type GrammarName, type Parser, type Point, type Tree } from '../parser-runtime';

function endPoint(start: Point, text: string): Point {
  const lines = text.split('\n');
  return lines.length === 1
    ? { row: start.row, column: start.column + text.length }
    : { row: start.row + lines.length - 1, column: lines[lines.length - 1]!.length };
}

/**
 * One parser and one tree per document. With the editor's changes the old tree is edited and reused, so a
 * keystroke costs an incremental reparse; without them (first call, CLI) the text is parsed whole.
 */
export class TreeSession {
  private parser: Parser | undefined;
  private tree: Tree | undefined;
  private disposed = false;

  constructor(private readonly grammar: GrammarName) {}

  async parse(text: string, changes?: readonly TextChange[]): Promise<Tree | undefined> {
    if (this.disposed) return undefined;
    this.parser ??= await createParser(this.grammar);
    if (this.disposed) return undefined;
    const old = this.tree;
    if (old && changes && changes.length > 0) {
      for (const change of changes) {
        const startPosition = { row: change.range.start.line, column: change.range.start.character };
        old.edit(
          new Edit({
            startIndex: change.rangeOffset,
            oldEndIndex: change.rangeOffset + change.rangeLength,
            newEndIndex: change.rangeOffset + change.text.length,
            startPosition,
            oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
            newEndPosition: endPoint(startPosition, change.text),
          }),
        );
      }
    }
    const reuse = old && changes && changes.length > 0 ? old : null;
    const tree = this.parser.parse(text, reuse) ?? undefined;
    old?.delete();
    this.tree = tree;
    return tree;
  }

  dispose(): void {
    this.disposed = true;
    this.tree?.delete();
    this.tree = undefined;
    this.parser?.delete();
    this.parser = undefined;
  }
}
