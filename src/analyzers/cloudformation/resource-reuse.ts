import type { CodeFinding } from '../../core/code-finding';
import type { Range } from '../../core/range';
import type { TagPolicy } from '../../core/tag-policy';
import type { TextChange } from '../document-analyzer';
import { type ParsedTemplate, parseTemplate } from './parse-template';
import { isForEachKey } from './for-each';
import { checkTemplate } from './tag-check';
import { entry } from './template-node';

/**
 * YAML has no incremental parser, so a one-character edit in a 20,000-line template would reparse all of it.
 * When an edit stays inside one resource of a block-style `Resources` map and keeps every line break, only that
 * resource is parsed again (as a small template of its own, its positions shifted back into place) and the other
 * resources keep their findings. SAM `Globals` (whose tags apply to serverless resources) go into that small
 * template too when they come before `Resources`. Several changes (keystrokes typed during the debounce) are
 * replayed one at a time. Anything else (line breaks, Globals after Resources, duplicate ids) falls back to a full
 * parse. The fuzz tests compare this path with a full parse.
 */
interface ResourceSlot {
  readonly key: string;
  /** Offset of the logical id, and of the next resource's logical id (or the end of the map). */
  start: number;
  end: number;
  findings: CodeFinding[];
}

export interface TemplateSnapshot {
  readonly text: string;
  readonly policy: TagPolicy;
  readonly slots: ResourceSlot[];
  /** Offsets of the whole `Globals` section (its lines), when the template has one before `Resources`. */
  readonly globals?: { readonly start: number; readonly end: number };
}

/** Findings of a full parse, grouped per resource for later reuse (undefined when reuse is not safe). */
export function snapshotOf(
  text: string,
  template: ParsedTemplate,
  findings: readonly CodeFinding[],
  policy: TagPolicy,
): TemplateSnapshot | undefined {
  if (template.syntax !== 'yaml' || template.errors.length > 0 || template.root?.kind !== 'map') return undefined;
  const resources = entry(template.root, 'Resources')?.value;
  if (resources?.kind !== 'map' || resources.flow || resources.entries.length === 0) return undefined;
  const topLevel = template.root.entries;
  const globalsIndex = topLevel.findIndex((e) => e.key === 'Globals');
  let globals: TemplateSnapshot['globals'];
  if (globalsIndex >= 0) {
    const next = topLevel[globalsIndex + 1];
    const globalsEntry = topLevel[globalsIndex]!;
    if (!next || next.keyStartOffset > resources.startOffset || globalsEntry.value?.kind !== 'map' || globalsEntry.value.flow)
      return undefined;
    const start = text.lastIndexOf('\n', globalsEntry.keyStartOffset - 1) + 1;
    const end = text.lastIndexOf('\n', next.keyStartOffset - 1) + 1;
    // Only a section that starts at column 0 and ends with its own line can be lifted out whole.
    if (start !== globalsEntry.keyStartOffset || end <= start) return undefined;
    globals = { start, end };
  }
  const keys = resources.entries.map((e) => e.key);
  // A loop's resources depend on Parameters, which a one-resource snippet lacks.
  if (new Set(keys).size !== keys.length || keys.some(isForEachKey)) return undefined;
  const slots: ResourceSlot[] = resources.entries.map((resource, index) => ({
    key: resource.key,
    start: resource.keyStartOffset,
    end: resources.entries[index + 1]?.keyStartOffset ?? resources.endOffset,
    findings: [],
  }));
  const byKey = new Map(slots.map((slot) => [slot.key, slot]));
  for (const finding of findings) {
    const slot = finding.resource !== undefined ? byKey.get(finding.resource) : undefined;
    if (!slot) return undefined;
    slot.findings.push(finding);
  }
  return { text, policy, slots, ...(globals ? { globals } : {}) };
}

function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

function shiftFinding(finding: CodeFinding, lines: number): CodeFinding {
  return {
    ...finding,
    range: shiftRange(finding.range, lines),
    ...(finding.fixes
      ? {
          fixes: finding.fixes.map((fix) => ({
            ...fix,
            edits: fix.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, lines) })),
          })),
        }
      : {}),
  };
}

