import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformAnalyzer } from '../../../../src/analyzers/terraform/analyzer';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { diskSourceFiles } from '../../../../src/app/disk-source-files';
import { silentLogger } from '../../../../src/core/logger';
import type { TextEdit } from '../../../../src/core/range';
import type { RequiredTag, TagPolicy } from '../../../../src/core/tag-policy';
import { stripSnippet } from '../../../../src/report/code-snippet';

export function requireKeys(...keys: Array<string | Omit<RequiredTag, 'source'>>): TagPolicy {
  return {
    requirements: keys.map((key) => ({
      ...(typeof key === 'string' ? { key } : key),
      source: { kind: 'setting' as const, name: 'tagsight.requiredTags' },
    })),
  };
}

/** Analyses `files` (name -> text) as one module in a temp directory; returns the findings of `target`. */
export async function analyzeModule(
  files: Record<string, string>,
  target: string,
  policy: TagPolicy,
  additionalTaggableTypes?: string[],
): Promise<CodeFinding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-tf-'));
  const analyzer = new TerraformAnalyzer();
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const session = analyzer.createSession(path.join(dir, target));
    try {
      return await session.analyze(files[target]!, {
        policy,
        logger: silentLogger,
        files: diskSourceFiles,
        ...(additionalTaggableTypes ? { additionalTaggableTypes } : {}),
      });
    } finally {
      session.dispose();
    }
  } finally {
    analyzer.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function analyzeTf(text: string, policy: TagPolicy, additionalTaggableTypes?: string[]): Promise<CodeFinding[]> {
  return analyzeModule({ 'main.tf': text }, 'main.tf', policy, additionalTaggableTypes);
}

function offsetOf(text: string, line: number, character: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i]!.length + 1;
  return offset + character;
}

/** Applies edits (snippets resolved to their defaults) the way an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort(
    (a, b) => offsetOf(text, b.range.start.line, b.range.start.character) - offsetOf(text, a.range.start.line, a.range.start.character),
  );
  let result = text;
  for (const edit of sorted) {
    const start = offsetOf(text, edit.range.start.line, edit.range.start.character);
    const end = offsetOf(text, edit.range.end.line, edit.range.end.character);
    result = result.slice(0, start) + stripSnippet(edit.newText) + result.slice(end);
  }
  return result;
}
