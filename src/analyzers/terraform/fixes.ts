import * as path from 'node:path';
import type { CodeFix } from '../../core/code-finding';
import type { Position, TextEdit } from '../../core/range';
import type { RequiredTag } from '../../core/tag-policy';
import type { SyntaxNode } from '../parser-runtime';
import { escapeSnippet, missingTagsFixTitle, valueSnippet } from '../tag-findings';
import { type BlockShape, attributeExpression, bodyAttributes, nodeRange, unwrap } from './hcl-nodes';
import type { ProviderInfo } from './module-model';

/**
 * Quick fixes for Terraform: minimal insertions computed from node ranges, in the file's own style (key quoting,
 * `=` or `:`, indentation, alignment). Values are snippet placeholders; allowed values are choices.
 */
export class TerraformFixBuilder {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  private indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lines[line] ?? '')![0];
  }

  private unitCache: string | undefined;

  /** The file's indentation unit (fix texts depend on it, so cached results must too). */
  unit(): string {
    this.unitCache ??= this.detectUnit();
    return this.unitCache;
  }

  private detectUnit(): string {
    // The file's indentation unit: the smallest non-zero indentation seen, else two spaces.
    let best: string | undefined;
    for (const line of this.lines.slice(0, 400)) {
      const indent = /^[ \t]+/.exec(line)?.[0];
      if (indent && line.trim() && (!best || indent.length < best.length)) best = indent;
    }
    return best ?? '  ';
  }

  private isBlankBefore(position: Position): boolean {
    return (this.lines[position.line] ?? '').slice(0, position.character).trim() === '';
  }

  /** Insert entries for `missing` into an object literal `{ ... }`. */
  insertIntoObject(object: SyntaxNode, missing: readonly RequiredTag[], attributeIndent: string): TextEdit {
    const elements = object.namedChildren.filter((child): child is SyntaxNode => child?.type === 'object_elem');
    const last = elements[elements.length - 1];
    if (!last) {
      const inner = attributeIndent + this.unit();
      const body = missing
        .map((requirement, i) => `${inner}${formatKey(requirement.key, false)} = ${quoteValue(requirement, i + 1)}`)
        .join('\n');
      return { range: nodeRange(object), newText: `{\n${body}\n${attributeIndent}}` };
    }
    const keyNode = last.childForFieldName('key');
    const quoted = keyNode ? unwrap(keyNode).type === 'string_lit' : false;
    const separator = last.children.find((child) => child?.type === ':' || child?.text === ':') ? ':' : '=';
    const lastRange = nodeRange(last);
    const openLine = nodeRange(object).start.line;
    const afterLast = (this.lines[lastRange.end.line] ?? '').slice(lastRange.end.character);
    const trailingComma = /^\s*,/.test(afterLast);
    if (lastRange.start.line === openLine) {
      // One-line object: `{ a = "b" }` -> `{ a = "b", C = "d" }`
      const text = missing
        .map((requirement, i) => `, ${formatKey(requirement.key, quoted)} ${separator} ${quoteValue(requirement, i + 1)}`)
        .join('');
      return { range: { start: lastRange.end, end: lastRange.end }, newText: text };
    }
    const indent = this.indentOf(lastRange.start.line);
    const keyText = keyNode ? keyNode.text : '';
    const lastLine = this.lines[lastRange.start.line] ?? '';
    const separatorColumn = lastLine.indexOf(separator, lastRange.start.character + keyText.length);
    const alignTo = separatorColumn > 0 ? separatorColumn - indent.length : 0;
    const gap = separatorColumn - (lastRange.start.character + keyText.length);
    const entries = missing.map((requirement, i) => {
      const key = formatKey(requirement.key, quoted);
      const padded = separatorColumn > 0 && gap <= 0 ? key : alignTo > key.length ? key.padEnd(alignTo) : `${key} `;
      return `${indent}${padded}${separator} ${quoteValue(requirement, i + 1)}${trailingComma ? ',' : ''}`;
    });
    // Whole lines inserted at the start of the next line: editors re-indent snippet lines relative to the
    // insertion point, which is then column 0.
    if (/^\s*,?\s*(#.*|\/\/.*)?$/.test(afterLast) && lastRange.end.line + 1 < this.lines.length) {
      const at = { line: lastRange.end.line + 1, character: 0 };
      return { range: { start: at, end: at }, newText: entries.map((entry) => `${entry}\n`).join('') };
    }
    const at = trailingComma
      ? { line: lastRange.end.line, character: lastRange.end.character + afterLast.indexOf(',') + 1 }
      : lastRange.end;
    return { range: { start: at, end: at }, newText: entries.map((entry) => `\n${entry}`).join('') };
  }

  /** Where a block's closing brace is and on which line its first member starts, read with a cursor. */
  private blockShape(block: SyntaxNode): BlockShape {
    const start = block.startPosition;
    let endBrace: Position | undefined;
    let firstMemberLine: number | undefined;
    const cursor = block.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do {
          const type: string = cursor.nodeType;
          if (type === 'block_end' && cursor.endIndex > cursor.startIndex) {
            const position = cursor.startPosition;
            endBrace = { line: position.row, character: position.column };
          } else if (type === 'body' && firstMemberLine === undefined && cursor.gotoFirstChild()) {
            firstMemberLine = cursor.startPosition.row;
            cursor.gotoParent();
          }
        } while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    return { startLine: start.row, ...(endBrace ? { endBrace } : {}), ...(firstMemberLine !== undefined ? { firstMemberLine } : {}) };
  }

  /** Text inserted before a block's closing brace, on its own lines, indented one level inside the block. */
  private insertBeforeBlockEnd(block: SyntaxNode, lines: (inner: string) => string, knownShape?: BlockShape): TextEdit | undefined {
    const shape = knownShape ?? this.blockShape(block);
    if (!shape.endBrace) return undefined;
    const blockIndent = this.indentOf(shape.startLine);
    const inner =
      shape.firstMemberLine !== undefined && shape.firstMemberLine !== shape.startLine
        ? this.indentOf(shape.firstMemberLine)
        : blockIndent + this.unit();
    const endPosition = shape.endBrace;
    if (this.isBlankBefore(endPosition) && endPosition.line > shape.startLine) {
      const at = { line: endPosition.line, character: 0 };
      return { range: { start: at, end: at }, newText: `${lines(inner)}\n` };
    }
    return { range: { start: endPosition, end: endPosition }, newText: `\n${lines(inner)}\n${blockIndent}` };
  }

  private tagsObjectText(missing: readonly RequiredTag[], inner: string): string {
    const entryIndent = inner + this.unit();
    const entries = missing
      .map((requirement, i) => `${entryIndent}${formatKey(requirement.key, false)} = ${quoteValue(requirement, i + 1)}`)
      .join('\n');
    return `{\n${entries}\n${inner}}`;
  }

  /**
   * Fix for a resource: into its tags map, a `merge()` around a reference, a new `tags`, or ASG `tag {}` blocks.
   * `shape` saves a second walk of the block when the caller already read it (blockParts).
   */
  resourceFix(
    block: SyntaxNode,
    type: string,
    missing: readonly RequiredTag[],
    knownTagsAttribute?: SyntaxNode | null,
    shape?: BlockShape,
  ): CodeFix | undefined {
    const title = missingTagsFixTitle(missing);
    // `null`: the caller knows there is none; `undefined`: look it up.
    const tagsAttribute = knownTagsAttribute === undefined ? bodyAttributes(block).get('tags') : (knownTagsAttribute ?? undefined);
    let edit: TextEdit | undefined;
    if (type === 'aws_autoscaling_group' && !tagsAttribute) {
      edit = this.insertBeforeBlockEnd(
        block,
        (inner) => {
          const field = inner + this.unit();
          return missing
            .map(
              (requirement, i) =>
                `${inner}tag {\n${field}key                 = "${escapeSnippet(requirement.key)}"\n${field}value               = ${quoteValue(requirement, i + 1)}\n${field}propagate_at_launch = true\n${inner}}`,
            )
            .join('\n');
        },
        shape,
      );
    } else if (tagsAttribute) {
      edit = this.editTagsAttribute(tagsAttribute, missing);
    } else {
      edit = this.insertBeforeBlockEnd(block, (inner) => `${inner}tags = ${this.tagsObjectText(missing, inner)}`, shape);
    }
    return edit ? { title, edits: [edit], isSnippet: true, isPreferred: true, fixAll: true } : undefined;
  }

  private editTagsAttribute(attribute: SyntaxNode, missing: readonly RequiredTag[]): TextEdit | undefined {
    const expression = attributeExpression(attribute);
    if (!expression) return undefined;
    const indent = this.indentOf(nodeRange(attribute).start.line);
    const value = unwrap(expression);
    if (value.type === 'object') return this.insertIntoObject(value, missing, indent);
    if (value.type === 'function_call' && value.namedChildren[0]?.text === 'merge') {
      const args = value.namedChildren.find((child) => child?.type === 'function_arguments');
      const lastArg = args?.namedChildren.filter((child): child is SyntaxNode => child?.type === 'expression').pop();
      if (lastArg && unwrap(lastArg).type === 'object') return this.insertIntoObject(unwrap(lastArg), missing, indent);
    }
    if (value.type === 'tuple') return undefined;
    // A reference (`local.common`): extend it here rather than editing a value other resources share.
    const entries = missing.map((requirement, i) => `${formatKey(requirement.key, false)} = ${quoteValue(requirement, i + 1)}`).join(', ');
    const range = nodeRange(expression);
    return { range, newText: `merge(${escapeSnippet(expression.text)}, { ${entries} })` };
  }

  private readonly providerFixes = new Map<string, CodeFix | undefined>();

  /** Fix through the provider: add the keys to its default_tags (creating the block if needed). */
  providerFix(provider: ProviderInfo, missing: readonly RequiredTag[]): CodeFix | undefined {
    // Many resources share one provider and the same missing keys: build that edit once.
    const id = `${provider.file}\u0000${provider.alias}\u0000${JSON.stringify(missing.map((r) => [r.key, r.allowedValues]))}`;
    if (!this.providerFixes.has(id)) this.providerFixes.set(id, this.buildProviderFix(provider, missing));
    return this.providerFixes.get(id);
  }

  private buildProviderFix(provider: ProviderInfo, missing: readonly RequiredTag[]): CodeFix | undefined {
    // Named so that two aws providers in one module cannot be confused: the default one, or aws.<alias>.
    const name = provider.alias ? `provider aws.${provider.alias}` : 'the default aws provider';
    const title = missingTagsFixTitle(
      missing,
      `default_tags of ${name} (${path.basename(provider.file)}:${provider.block.startPosition.row + 1})`,
    );
    let edit: TextEdit | undefined;
    if (provider.defaultTagsAttribute) {
      const expression = attributeExpression(provider.defaultTagsAttribute);
      const value = expression ? unwrap(expression) : undefined;
      if (value?.type === 'object')
        edit = this.insertIntoObject(value, missing, this.indentOf(nodeRange(provider.defaultTagsAttribute).start.line));
    } else if (provider.defaultTagsBlock) {
      edit = this.insertBeforeBlockEnd(provider.defaultTagsBlock, (inner) => `${inner}tags = ${this.tagsObjectText(missing, inner)}`);
    } else {
      edit = this.insertBeforeBlockEnd(provider.block, (inner) => {
        const nested = inner + this.unit();
        return `${inner}default_tags {\n${nested}tags = ${this.tagsObjectText(missing, nested)}\n${inner}}`;
      });
    }
    return edit ? { title, edits: [edit], isSnippet: true } : undefined;
  }
}

function formatKey(key: string, quoted: boolean): string {
  return !quoted && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `"${escapeSnippet(key.replace(/["\\]/g, (c) => `\\${c}`))}"`;
}

function quoteValue(requirement: RequiredTag, index: number): string {
  return `"${valueSnippet(requirement, index)}"`;
}
