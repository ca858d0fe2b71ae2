import type { SyntaxNode } from '../parser-runtime';
import type { Span, StatementPlace, Stmt } from './program';

/** What both program readers share: offsets, statement places, the statement cache, plain objects. */
export function placeOf(node: SyntaxNode, text: string): StatementPlace {
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, node.startIndex))![0];
  return { startOffset: node.startIndex, endOffset: node.endIndex, indent };
}

/** A node's offsets relative to its statement; the end only where it is used (calls, strings): it costs a call into WASM. */
export function spanOf(node: SyntaxNode, base: number, withEnd = false): Span {
  const start = node.startIndex - base;
  return { start, end: withEnd ? node.endIndex - base : start };
}

/** `include_resource_types` -> `includeResourceTypes`: Python keywords read as the TypeScript props they are. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, c: string) => c.toUpperCase());
}

/** A statement without its place, which is where it is now. */
export type PlacelessStmt = Stmt extends infer S ? (S extends { place: StatementPlace } ? Omit<S, 'place'> : S) : never;

/**
 * Statements read before, by their exact text: an edit rereads only the statements it touched. Entries not used by
 * the latest read are dropped after it, so the cache holds one document's statements at most.
 */
/** A part of a program as read (statements, a class's header): what the evaluator reads of it, offsets left out. */
export class ProgramPart {
  private text: string | undefined;

  constructor(private readonly content: unknown) {}

  /** Worked out only when compared: most parts are compared by identity (the same cached statements). */
  get fingerprint(): string {
    this.text ??= fingerprintOf(this.content);
    return this.text;
  }
}

export class ReadStatements extends ProgramPart {
  constructor(readonly statements: PlacelessStmt[]) {
    super(statements);
  }
}

/** True when two reads of a program give the same construct tree and tags, wherever their statements sit. */
export function sameProgram(before: readonly ProgramPart[], after: readonly ProgramPart[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i] && before[i]!.fingerprint !== after[i]!.fingerprint) return false;
  return true;
}

export class StatementCache {
  private entries = new Map<string, ReadStatements>();
  private used = new Map<string, ReadStatements>();

  get(text: string): ReadStatements | undefined {
    const hit = this.entries.get(text) ?? this.used.get(text);
    if (hit) this.used.set(text, hit);
    return hit;
  }

  set(text: string, read: ReadStatements): void {
    this.used.set(text, read);
  }

  /** Ends one read of the document. */
  sweep(): void {
    this.entries = this.used;
    this.used = new Map();
  }
}

export function withPlace(statement: PlacelessStmt, place: StatementPlace): Stmt {
  return (statement.kind === 'bind' || statement.kind === 'expr' ? { ...statement, place } : statement) as Stmt;
}

/** Text that makes an object literal worth reading whole: a call, a spread, a template, or a key about tags. */
const NOT_PLAIN = /[(`]|\.\.\.|\*\*|tags|priority|resource_?types|launched_?instances/i;
const IDENTIFIER = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?/g;

/** The names a plain object literal mentions (`this.logs` as one), or undefined when it is not plain. */
export function plainObjectNames(source: string): string[] | undefined {
  if (NOT_PLAIN.test(source)) return undefined;
  return [...new Set(source.match(IDENTIFIER) ?? [])];
}

/**
 * Everything the evaluator reads of program parts, without offsets: two programs with the same fingerprint build
 * the same construct tree with the same tags, wherever their statements sit.
 */
export function fingerprintOf(value: unknown): string {
  return JSON.stringify(value, (key, part: unknown) =>
    key === 'span' || key === 'place' ? undefined : part instanceof Map ? [...part] : part,
  );
}
