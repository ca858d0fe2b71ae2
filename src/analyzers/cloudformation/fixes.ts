import type { CodeFix } from '../../core/code-finding';
import type { TextEdit } from '../../core/range';
import type { RequiredTag } from '../../core/tag-policy';
import type { LineIndex } from '../line-index';
import { escapeSnippet, missingTagsFixTitle, valueSnippet, yamlValueSnippet } from '../tag-findings';
import type { CfnTagShape } from '../taggable-types';
import type { CfnEntry, CfnMap, CfnNode } from './template-node';

/**
 * Quick fixes for CloudFormation: insertions at node boundaries in the file's own layout (YAML block or flow,
 * JSON), never a re-serialised template. Values are snippet placeholders; allowed values are choices.
 */
export interface CfnFixTarget {
  readonly resource: CfnMap;
  readonly properties?: CfnEntry;
  readonly tagsEntry?: CfnEntry;
  readonly tagProperty: string;
  readonly shape: CfnTagShape;
}

export function cloudFormationFix(
  lines: LineIndex,
  syntax: 'yaml' | 'json',
  target: CfnFixTarget,
  missing: readonly RequiredTag[],
): CodeFix | undefined {
  const edit = syntax === 'yaml' ? yamlEdit(lines, target, missing) : jsonEdit(lines, target, missing);
  if (!edit) return undefined;
  return { title: missingTagsFixTitle(missing), edits: [edit], isSnippet: true, isPreferred: true, fixAll: true };
}

function insertAt(lines: LineIndex, offset: number, newText: string): TextEdit {
  const position = lines.position(offset);
  return { range: { start: position, end: position }, newText };
}

/**
 * Whole lines after the node ending at `offset`: at the start of the next line when the rest of this one is
 * blank (editors re-indent snippet lines relative to the insertion point, which is then column 0), else after
 * the node on a new line.
 */
function insertLinesAfter(lines: LineIndex, nodeEnd: number, text: string): TextEdit {
  // YAML block nodes end after their line break: step back to the end of the node's last text.
  let offset = nodeEnd;
  while (offset > 0 && /\s/.test(lines.text[offset - 1]!)) offset--;
  const position = lines.position(offset);
  const rest = lines.lineText(position.line).slice(position.character);
  if (/^\s*$/.test(rest) && position.line + 1 < lines.lineCount) {
    const at = { line: position.line + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${text}\n` };
  }
  return insertAt(lines, offset, `\n${text}`);
}

function indentOfLine(lines: LineIndex, line: number): string {
  return /^[ \t]*/.exec(lines.lineText(line))![0];
}

function yamlScalar(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(key) ? escapeSnippet(key) : `"${escapeSnippet(key.replace(/["\\]/g, (c) => `\\${c}`))}"`;
}

/** Block-style YAML lines for the missing tags, each prefixed by `indent`. */
function yamlBlockItems(missing: readonly RequiredTag[], shape: CfnTagShape, indent: string): string[] {
  if (shape === 'map') return missing.map((r, i) => `${indent}${yamlScalar(r.key)}: ${yamlValueSnippet(r, i + 1)}`);
  return missing.map((r, i) => {
    const lines = [`${indent}- Key: ${yamlScalar(r.key)}`, `${indent}  Value: ${yamlValueSnippet(r, i + 1)}`];
    if (shape === 'asg') lines.push(`${indent}  PropagateAtLaunch: true`);
    return lines.join('\n');
  });
}

function yamlFlowItems(missing: readonly RequiredTag[], shape: CfnTagShape): string[] {
  if (shape === 'map') return missing.map((r, i) => `${yamlScalar(r.key)}: ${yamlValueSnippet(r, i + 1)}`);
  return missing.map(
    (r, i) => `{Key: ${yamlScalar(r.key)}, Value: ${yamlValueSnippet(r, i + 1)}${shape === 'asg' ? ', PropagateAtLaunch: true' : ''}}`,
  );
}

function unitOf(lines: LineIndex, parent: CfnMap, parentKeyColumn: number): string {
  const child = parent.entries[0];
  const width = child ? child.keyRange.start.character - parentKeyColumn : 2;
  return ' '.repeat(width > 0 ? width : 2);
}

