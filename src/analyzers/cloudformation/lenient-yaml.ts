/**
 * CloudFormation and SAM read YAML with PyYAML, which does not check the indentation of the lines inside a quoted
 * scalar or a flow collection: `Value: 'first line` continued by a line at the key's column, or
 * `Policy: {` ... `}` with the braces' content at the key's column. YAML 1.2 (the yaml library) requires those lines
 * to be indented deeper than the key (or the sequence dash) that holds the value, and rejects the template.
 *
 * So where such a construct spans lines, its continuation lines that are not indented deeper than their parent
 * get the missing spaces in a shadow copy of the text. Indentation inside a quoted scalar or a flow collection
 * does not change the value (line folding drops leading white space), so the shadow builds the document PyYAML
 * builds; `toOriginal` maps every offset of the shadow back to the text as written, so diagnostics and edits keep
 * their exact positions. Only the spaces are added: anything else invalid stays invalid.
 */
export interface ShadowText {
  readonly text: string;
  /** Offset in the shadow -> offset in the original text (added spaces map to the start of their line). */
  toOriginal(offset: number): number;
}

interface Insertion {
  /** Offset in the original text (a line start). */
  readonly at: number;
  readonly count: number;
}

/** The shadow text, or undefined when no continuation line needs more indentation. */
export function reindentContinuations(text: string): ShadowText | undefined {
  const insertions = findInsertions(text);
  if (insertions.length === 0) return undefined;
  const parts: string[] = [];
  let from = 0;
  for (const insertion of insertions) {
    parts.push(text.slice(from, insertion.at), ' '.repeat(insertion.count));
    from = insertion.at;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), toOriginal: offsetMap(insertions) };
}

function offsetMap(insertions: readonly Insertion[]): (offset: number) => number {
  // Where each insertion starts in the shadow, and how many spaces precede it.
  const shadowStarts: number[] = [];
  const addedBefore: number[] = [];
  let added = 0;
  for (const insertion of insertions) {
    shadowStarts.push(insertion.at + added);
    addedBefore.push(added);
    added += insertion.count;
  }
  return (offset) => {
    let low = 0;
    let high = shadowStarts.length - 1;
    let index = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (shadowStarts[mid]! <= offset) {
        index = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (index < 0) return offset;
    const insertion = insertions[index]!;
    const inside = offset - shadowStarts[index]!;
    return inside < insertion.count ? insertion.at : offset - addedBefore[index]! - insertion.count;
  };
}

const MAX_FLOW_DEPTH = 100;

/**
 * A light scan of block-context lines: `- ` dashes, a `key:` (plain or quoted), tags and anchors, then the value.
 * A value opening a quote or a flow collection is followed to its end; block scalars are skipped whole.
 */
function findInsertions(text: string): Insertion[] {
  const insertions: Insertion[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    let at = skipSpaces(text, lineStart);
    let parentColumn = at - lineStart;
    let next = lineEnd + 1;
    if (at < lineEnd && text[at] !== '#' && !text.startsWith('---', at) && !text.startsWith('...', at)) {
      // `- - key: value`: each dash is a parent; a key is the parent of its value.
      while (text[at] === '-' && /[ \t\r\n]/.test(text[at + 1] ?? '\n')) {
        parentColumn = at - lineStart;
        at = skipSpaces(text, at + 1);
      }
      const keyEnd = keyEndAt(text, at, lineEnd);
      if (keyEnd !== undefined) {
        parentColumn = at - lineStart;
        at = skipSpaces(text, keyEnd);
      }
      at = skipProperties(text, at, lineEnd);
      const value = text[at];
      if (value === '|' || value === '>') {
        next = endOfBlockScalar(text, lineEnd + 1, parentColumn);
      } else if (value === '"' || value === "'" || value === '{' || value === '[') {
        const end = value === '{' || value === '[' ? endOfFlow(text, at) : endOfQuoted(text, at);
        if (end !== undefined && end > lineEnd) {
          reindent(text, lineEnd + 1, end, parentColumn + 1, insertions);
          next = endOfLine(text, end) + 1;
        }
      }
    }
    lineStart = next;
  }
  return insertions;
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (text[at] === ' ') at++;
  return at;
}

/** After `key:` (plain or quoted, on one line) at `at`, or undefined when the line holds no key there. */
function keyEndAt(text: string, at: number, lineEnd: number): number | undefined {
  const first = text[at];
  if (first === '"' || first === "'") {
    const close = endOfQuoted(text, at);
    if (close === undefined || close > lineEnd) return undefined;
    let after = close;
    while (text[after] === ' ') after++;
    return text[after] === ':' && /[ \t\r\n]/.test(text[after + 1] ?? '\n') ? after + 1 : undefined;
  }
  if (first === undefined || '{[|>!&*#%@`'.includes(first)) return undefined;
  for (let i = at; i < lineEnd; i++) {
    const c = text[i];
    if (c === '#' && /[ \t]/.test(text[i - 1] ?? '')) return undefined;
    if (c === ':' && /[ \t\r\n]/.test(text[i + 1] ?? '\n')) return i + 1;
  }
  return undefined;
}

/** Past `!Tag` and `&anchor` properties before a value. */
function skipProperties(text: string, from: number, lineEnd: number): number {
  let at = from;
  while (at < lineEnd && (text[at] === '!' || text[at] === '&')) {
    while (at < lineEnd && !/[ \t\r]/.test(text[at]!)) at++;
    at = skipSpaces(text, at);
  }
  return at;
}

/** The offset just past the closing quote of the scalar opening at `at`; undefined when it is not closed. */
function endOfQuoted(text: string, at: number): number | undefined {
  const quote = text[at]!;
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') {
      i++;
    } else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return undefined;
}

/** Just past the bracket closing the flow collection opening at `at`; undefined when it is not closed. */
function endOfFlow(text: string, at: number): number | undefined {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      if (++depth > MAX_FLOW_DEPTH) return undefined;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) return i + 1;
    } else if (c === '"' || c === "'") {
      // A quote opens a scalar only where a scalar can start; in `it's` it is part of a plain scalar.
      if (/[\s[{,:]/.test(text[i - 1] ?? ' ')) {
        const end = endOfQuoted(text, i);
        if (end === undefined) return undefined;
        i = end - 1;
      }
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      i = endOfLine(text, i) - 1;
    }
  }
  return undefined;
}

/** The start of the first line after a block scalar's content (lines deeper than its parent, or blank). */
function endOfBlockScalar(text: string, from: number, parentColumn: number): number {
  let lineStart = from;
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const indent = skipSpaces(text, lineStart) - lineStart;
    const blank = lineStart + indent >= lineEnd || text[lineStart + indent] === '\r';
    if (!blank && indent <= parentColumn) return lineStart;
    lineStart = lineEnd + 1;
  }
  return text.length;
}

/** Spaces for each non-blank line starting in [from, end) indented less than `minimum`. */
function reindent(text: string, from: number, end: number, minimum: number, insertions: Insertion[]): void {
  for (let lineStart = from; lineStart < end; lineStart = endOfLine(text, lineStart) + 1) {
    const indent = skipSpaces(text, lineStart) - lineStart;
    const first = text[lineStart + indent];
    if (first === '\n' || first === '\r' || first === undefined) continue;
    // A document marker ends a quoted scalar for PyYAML too: it stays an error.
    if (indent === 0 && /^(---|\.\.\.)(\s|$)/.test(text.slice(lineStart, lineStart + 4))) continue;
    if (indent < minimum) insertions.push({ at: lineStart, count: minimum - indent });
  }
}