/**
 * The findings after `changes` (applied one after another, each within one resource), from the snapshot and a
 * parse of each edited resource; undefined to fall back to a full parse.
 */
export function reuseAfterEdits(
  snapshot: TemplateSnapshot,
  text: string,
  changes: readonly TextChange[] | undefined,
  policy: TagPolicy,
): { findings: CodeFinding[]; snapshot: TemplateSnapshot } | undefined {
  if (!changes || changes.length === 0) return undefined;
  let current = snapshot;
  let result: { findings: CodeFinding[]; snapshot: TemplateSnapshot } | undefined;
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index]!;
    const next =
      index === changes.length - 1
        ? text
        : current.text.slice(0, change.rangeOffset) + change.text + current.text.slice(change.rangeOffset + change.rangeLength);
    result = reuseAfterEdit(current, next, [change], policy);
    if (!result) return undefined;
    current = result.snapshot;
  }
  return result;
}

/** The findings after one change, from the snapshot and a parse of the one edited resource; undefined to fall back. */
export function reuseAfterEdit(
  snapshot: TemplateSnapshot,
  text: string,
  changes: readonly TextChange[] | undefined,
  policy: TagPolicy,
): { findings: CodeFinding[]; snapshot: TemplateSnapshot } | undefined {
  if (!changes || changes.length !== 1 || policy !== snapshot.policy) return undefined;
  const change = changes[0]!;
  const removed = snapshot.text.slice(change.rangeOffset, change.rangeOffset + change.rangeLength);
  if (removed.includes('\n') || change.text.includes('\n') || removed.includes('\r') || change.text.includes('\r')) return undefined;
  if (snapshot.text.length - change.rangeLength + change.text.length !== text.length) return undefined;
  const index = snapshot.slots.findIndex((slot) => change.rangeOffset > slot.start && change.rangeOffset + change.rangeLength < slot.end);
  const slot = snapshot.slots[index];
  if (!slot) return undefined;
  const delta = change.text.length - change.rangeLength;
  // The edit must end before the line of the next logical id, whose column it would otherwise move.
  const nextKeyLineStart = snapshot.text.lastIndexOf('\n', slot.end - 1) + 1;
  if (change.rangeOffset + change.rangeLength > nextKeyLineStart && index < snapshot.slots.length - 1) return undefined;
  const lineStart = text.lastIndexOf('\n', slot.start - 1) + 1;
  const newEnd = slot.end + delta;
  // Every later line of the resource must stay indented deeper than its logical id, or the edit changed the
  // template's structure beyond this resource (a line at the id's column starts something else).
  const keyColumn = slot.start - lineStart;
  const laterLines = text.slice(lineStart, newEnd).split('\n').slice(1);
  if (laterLines.some((line) => line.trim() !== '' && (/^ */.exec(line)![0].length <= keyColumn || /^ *\t/.test(line)))) return undefined;
  if (snapshot.globals && change.rangeOffset < snapshot.globals.end) return undefined;
  const globalsText = snapshot.globals ? text.slice(snapshot.globals.start, snapshot.globals.end) : '';
  const prefix = `${globalsText}Resources:\n`;
  const snippet = prefix + text.slice(lineStart, newEnd);
  const lineDelta = countLines(text, lineStart) - countLines(prefix, prefix.length);
  const template = parseTemplate(snippet, 'yaml');
  const resources = entry(template.root, 'Resources')?.value;
  if (template.errors.length > 0 || resources?.kind !== 'map' || resources.entries.length !== 1 || resources.entries[0]!.key !== slot.key)
    return undefined;
  const fresh = checkTemplate(template, policy).map((finding) => shiftFinding(finding, lineDelta));
  if (fresh.some((finding) => finding.resource !== slot.key)) return undefined;
  const slots = snapshot.slots.map((other, i) =>
    i === index
      ? { ...other, end: newEnd, findings: fresh }
      : i > index
        ? { ...other, start: other.start + delta, end: other.end + delta }
        : other,
  );
  return {
    findings: slots.flatMap((s) => s.findings),
    snapshot: { text, policy, slots, ...(snapshot.globals ? { globals: snapshot.globals } : {}) },
  };
}

function countLines(text: string, offset: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
