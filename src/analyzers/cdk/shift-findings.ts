import type { CodeFinding } from '../../core/code-finding';
import type { Position, Range, TextEdit } from '../../core/range';
import type { TextChange } from '../document-analyzer';
import { LineIndex } from '../line-index';

/**
 * The previous findings moved to where an edit put their text: for an edit that changed nothing the analysis
 * reads (see the program fingerprint in analyzer.ts). Undefined when an edit touches a finding's or a fix's range:
 * then the caller analyses afresh.
 */
export function shiftFindings(
  findings: readonly CodeFinding[],
  oldText: string,
  newText: string,
  changes: readonly TextChange[],
): CodeFinding[] | undefined {
  const before = new LineIndex(oldText);
  const after = new LineIndex(newText);
  let failed = false;
  const offsetOf = (position: Position) => before.lineStart(position.line) + position.character;
  const move = (position: Position): Position => {
    let offset = offsetOf(position);
    for (const change of changes) {
      if (offset >= change.rangeOffset + change.rangeLength) offset += change.text.length - change.rangeLength;
      else if (offset > change.rangeOffset) failed = true;
    }
    return after.position(offset);
  };
  const moveRange = (range: Range): Range => ({ start: move(range.start), end: move(range.end) });
  const moveEdit = (edit: TextEdit): TextEdit => ({ ...edit, range: moveRange(edit.range) });
  const moved = findings.map((finding) => ({
    ...finding,
    range: moveRange(finding.range),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(moveEdit) })) } : {}),
  }));
  return failed ? undefined : moved;
}