function yamlEdit(lines: LineIndex, target: CfnFixTarget, missing: readonly RequiredTag[]): TextEdit | undefined {
  const tags = target.tagsEntry?.value;
  if (target.tagsEntry) {
    if (!tags) return undefined;
    if (tags.kind === 'seq' && target.shape !== 'map') {
      if (tags.flow) {
        const items = yamlFlowItems(missing, target.shape).join(', ');
        return tags.items.length === 0
          ? { range: tags.range, newText: `[${items}]` }
          : insertAt(lines, lastItemEnd(tags.items), `, ${items}`);
      }
      const last = tags.items[tags.items.length - 1]!;
      const lineText = lines.lineText(last.range.start.line);
      const dash = lineText.lastIndexOf('-', last.range.start.character);
      const indent = ' '.repeat(dash >= 0 ? dash : last.range.start.character);
      return insertLinesAfter(lines, last.endOffset, yamlBlockItems(missing, target.shape, indent).join('\n'));
    }
    if (tags.kind === 'map' && target.shape === 'map') {
      if (tags.flow || tags.entries.length === 0) {
        const items = yamlFlowItems(missing, 'map').join(', ');
        return tags.entries.length === 0 ? { range: tags.range, newText: `{${items}}` } : insertAt(lines, tags.endOffset - 1, `, ${items}`);
      }
      const indent = ' '.repeat(tags.entries[0]!.keyRange.start.character);
      const end = Math.max(...tags.entries.map((e) => e.value?.endOffset ?? e.keyStartOffset));
      return insertLinesAfter(lines, end, yamlBlockItems(missing, 'map', indent).join('\n'));
    }
    return undefined;
  }
  const resourceKeyColumn = target.resource.range.start.character;
  const properties = target.properties?.value;
  if (target.properties && properties?.kind === 'map' && !properties.flow && properties.entries.length > 0) {
    const column = properties.entries[0]!.keyRange.start.character;
    const indent = ' '.repeat(column);
    const unit = unitOf(lines, properties, target.properties.keyRange.start.character);
    const end = Math.max(...properties.entries.map((e) => e.value?.endOffset ?? e.keyStartOffset));
    return insertLinesAfter(
      lines,
      end,
      `${indent}${target.tagProperty}:\n${yamlBlockItems(missing, target.shape, indent + unit).join('\n')}`,
    );
  }
  const unit = unitOf(lines, target.resource, resourceKeyColumn) || '  ';
  if (target.properties && properties?.kind === 'map' && properties.entries.length === 0) {
    // `Properties: {}` becomes a block mapping holding the tags.
    const column = target.properties.keyRange.start.character;
    const indent = ' '.repeat(column) + unit;
    const keyEnd = lines.text.indexOf(':', target.properties.keyStartOffset);
    const start = lines.position(keyEnd);
    return {
      range: { start, end: properties.range.end },
      newText: `:\n${indent}${target.tagProperty}:\n${yamlBlockItems(missing, target.shape, indent + unit).join('\n')}`,
    };
  }
  if (target.properties) return undefined;
  if (target.resource.flow || target.resource.entries.length === 0) return undefined;
  const indent = ' '.repeat(target.resource.entries[0]!.keyRange.start.character);
  const end = Math.max(...target.resource.entries.map((e) => e.value?.endOffset ?? e.keyStartOffset));
  return insertLinesAfter(
    lines,
    end,
    `${indent}Properties:\n${indent}${unit}${target.tagProperty}:\n${yamlBlockItems(missing, target.shape, indent + unit + unit).join('\n')}`,
  );
}

function lastItemEnd(items: readonly CfnNode[]): number {
  return items[items.length - 1]!.endOffset;
}

function jsonString(text: string): string {
  return escapeSnippet(JSON.stringify(text));
}

function jsonItems(missing: readonly RequiredTag[], shape: CfnTagShape): string[] {
  if (shape === 'map') return missing.map((r, i) => `${jsonString(r.key)}: "${valueSnippet(r, i + 1)}"`);
  return missing.map(
    (r, i) =>
      `{ "Key": ${jsonString(r.key)}, "Value": "${valueSnippet(r, i + 1)}"${shape === 'asg' ? ', "PropagateAtLaunch": true' : ''} }`,
  );
}

function jsonEdit(lines: LineIndex, target: CfnFixTarget, missing: readonly RequiredTag[]): TextEdit | undefined {
  const items = jsonItems(missing, target.shape);
  const tags = target.tagsEntry?.value;
  const separatorFor = (node: CfnNode) => {
    const indent = indentOfLine(lines, node.range.start.line);
    return node.range.start.line === node.range.end.line ? ', ' : `,\n${indent}`;
  };
  if (target.tagsEntry) {
    if (tags?.kind === 'seq' && target.shape !== 'map') {
      if (tags.items.length === 0) return { range: tags.range, newText: `[ ${items.join(', ')} ]` };
      const last = tags.items[tags.items.length - 1]!;
      const sep = last.range.start.line === tags.range.start.line ? ', ' : `,\n${indentOfLine(lines, last.range.start.line)}`;
      return insertAt(lines, last.endOffset, sep + items.join(sep));
    }
    if (tags?.kind === 'map' && target.shape === 'map') {
      if (tags.entries.length === 0) return { range: tags.range, newText: `{ ${items.join(', ')} }` };
      const last = tags.entries[tags.entries.length - 1]!;
      const sep = last.keyRange.start.line === tags.range.start.line ? ', ' : `,\n${indentOfLine(lines, last.keyRange.start.line)}`;
      return insertAt(lines, last.value?.endOffset ?? last.keyStartOffset, sep + items.join(sep));
    }
    return undefined;
  }
  const tagsValue = target.shape === 'map' ? `{ ${items.join(', ')} }` : `[ ${items.join(', ')} ]`;
  const properties = target.properties?.value;
  if (properties?.kind === 'map') {
    if (properties.entries.length === 0) return { range: properties.range, newText: `{ ${jsonString(target.tagProperty)}: ${tagsValue} }` };
    const last = properties.entries[properties.entries.length - 1]!;
    const sep = last.keyRange.start.line === properties.range.start.line ? ', ' : `,\n${indentOfLine(lines, last.keyRange.start.line)}`;
    return insertAt(lines, last.value?.endOffset ?? last.keyStartOffset, `${sep}${jsonString(target.tagProperty)}: ${tagsValue}`);
  }
  if (target.properties) return undefined;
  const last = target.resource.entries[target.resource.entries.length - 1];
  if (!last?.value) return undefined;
  const sep = separatorFor(last.value).startsWith(',\n') ? `,\n${indentOfLine(lines, last.keyRange.start.line)}` : ', ';
  return insertAt(lines, last.value.endOffset, `${sep}"Properties": { ${jsonString(target.tagProperty)}: ${tagsValue} }`);
}
