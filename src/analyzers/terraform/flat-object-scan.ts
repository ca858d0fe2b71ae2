import type { Position } from '../../core/range';

/**
 * A fast path for the commonest tag values, read from the text instead of the tree: a flat object literal
 * (`{ Owner = "x", Env = var.env }`) and `merge(local.a, { ... })`. Walking the tree crosses into WASM a dozen
 * times per object element; a file of thousands of resources spends most of its analysis there.
 *
 * Only called on nodes whose subtree has no syntax error, and it accepts only a strict subset of HCL: any other
 * shape (nested values, function calls, templates, heredocs, operators) returns undefined and the caller walks
 * the tree as before. Keys are identifiers or plain quoted strings; values are plain quoted strings or simple
 * tokens (numbers, booleans, `var.x`, `local.y`).
 */
export interface ScannedEntry {
  /** The key as written: an identifier, or a quoted string with its quotes. */
  readonly keySource: string;
  /** The value as written (a quoted string keeps its quotes). */
  readonly valueSource: string;
  readonly valueStart: Position;
  readonly valueEnd: Position;
}

export type ScannedArgument =
  { readonly kind: 'object'; readonly entries: ScannedEntry[] } | { readonly kind: 'local'; readonly name: string };

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const QUOTED_PLAIN = /"(?:[^"\\$%\n]|\\.|\$(?!\{)|%(?!\{))*"/y;
const SIMPLE_TOKEN = /[A-Za-z0-9_][A-Za-z0-9_.-]*/y;
const LOCAL = /local\.([A-Za-z_][A-Za-z0-9_-]*)/y;

class Scanner {
  private line: number;
  private character: number;

  constructor(
    private readonly text: string,
    public offset: number,
    start: Position,
  ) {
    this.line = start.line;
    this.character = start.character;
  }

  get position(): Position {
    return { line: this.line, character: this.character };
  }

  get atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  peek(): string {
    return this.text[this.offset] ?? '';
  }

  advance(count: number): void {
    for (let i = 0; i < count; i++) {
      if (this.text.charCodeAt(this.offset) === 10) {
        this.line++;
        this.character = 0;
      } else {
        this.character++;
      }
      this.offset++;
    }
  }

  /** Spaces, newlines and comments. False when a comment is not closed. */
  skipTrivia(): boolean {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.advance(1);
      else if (c === '#' || (c === '/' && this.text[this.offset + 1] === '/')) {
        while (!this.atEnd && this.peek() !== '\n') this.advance(1);
      } else if (c === '/' && this.text[this.offset + 1] === '*') {
        const close = this.text.indexOf('*/', this.offset + 2);
        if (close < 0) return false;
        this.advance(close + 2 - this.offset);
      } else return true;
    }
  }

  match(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.offset;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.advance(found[0].length);
    return found;
  }
}

/** `{ ... }` with the scanner at `{`; undefined for anything but a flat object. */
function scanObject(scanner: Scanner): ScannedEntry[] | undefined {
  if (scanner.peek() !== '{') return undefined;
  scanner.advance(1);
  const entries: ScannedEntry[] = [];
  for (;;) {
    if (!scanner.skipTrivia()) return undefined;
    if (scanner.peek() === '}') {
      scanner.advance(1);
      return entries;
    }
    const key = scanner.match(IDENTIFIER) ?? scanner.match(QUOTED_PLAIN);
    if (!key) return undefined;
    if (!scanner.skipTrivia()) return undefined;
    const separator = scanner.peek();
    if (separator !== '=' && separator !== ':') return undefined;
    scanner.advance(1);
    if (!scanner.skipTrivia()) return undefined;
    const valueStart = scanner.position;
    const value = scanner.match(QUOTED_PLAIN) ?? scanner.match(SIMPLE_TOKEN);
    if (!value) return undefined;
    entries.push({ keySource: key[0], valueSource: value[0], valueStart, valueEnd: scanner.position });
    // What follows a value must end it: a separator, a line break (trivia) or the closing brace.
    const next = scanner.peek();
    if (next === ',') scanner.advance(1);
    else if (next !== '}' && next !== ' ' && next !== '\t' && next !== '\n' && next !== '\r' && next !== '#' && next !== '/')
      return undefined;
  }
}

/** The whole of `text` is a flat object literal starting at `start`. */
export function scanFlatObject(text: string, start: Position): ScannedEntry[] | undefined {
  const scanner = new Scanner(text, 0, start);
  const entries = scanObject(scanner);
  if (!entries || !scanner.skipTrivia() || !scanner.atEnd) return undefined;
  return entries;
}

/** The whole of `text` is `merge(...)` of flat object literals and `local.x` references. */
export function scanMergeCall(text: string, start: Position): ScannedArgument[] | undefined {
  const scanner = new Scanner(text, 0, start);
  if (!text.startsWith('merge')) return undefined;
  scanner.advance(5);
  if (!scanner.skipTrivia() || scanner.peek() !== '(') return undefined;
  scanner.advance(1);
  const args: ScannedArgument[] = [];
  for (;;) {
    if (!scanner.skipTrivia()) return undefined;
    if (scanner.peek() === ')') {
      scanner.advance(1);
      break;
    }
    if (scanner.peek() === '{') {
      const entries = scanObject(scanner);
      if (!entries) return undefined;
      args.push({ kind: 'object', entries });
    } else {
      const local = scanner.match(LOCAL);
      // `local.x.y`, `local.x[0]` and the like are something else.
      if (!local || /[A-Za-z0-9_.[-]/.test(scanner.peek())) return undefined;
      args.push({ kind: 'local', name: local[1]! });
    }
    if (!scanner.skipTrivia()) return undefined;
    if (scanner.peek() === ',') scanner.advance(1);
    else if (scanner.peek() !== ')') return undefined;
  }
  if (!scanner.skipTrivia() || !scanner.atEnd || args.length === 0) return undefined;
  return args;
}
