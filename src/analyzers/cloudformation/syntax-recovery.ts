import type { Range } from '../../core/range';
import type { LineIndex } from '../line-index';
import { type ParsedTemplate, parseTemplate } from './parse-template';
import { type CfnEntry, entry } from './template-node';

/**
 * Syntax errors in a template: the first one in plain words, and the resources a parser lost after it. The yaml
 * library keeps going after most errors, but an unclosed quote or a tab swallows the rest of the file, and in JSON
 * an unclosed string moves every later resource inside the broken one. So the broken resource is blanked out
 * (spaces, line breaks kept, so every position stays the same) from its logical id to the next line that starts
 * another logical id at the same indentation, and the text is parsed again; a few passes at most, each a full parse.
 * Which resources are whole is decided on the last parse (brokenResources).
 */
const MAX_RECOVERY_PASSES = 3;

export interface ReadableTemplate {
  /** The parse to check: of the text, or of a copy with broken resources blanked out. */
  readonly template: ParsedTemplate;
  /** The first syntax error of the text as written. */
  readonly problem?: { readonly range: Range; readonly what: string };
}

export function readTemplate(text: string, syntax: 'yaml' | 'json'): ReadableTemplate {
  const original = parseTemplate(text, syntax);
  const first = firstError(original);
  if (!first) return { template: original };
  const end = Math.max(first.offset + first.length, first.offset + 1);
  const lineEnd = text.indexOf('\n', first.offset);
  const problem = { range: original.lines.range(first.offset, Math.min(end, lineEnd === -1 ? text.length : lineEnd)), what: first.message };
  let template = original;
  let current = text;
  for (let pass = 0; pass < MAX_RECOVERY_PASSES; pass++) {
    const error = firstError(template);
    const blanked = error ? blankBrokenResource(current, template, error.offset) : undefined;
    if (blanked === undefined) break;
    current = blanked;
    template = parseTemplate(current, syntax);
  }
  return { template, problem };
}

function firstError(template: ParsedTemplate): ParsedTemplate['errors'][number] | undefined {
  let first: ParsedTemplate['errors'][number] | undefined;
  for (const error of template.errors) if (!first || error.offset < first.offset) first = error;
  return first;
}

interface ResourceSpan {
  readonly entry: CfnEntry;
  readonly start: number;
  readonly end: number;
}

/**
 * The resources of a block-style or JSON `Resources` map, each from its logical id to the next one. The last one
 * runs to the next top-level YAML key (the parser's map may stop short of the text it could not read), or just past
 * the JSON map's end (where an unfinished text stops).
 */
function resourceSpans(template: ParsedTemplate): ResourceSpan[] {
  const resources = entry(template.root, 'Resources')?.value;
  if (resources?.kind !== 'map' || (template.syntax === 'yaml' && resources.flow)) return [];
  const entries = resources.entries;
  const last = entries[entries.length - 1];
  const lastEnd = !last
    ? 0
    : template.syntax === 'json'
      ? resources.endOffset + 1
      : nextTopLevelLine(template.lines, template.lines.position(last.keyStartOffset).line + 1);
  return entries.map((resource, index) => ({
    entry: resource,
    start: resource.keyStartOffset,
    end: entries[index + 1]?.keyStartOffset ?? lastEnd,
  }));
}

/** The offset of the first line from `line` on that starts at column 0 with a key (not a comment); else the end. */
function nextTopLevelLine(lines: LineIndex, line: number): number {
  for (; line < lines.lineCount; line++) if (/^[^\s#]/.test(lines.lineText(line))) return lines.lineStart(line);
  return lines.text.length + 1;
}

/**
 * The resource an error belongs to. An error right at a logical id is the previous resource's: a parser notices an
 * unclosed collection or a bad indentation only where the next resource begins.
 */
function spanOf(spans: readonly ResourceSpan[], offset: number): ResourceSpan | undefined {
  // The last span starting at or before `offset` (spans are in text order; a template may have thousands).
  let low = 0;
  let high = spans.length - 1;
  let index = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (spans[mid]!.start <= offset) {
      index = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  const span = spans[index];
  if (!span || offset >= span.end) return undefined;
  return offset === span.start && index > 0 ? spans[index - 1] : span;
}

function onlyBlanksBetween(text: string, from: number, to: number): boolean {
  return from <= to && /^[ \t]*$/.test(text.slice(from, to));
}

/** Logical ids of the resources that hold a syntax error: they are not whole, so they are not judged. */
export function brokenResources(template: ParsedTemplate): Set<CfnEntry> {
  const broken = new Set<CfnEntry>();
  if (template.errors.length === 0) return broken;
  const spans = resourceSpans(template);
  for (const error of template.errors) {
    const span = spanOf(spans, error.offset);
    if (span) broken.add(span.entry);
  }
  return broken;
}

/**
 * `text` with the resource holding the error at `offset` blanked out, up to the next line indented like its logical
 * id that starts another one; undefined when the error is in no resource or nothing follows it.
 */
function blankBrokenResource(text: string, template: ParsedTemplate, offset: number): string | undefined {
  const span = spanOf(resourceSpans(template), offset);
  if (!span) return undefined;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const indent = text.slice(lineStart, span.start);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const keyStart = template.syntax === 'json' ? /"/ : /[^\s#\-}\]]/;
  const lines = template.lines;
  const errorPosition = lines.position(offset);
  // An error at the start of its line may be where the next resource starts (see spanOf): reading resumes there.
  const atLineStart = onlyBlanksBetween(text, lines.lineStart(errorPosition.line), offset);
  const keyLine = lines.position(span.start).line;
  for (let line = Math.max(keyLine + 1, atLineStart ? errorPosition.line : errorPosition.line + 1); line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    if (content.startsWith(indent) && keyStart.test(content.charAt(indent.length))) {
      const restart = lines.lineStart(line);
      return text.slice(0, lineStart) + text.slice(lineStart, restart).replace(/[^\r\n]/g, ' ') + text.slice(restart);
    }
  }
  return undefined;
}
