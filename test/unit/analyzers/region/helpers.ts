import * as assert from 'node:assert/strict';
import { silentLogger } from '../../../../src/core/logger';
import type { CodeFinding } from '../../../../src/core/code-finding';
import type { TextEdit } from '../../../../src/core/range';
import type { AnalyzerContext, DocumentAnalyzer } from '../../../../src/analyzers/document-analyzer';

export function context(overrides: Partial<AnalyzerContext> = {}): AnalyzerContext {
  return { policy: { requirements: [] }, logger: silentLogger, ...overrides };
}

/** Also checks, on every text of the region tests, that the analyzer's cheap text test lets its findings through. */
export async function analyze(
  analyzer: DocumentAnalyzer,
  filePath: string,
  text: string,
  ctx: AnalyzerContext = context(),
): Promise<CodeFinding[]> {
  const session = analyzer.createSession(filePath);
  try {
    const findings = await session.analyze(text, ctx);
    if (findings.length > 0)
      assert.ok(
        analyzer.mayFindIn(text),
        `${analyzer.id}'s mayFindIn turns away a text it finds ${findings.length} problem(s) in:\n${text}`,
      );
    return findings;
  } finally {
    session.dispose();
  }
}

/** Applies non-overlapping edits to a text (last first, so earlier offsets stay valid). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line]! + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

export function fixTitled(finding: CodeFinding | undefined, prefix: string): TextEdit[] {
  const fix = finding?.fixes?.find((candidate) => candidate.title.startsWith(prefix));
  if (!fix) throw new Error(`no fix starting with "${prefix}" in ${JSON.stringify(finding?.fixes?.map((f) => f.title))}`);
  return [...fix.edits];
}
