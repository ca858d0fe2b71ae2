import type { SyntaxNode } from '../parser-runtime';
import type { CdkProgram, Constructor, Expr, ImportBinding, Stmt } from './program';
import {
  type PlacelessStmt,
  ProgramPart,
  ReadStatements,
  type StatementCache,
  camelCase,
  placeOf,
  plainObjectNames,
  spanOf,
  withPlace,
} from './syntax';

/**
 * A Python CDK program as program.ts shapes it. Keyword arguments are read under their TypeScript names
 * (`include_resource_types` as `includeResourceTypes`), so both languages meet the same evaluator; `self` is `this`.
 */
export function readPythonProgram(root: SyntaxNode, text: string, cache?: StatementCache): CdkProgram {
  const reader = new PythonReader(text, cache);
  const statements = reader.statements(root.namedChildren);
  cache?.sweep();
  return { language: 'python', statements, parts: reader.parts };
}

class PythonReader {
  /** Start of the statement being read: spans are relative to it. */
  private base = 0;
  /** What was read, in order (see ProgramPart). */
  readonly parts: ProgramPart[] = [];

  constructor(
    private readonly text: string,
    private readonly cache?: StatementCache,
  ) {}

  statements(nodes: ReadonlyArray<SyntaxNode | null>): Stmt[] {
    const statements: Stmt[] = [];
    for (const node of nodes) {
      if (!node) continue;
      const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
      if (definition?.type === 'class_definition') {
        statements.push(this.classOf(definition));
        continue;
      }
      const source = this.text.slice(node.startIndex, node.endIndex);
      let read: ReadStatements | undefined = this.cache?.get(source);
      if (!read) {
        this.base = node.startIndex;
        read = new ReadStatements(this.statementOf(node));
        this.cache?.set(source, read);
      }
      this.parts.push(read);
      if (read.statements.length === 0) continue;
      const place = placeOf(node, this.text);
      for (const statement of read.statements) statements.push(withPlace(statement, place));
    }
    return statements;
  }

  private statementOf(node: SyntaxNode): PlacelessStmt[] {
    switch (node.type) {
      case 'comment':
      case 'pass_statement':
        return [];
      case 'import_statement':
      case 'import_from_statement':
        return [{ kind: 'import', bindings: importBindings(node) }];
      case 'expression_statement': {
        const expression = node.namedChild(0);
        if (!expression) return [];
        if (expression.type === 'assignment') {
          const left = expression.childForFieldName('left');
          const right = expression.childForFieldName('right');
          const target =
            left?.type === 'identifier'
              ? left.text
              : left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self'
                ? `this.${left.childForFieldName('attribute')?.text ?? ''}`
                : undefined;
          if (right && target) return [{ kind: 'bind', target, value: this.exprOf(right) }];
          return [{ kind: 'opaque', calls: this.callsIn(expression) }];
        }
        if (expression.type === 'string') return [];
        return [{ kind: 'expr', value: this.exprOf(expression) }];
      }
      default:
        return [{ kind: 'opaque', calls: this.callsIn(node) }];
    }
  }

  private callsIn(node: SyntaxNode): Expr[] {
    const calls: Expr[] = node.type === 'call' ? [this.exprOf(node)] : [];
    for (const call of node.descendantsOfType('call')) if (call && call.id !== node.id) calls.push(this.exprOf(call));
    return calls;
  }

  private classOf(node: SyntaxNode): Stmt {
    const name = node.childForFieldName('name')?.text ?? '';
    const superNode = node
      .childForFieldName('superclasses')
      ?.namedChildren.find((child) => child && child.type !== 'keyword_argument' && child.type !== 'comment');
    this.base = node.startIndex;
    const superclass = superNode ? this.exprOf(superNode) : undefined;
    let ctor: Constructor | undefined;
    const others: Expr[] = [];
    for (const member of node.childForFieldName('body')?.namedChildren ?? []) {
      if (!member) continue;
      const definition = member.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
      if (
        definition?.type === 'function_definition' &&
        definition.childForFieldName('name')?.text === '__init__' &&
        member === definition
      ) {
        const body = definition.childForFieldName('body');
        ctor = { ...paramsOf(definition.childForFieldName('parameters')), body: body ? this.statements(body.namedChildren) : [] };
      } else {
        this.base = member.startIndex;
        others.push(...this.callsIn(member));
      }
    }
    this.parts.push(
      new ProgramPart({
        class: name,
        superclass,
        params: ctor?.params,
        keywordsParam: ctor && 'keywordsParam' in ctor ? ctor.keywordsParam : undefined,
        constructor: ctor !== undefined,
        others,
      }),
    );
    return { kind: 'class', name, ...(superclass ? { superclass } : {}), ...(ctor ? { ctor } : {}), others };
  }

