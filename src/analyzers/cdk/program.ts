import type { Range } from '../../core/range';

/**
 * The few shapes of a CDK program that decide its tags, the same for TypeScript and Python: what each language's
 * reader (typescript-program.ts, python-program.ts) makes of its syntax tree, and what evaluate.ts walks. Anything
 * else in the source is `other` (its values unknown) or an `opaque` statement (control flow, functions: code that
 * may or may not run, once or many times).
 */
export type Expr =
  | { readonly kind: 'name'; readonly name: string; readonly range: Range }
  | { readonly kind: 'this'; readonly range: Range }
  | { readonly kind: 'member'; readonly object: Expr; readonly property: string; readonly range: Range }
  | { readonly kind: 'call'; readonly callee: Expr; readonly args: readonly Expr[]; readonly keywords: ReadonlyMap<string, Expr>; readonly keywordSpreads: readonly Expr[]; readonly isNew: boolean; readonly range: Range }
  | { readonly kind: 'string'; readonly value: string; readonly range: Range }
  | { readonly kind: 'number'; readonly value: number; readonly range: Range }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly range: Range }
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<{ readonly key: string; readonly value: Expr }>; readonly complete: boolean; readonly range: Range }
  | { readonly kind: 'array'; readonly items: readonly Expr[]; readonly complete: boolean; readonly range: Range }
  | { readonly kind: 'other'; readonly range: Range };

export interface StatementPlace {
  readonly range: Range;
  /** Offset just past the statement (after `;` in TypeScript), where a quick fix inserts its line. */
  readonly endOffset: number;
  /** Offset where the statement starts, where a quick fix binds an unnamed construct to a name. */
  readonly startOffset: number;
  readonly indent: string;
}

export type Stmt =
  | { readonly kind: 'bind'; readonly target: string; readonly value: Expr; readonly place: StatementPlace }
  | { readonly kind: 'expr'; readonly value: Expr; readonly place: StatementPlace }
  | { readonly kind: 'class'; readonly name: string; readonly superclass?: Expr; readonly ctor?: Constructor; readonly others: readonly Expr[] }
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

export interface CdkProgram {
  readonly language: 'typescript' | 'python';
  readonly statements: readonly Stmt[];
}
