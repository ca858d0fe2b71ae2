import * as vscode from 'vscode';
import type { TextChange } from '../../analyzers/document-analyzer';
import type { Position, Range, TextEdit } from '../../core/range';

/** Our 0-based Range/Position/TextEdit <-> VS Code's, in one place. */
export function toVsPosition(position: Position): vscode.Position {
  return new vscode.Position(position.line, position.character);
}

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(toVsPosition(range.start), toVsPosition(range.end));
}

export function fromVsRange(range: vscode.Range): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

export function toVsTextEdit(edit: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toVsRange(edit.range), edit.newText);
}

/**
 * A snippet edit. Editors indent every inserted snippet line after the first by the insertion line's own
 * indentation; our edits carry their final indentation, so that indentation is taken off first when the
 * insertion point is not at column 0 (the analyzers insert whole lines at column 0 wherever they can).
 */
export function toVsSnippetEdit(edit: TextEdit, document: vscode.TextDocument): vscode.SnippetTextEdit {
  let text = edit.newText;
  const lineIndent = /^[ \t]*/.exec(document.lineAt(Math.min(edit.range.start.line, document.lineCount - 1)).text)![0];
  if (edit.range.start.character > 0 && lineIndent && text.includes('\n')) {
    text = text
      .split('\n')
      .map((line, index) => (index > 0 && line.startsWith(lineIndent) ? line.slice(lineIndent.length) : line))
      .join('\n');
  }
  return new vscode.SnippetTextEdit(toVsRange(edit.range), new vscode.SnippetString(text));
}

/** A change event's edits as the analyzers' TextChange, in the order they apply one after another. */
export function fromVsContentChanges(changes: readonly vscode.TextDocumentContentChangeEvent[]): TextChange[] | undefined {
  // VS Code lists one event's changes against the pre-event text, highest offset first; applied in that order
  // each stays valid. Any other order: report no changes, so the analyzer reparses from scratch.
  for (let i = 1; i < changes.length; i++) {
    if (changes[i]!.rangeOffset + changes[i]!.rangeLength > changes[i - 1]!.rangeOffset) return undefined;
  }
  return changes.map((change) => ({
    range: fromVsRange(change.range),
    rangeOffset: change.rangeOffset,
    rangeLength: change.rangeLength,
    text: change.text,
  }));
}
