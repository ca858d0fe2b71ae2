/**
 * Positions as the core speaks them: 0-based line and character (UTF-16 code units), like VS Code and LSP.
 * Conversions to VS Code types live in src/vscode/common/convert.ts; 1-based output (CLI, SARIF) converts in src/report.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export function position(line: number, character: number): Position {
  return { line, character };
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** A text replacement: the unit every quick fix is made of (never a re-serialised file). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}