  /** A dict read only as far as it matters when it is a call's argument (see plainObjectNames); nested ones whole. */
  private dictionaryOf(node: SyntaxNode, mayBePlain: boolean): Expr {
    const span = spanOf(node, this.base);
    const names = mayBePlain ? plainObjectNames(this.text.slice(node.startIndex, node.endIndex)) : undefined;
    if (names) return { kind: 'plain-object', names, span };
    const entries: Array<{ key: string; value: Expr }> = [];
    let complete = true;
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'pair') {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        const keyText = key ? stringValue(key) : undefined;
        if (keyText === undefined || !value) complete = false;
        else entries.push({ key: keyText, value: this.exprOf(value) });
      } else {
        complete = false;
        const inner = child.namedChild(0);
        if (inner) entries.push({ key: '\u0000spread', value: this.exprOf(inner) });
      }
    }
    return { kind: 'object', entries, complete, span };
  }

  private exprOf(node: SyntaxNode): Expr {
    const span = spanOf(node, this.base, node.type === 'call' || node.type === 'string');
    switch (node.type) {
      case 'identifier':
        return node.text === 'self' ? { kind: 'this', span } : { kind: 'name', name: node.text, span };
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attribute = node.childForFieldName('attribute');
        if (!object || !attribute) return { kind: 'other', span };
        return { kind: 'member', object: this.exprOf(object), property: attribute.text, span };
      }
      case 'call': {
        const callee = node.childForFieldName('function');
        const args = node.childForFieldName('arguments');
        if (!callee) return { kind: 'other', span };
        const positional: Expr[] = [];
        const keywords = new Map<string, Expr>();
        const keywordSpreads: Expr[] = [];
        let listSplat = false;
        for (const arg of args?.type === 'argument_list' ? args.namedChildren : []) {
          if (!arg || arg.type === 'comment') continue;
          if (arg.type === 'keyword_argument') {
            const name = arg.childForFieldName('name')?.text;
            const value = arg.childForFieldName('value');
            if (name && value)
              keywords.set(
                camelCase(name),
                value.type === 'dictionary' && !isTagKeyword(name) ? this.dictionaryOf(value, true) : this.exprOf(value),
              );
          } else if (arg.type === 'dictionary_splat') {
            const inner = arg.namedChild(0);
            keywordSpreads.push(inner ? this.exprOf(inner) : { kind: 'other', span: spanOf(arg, this.base) });
          } else {
            if (arg.type === 'list_splat') listSplat = true;
            positional.push(arg.type === 'dictionary' ? this.dictionaryOf(arg, true) : this.exprOf(arg));
          }
        }
        const argExprs = listSplat ? positional.map((arg): Expr => ({ kind: 'other', span: arg.span })) : positional;
        return { kind: 'call', callee: this.exprOf(callee), args: argExprs, keywords, keywordSpreads, isNew: false, span };
      }
      case 'string': {
        const value = stringValue(node);
        return value === undefined ? { kind: 'other', span } : { kind: 'string', value, span };
      }
      case 'concatenated_string':
        return { kind: 'other', span };
      case 'integer':
      case 'float': {
        const value = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(value) ? { kind: 'number', value, span } : { kind: 'other', span };
      }
      case 'unary_operator': {
        const operand = node.childForFieldName('argument');
        if (node.text.startsWith('-') && (operand?.type === 'integer' || operand?.type === 'float'))
          return { kind: 'number', value: -Number(operand.text), span };
        return { kind: 'other', span };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', span };
      case 'dictionary':
        return this.dictionaryOf(node, false);
      case 'list':
      case 'tuple': {
        const items: Expr[] = [];
        let complete = true;
        for (const child of node.namedChildren) {
          if (!child || child.type === 'comment') continue;
          if (child.type === 'list_splat') complete = false;
          items.push(this.exprOf(child));
        }
        return { kind: 'array', items, complete, span };
      }
      case 'parenthesized_expression': {
        const inner = node.namedChild(0);
        return inner ? this.exprOf(inner) : { kind: 'other', span };
      }
      default:
        return { kind: 'other', span };
    }
  }
}

function importBindings(node: SyntaxNode): ImportBinding[] {
  const bindings: ImportBinding[] = [];
  if (node.type === 'import_statement') {
    for (const name of node.childrenForFieldName('name')) {
      if (name?.type === 'aliased_import') {
        const module = name.childForFieldName('name')?.text;
        const alias = name.childForFieldName('alias')?.text;
        if (module && alias) bindings.push({ local: alias, module });
      } else if (name?.type === 'dotted_name') {
        // `import aws_cdk.aws_s3` binds `aws_cdk`.
        const first = name.text.split('.')[0]!;
        bindings.push({ local: first, module: first });
      }
    }
    return bindings;
  }
  const module = node.childForFieldName('module_name')?.text;
  if (!module) return bindings;
  for (const name of node.childrenForFieldName('name')) {
    if (name?.type === 'aliased_import') {
      const member = name.childForFieldName('name')?.text;
      const alias = name.childForFieldName('alias')?.text;
      if (member && alias) bindings.push({ local: alias, module, member });
    } else if (name?.type === 'dotted_name') {
      bindings.push({ local: name.text, module, member: name.text });
    }
  }
  return bindings;
}

/** Keywords whose dict is a tag map or tag props: always read whole. */
function isTagKeyword(name: string): boolean {
  return /tags|priority|resource_types/i.test(name);
}

function paramsOf(node: SyntaxNode | null): { params: string[]; keywordsParam?: string } {
  const params: string[] = [];
  let keywordsParam: string | undefined;
  let first = true;
  for (const param of node?.namedChildren ?? []) {
    if (!param) continue;
    if (param.type === 'dictionary_splat_pattern') {
      keywordsParam = param.namedChild(0)?.text;
      continue;
    }
    if (param.type === 'list_splat_pattern' || param.type === 'keyword_separator' || param.type === 'positional_separator') continue;
    const nameNode =
      param.type === 'identifier' ? param : param.type === 'typed_parameter' ? param.namedChild(0) : param.childForFieldName('name');
    if (first) {
      first = false; // self
      continue;
    }
    params.push(nameNode?.type === 'identifier' ? nameNode.text : '\u0000');
  }
  return { params, ...(keywordsParam ? { keywordsParam } : {}) };
}

function stringValue(node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') value += child.text;
    else if (child.type !== 'string_start' && child.type !== 'string_end') return undefined;
  }
  // f-strings, bytes and raw strings are not plain values here.
  return /^[a-zA-Z]*[fFbB]/.test(node.text) ? undefined : value;
}
