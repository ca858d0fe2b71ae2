import type { SyntaxNode } from '../parser-runtime';
import type { CdkProgram, Constructor, Expr, ImportBinding, Stmt } from './program';
import {
  type PlacelessStmt,
  ProgramPart,
  ReadStatements,
  type StatementCache,
  placeOf,
  plainObjectNames,
  spanOf,
  withPlace,
} from './syntax';

/**
 * A TypeScript (or JavaScript) CDK program as program.ts shapes it: imports, classes with their constructors,
 * module-level declarations and calls. Everything else becomes an opaque statement holding its calls.
 */
const CALLS = ['call_expression', 'new_expression'];

export function readTypeScriptProgram(root: SyntaxNode, text: string, cache?: StatementCache): CdkProgram {
  const reader = new TypeScriptReader(text, cache);
  const statements = reader.statements(root.namedChildren);
  cache?.sweep();
  return { language: 'typescript', statements, parts: reader.parts };
}

class TypeScriptReader {
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
      if (node.type === 'class_declaration' || node.type === 'abstract_class_declaration') {
        statements.push(this.classOf(node));
        continue;
      }
      if (node.type === 'export_statement') {
        const declaration = node.childForFieldName('declaration');
        if (declaration?.type === 'class_declaration' || declaration?.type === 'abstract_class_declaration') {
          statements.push(this.classOf(declaration));
          continue;
        }
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
      case 'empty_statement':
      case 'interface_declaration':
      case 'type_alias_declaration':
        return [];
      case 'import_statement':
        return [{ kind: 'import', bindings: this.importBindings(node) }];
      case 'export_statement': {
        const declaration = node.childForFieldName('declaration');
        return declaration ? this.statementOf(declaration) : [];
      }
      case 'lexical_declaration':
      case 'variable_declaration': {
        const statements: PlacelessStmt[] = [];
        for (const declarator of node.namedChildren) {
          if (declarator?.type !== 'variable_declarator') continue;
          const name = declarator.childForFieldName('name');
          const value = declarator.childForFieldName('value');
          if (!value) continue;
          if (name?.type === 'identifier') statements.push({ kind: 'bind', target: name.text, value: this.exprOf(value) });
          else statements.push({ kind: 'opaque', calls: this.callsIn(value) });
        }
        return statements;
      }
      case 'expression_statement': {
        const expression = node.namedChild(0);
        if (!expression) return [];
        if (expression.type === 'assignment_expression') {
          const left = expression.childForFieldName('left');
          const right = expression.childForFieldName('right');
          const target =
            left?.type === 'identifier'
              ? left.text
              : left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this'
                ? `this.${left.childForFieldName('property')?.text ?? ''}`
                : undefined;
          if (right && target) return [{ kind: 'bind', target, value: this.exprOf(right) }];
          return [{ kind: 'opaque', calls: this.callsIn(expression) }];
        }
        return [{ kind: 'expr', value: this.exprOf(expression) }];
      }
      default:
        return [{ kind: 'opaque', calls: this.callsIn(node) }];
    }
  }

  private callsIn(node: SyntaxNode): Expr[] {
    const calls: Expr[] = CALLS.includes(node.type) ? [this.exprOf(node)] : [];
    for (const call of node.descendantsOfType(CALLS)) if (call && call.id !== node.id) calls.push(this.exprOf(call));
    return calls;
  }

  private importBindings(node: SyntaxNode): ImportBinding[] {
    const source = node.childForFieldName('source');
    const module = source ? stringValue(source) : undefined;
    if (module === undefined) return [];
    const bindings: ImportBinding[] = [];
    const clause = node.namedChildren.find((child) => child?.type === 'import_clause');
    for (const part of clause?.namedChildren ?? []) {
      if (part?.type === 'identifier') bindings.push({ local: part.text, module });
      else if (part?.type === 'namespace_import') {
        const name = part.namedChild(0);
        if (name) bindings.push({ local: name.text, module });
      } else if (part?.type === 'named_imports') {
        for (const specifier of part.namedChildren) {
          if (specifier?.type !== 'import_specifier') continue;
          const name = specifier.childForFieldName('name')?.text;
          const alias = specifier.childForFieldName('alias')?.text;
          if (name) bindings.push({ local: alias ?? name, module, member: name });
        }
      }
    }
    return bindings;
  }

  private classOf(node: SyntaxNode): Stmt {
    const name = node.childForFieldName('name')?.text ?? '';
    const heritage = node.namedChildren.find((child) => child?.type === 'class_heritage');
    const extendsClause = heritage?.namedChildren.find((child) => child?.type === 'extends_clause');
    const superNode = extendsClause?.childForFieldName('value');
    this.base = node.startIndex;
    const superclass = superNode ? this.exprOf(superNode) : undefined;
    let ctor: Constructor | undefined;
    const others: Expr[] = [];
    for (const member of node.childForFieldName('body')?.namedChildren ?? []) {
      if (!member) continue;
      if (member.type === 'method_definition' && member.childForFieldName('name')?.text === 'constructor') {
        const body = member.childForFieldName('body');
        ctor = { params: paramsOf(member.childForFieldName('parameters')), body: body ? this.statements(body.namedChildren) : [] };
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

  private exprOf(node: SyntaxNode): Expr {
    switch (node.type) {
      case 'identifier':
        return { kind: 'name', name: node.text, span: spanOf(node, this.base) };
      case 'this':
        return { kind: 'this', span: spanOf(node, this.base) };
      case 'super':
        return { kind: 'name', name: 'super', span: spanOf(node, this.base) };
      case 'member_expression': {
        const object = node.childForFieldName('object');
        const property = node.childForFieldName('property');
        if (!object || !property) return { kind: 'other', span: spanOf(node, this.base) };
        return { kind: 'member', object: this.exprOf(object), property: property.text, span: spanOf(node, this.base) };
      }
      case 'call_expression':
      case 'new_expression': {
        const span = spanOf(node, this.base, true);
        const callee = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
        const args = node.childForFieldName('arguments');
        if (!callee) return { kind: 'other', span };
        const argExprs: Expr[] = [];
        let spread = false;
        for (const arg of args?.namedChildren ?? []) {
          if (!arg || arg.type === 'comment') continue;
          if (arg.type === 'spread_element') spread = true;
          // A props object read only as far as it matters (see plainObjectNames); anything nested is read whole.
          argExprs.push(arg.type === 'object' ? this.objectOf(arg, true) : this.exprOf(arg));
        }
        // A spread argument shifts every position after it: nothing positional is known.
        const positional = spread ? argExprs.map((arg): Expr => ({ kind: 'other', span: arg.span })) : argExprs;
        return {
          kind: 'call',
          callee: this.exprOf(callee),
          args: positional,
          keywords: new Map(),
          keywordSpreads: [],
          isNew: node.type === 'new_expression',
          span,
        };
      }
      case 'string':
      case 'template_string': {
        const value = stringValue(node);
        const span = spanOf(node, this.base, true);
        return value === undefined ? { kind: 'other', span } : { kind: 'string', value, span };
      }
      case 'number': {
        const value = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(value)
          ? { kind: 'number', value, span: spanOf(node, this.base) }
          : { kind: 'other', span: spanOf(node, this.base) };
      }
      case 'unary_expression': {
        // -5 as a priority.
        const operand = node.childForFieldName('argument');
        if (node.childForFieldName('operator')?.text === '-' && operand?.type === 'number')
          return { kind: 'number', value: -Number(operand.text), span: spanOf(node, this.base) };
        return { kind: 'other', span: spanOf(node, this.base) };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', span: spanOf(node, this.base) };
      case 'object':
        return this.objectOf(node, false);
      case 'array': {
        const items: Expr[] = [];
        let complete = true;
        for (const child of node.namedChildren) {
          if (!child || child.type === 'comment') continue;
          if (child.type === 'spread_element') complete = false;
          items.push(this.exprOf(child));
        }
        return { kind: 'array', items, complete, span: spanOf(node, this.base) };
      }
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression': {
        const inner = node.namedChild(0);
        return inner ? this.exprOf(inner) : { kind: 'other', span: spanOf(node, this.base) };
      }
      default:
        return { kind: 'other', span: spanOf(node, this.base) };
    }
  }

  private objectOf(node: SyntaxNode, mayBePlain: boolean): Expr {
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
        const keyText =
          key?.type === 'property_identifier'
            ? key.text
            : key?.type === 'string'
              ? stringValue(key)
              : key?.type === 'number'
                ? key.text
                : undefined;
        if (keyText === undefined || !value) complete = false;
        else entries.push({ key: keyText, value: this.exprOf(value) });
      } else if (child.type === 'shorthand_property_identifier') {
        entries.push({ key: child.text, value: { kind: 'name', name: child.text, span: spanOf(child, this.base) } });
      } else {
        complete = false;
        if (child.type === 'spread_element') {
          const inner = child.namedChild(0);
          if (inner) entries.push({ key: '\u0000spread', value: this.exprOf(inner) });
        }
      }
    }
    return { kind: 'object', entries, complete, span };
  }
}

function paramsOf(node: SyntaxNode | null): string[] {
  const params: string[] = [];
  for (const param of node?.namedChildren ?? []) {
    if (!param) continue;
    const pattern = param.childForFieldName('pattern');
    params.push(pattern?.type === 'identifier' ? pattern.text : '\u0000');
  }
  return params;
}

function stringValue(node: SyntaxNode): string | undefined {
  if (node.type === 'string') {
    if (node.namedChildren.some((child) => child?.type === 'escape_sequence')) return undefined;
    return node.text.slice(1, -1);
  }
  if (node.type === 'template_string' && node.namedChildCount === 0) return node.text.slice(1, -1);
  return undefined;
}
