/**
 * The few shapes of a CDK program that decide its tags, the same for TypeScript and Python: what each language's
 * reader (typescript-program.ts, python-program.ts) makes of its syntax tree, and what evaluate.ts walks. Anything
 * else in the source is `other` (its values unknown) or an `opaque` statement (control flow, functions: code that
 * may or may not run, once or many times). Offsets (`Span`) are relative to the start of the statement holding the
 * expression, so that a statement read once is reused, unchanged, wherever an edit moves it.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'this'; readonly span: Span }
  | { readonly kind: 'member'; readonly object: Expr; readonly property: string; readonly span: Span }
  | {
      readonly kind: 'call';
      readonly callee: Expr;
      readonly args: readonly Expr[];
      readonly keywords: ReadonlyMap<string, Expr>;
      readonly keywordSpreads: readonly Expr[];
      readonly isNew: boolean;
      readonly span: Span;
    }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: Span }
  | {
      readonly kind: 'object';
      readonly entries: ReadonlyArray<{ readonly key: string; readonly value: Expr }>;
      readonly complete: boolean;
      readonly span: Span;
    }
  | { readonly kind: 'array'; readonly items: readonly Expr[]; readonly complete: boolean; readonly span: Span }
  /**
   * An object literal with no call, spread or tag-related key in it (`{ versioned: true }`): complete, and of
   * no interest but for the names it mentions (a construct named in it escapes when handed to unknown code).
   */
  | { readonly kind: 'plain-object'; readonly names: readonly string[]; readonly span: Span }
  | { readonly kind: 'other'; readonly span: Span };

export interface StatementPlace {
  /** Offset just past the statement (after `;` in TypeScript), where a quick fix inserts its line. */
  readonly endOffset: number;
  /** Offset where the statement starts, where a quick fix binds an unnamed construct to a name. */
  readonly startOffset: number;
  readonly indent: string;
}

export type Stmt =
  | { readonly kind: 'bind'; readonly target: string; readonly value: Expr; readonly place: StatementPlace }
  | { readonly kind: 'expr'; readonly value: Expr; readonly place: StatementPlace }
  | {
      readonly kind: 'class';
      readonly name: string;
      readonly superclass?: Expr;
      readonly ctor?: Constructor;
      readonly others: readonly Expr[];
    }
  | { readonly kind: 'import'; readonly bindings: readonly ImportBinding[] }
  /** Code that may run any number of times, or never: only the calls in it are kept, each judged on its own. */
  | { readonly kind: 'opaque'; readonly calls: readonly Expr[] };

export interface Constructor {
  /** Positional parameters, in order (`scope`, `id`, `props`; Python's `self` left out). */
  readonly params: readonly string[];
  /** Python's `**kwargs`. */
  readonly keywordsParam?: string;
  readonly body: readonly Stmt[];
}

export interface ImportBinding {
  readonly local: string;
  /** The module as written: `aws-cdk-lib`, `aws-cdk-lib/aws-s3`, `aws_cdk.aws_s3`, `constructs`. */
  readonly module: string;
  /** The imported member; undefined when the local name is the module itself (`import * as s3`, `import aws_cdk as cdk`). */
  readonly member?: string;
}

import type { ProgramPart } from './syntax';

export interface CdkProgram {
  readonly language: 'typescript' | 'python';
  readonly statements: readonly Stmt[];
  /** The program's parts as read, for telling whether an edit changed anything evaluation reads (syntax.ts). */
  readonly parts?: readonly ProgramPart[];
}
