import type { SyntaxNode } from '../parser-runtime';
import type { CdkProgram, Constructor, Expr, ImportBinding, Stmt } from './program';
import { camelCase, placeOf, rangeOf } from './syntax';

/**
 * A Python CDK program as program.ts shapes it. Keyword arguments are read under their TypeScript names
 * (`include_resource_types` as `includeResourceTypes`), so both languages meet the same evaluator; `self` is `this`.
 */
export function readPythonProgram(root: SyntaxNode, text: string): CdkProgram {
  return { language: 'python', statements: statementsOf(root.namedChildren, text) };
}

function statementsOf(nodes: ReadonlyArray<SyntaxNode | null>, text: string): Stmt[] {
  const statements: Stmt[] = [];
  for (const node of nodes) if (node) statements.push(...statementOf(node, text));
  return statements;
}

function statementOf(node: SyntaxNode, text: string): Stmt[] {
  switch (node.type) {
    case 'comment':
    case 'pass_statement':
      return [];
    case 'import_statement':
    case 'import_from_statement':
      return [{ kind: 'import', bindings: importBindings(node) }];
    case 'class_definition':
      return [classOf(node, text)];
    case 'decorated_definition': {
      const definition = node.childForFieldName('definition');
      return definition?.type === 'class_definition' ? [classOf(definition, text)] : [{ kind: 'opaque', calls: callsIn(node) }];
    }
    case 'expression_statement': {
      const expression = node.namedChild(0);
      if (!expression) return [];
      const place = placeOf(node, text);
      if (expression.type === 'assignment') {
        const left = expression.childForFieldName('left');
        const right = expression.childForFieldName('right');
        const target = left?.type === 'identifier' ? left.text : left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' ? `this.${left.childForFieldName('attribute')?.text ?? ''}` : undefined;
        if (right && target) return [{ kind: 'bind', target, value: exprOf(right), place }];
        return [{ kind: 'opaque', calls: callsIn(expression) }];
      }
      if (expression.type === 'string') return [];
      return [{ kind: 'expr', value: exprOf(expression), place }];
    }
    default:
      return [{ kind: 'opaque', calls: callsIn(node) }];
  }
}

function callsIn(node: SyntaxNode): Expr[] {
  const calls: Expr[] = node.type === 'call' ? [exprOf(node)] : [];
  for (const call of node.descendantsOfType('call')) if (call && call.id !== node.id) calls.push(exprOf(call));
  return calls;
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

function classOf(node: SyntaxNode, text: string): Stmt {
  const name = node.childForFieldName('name')?.text ?? '';
  const superNode = node.childForFieldName('superclasses')?.namedChildren.find((child) => child && child.type !== 'keyword_argument' && child.type !== 'comment');
  let ctor: Constructor | undefined;
  const others: Expr[] = [];
  for (const member of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!member) continue;
    const definition = member.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
    if (definition?.type === 'function_definition' && definition.childForFieldName('name')?.text === '__init__' && member === definition) {
      const body = definition.childForFieldName('body');
      ctor = { ...paramsOf(definition.childForFieldName('parameters')), body: body ? statementsOf(body.namedChildren, text) : [] };
    } else {
      others.push(...callsIn(member));
    }
  }
  return { kind: 'class', name, ...(superNode ? { superclass: exprOf(superNode) } : {}), ...(ctor ? { ctor } : {}), others };
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
    const nameNode = param.type === 'identifier' ? param : param.type === 'typed_parameter' ? param.namedChild(0) : param.childForFieldName('name');
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

function exprOf(node: SyntaxNode): Expr {
  const range = rangeOf(node);
  switch (node.type) {
    case 'identifier':
      return node.text === 'self' ? { kind: 'this', range } : { kind: 'name', name: node.text, range };
    case 'attribute': {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      if (!object || !attribute) return { kind: 'other', range };
      return { kind: 'member', object: exprOf(object), property: attribute.text, range };
    }
    case 'call': {
      const callee = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (!callee) return { kind: 'other', range };
      const positional: Expr[] = [];
      const keywords = new Map<string, Expr>();
      const keywordSpreads: Expr[] = [];
      let listSplat = false;
      for (const arg of args?.type === 'argument_list' ? args.namedChildren : []) {
        if (!arg || arg.type === 'comment') continue;
        if (arg.type === 'keyword_argument') {
          const name = arg.childForFieldName('name')?.text;
          const value = arg.childForFieldName('value');
          if (name && value) keywords.set(camelCase(name), exprOf(value));
        } else if (arg.type === 'dictionary_splat') {
          const inner = arg.namedChild(0);
          keywordSpreads.push(inner ? exprOf(inner) : { kind: 'other', range: rangeOf(arg) });
        } else {
          if (arg.type === 'list_splat') listSplat = true;
          positional.push(exprOf(arg));
        }
      }
      const argExprs = listSplat ? positional.map((arg): Expr => ({ kind: 'other', range: arg.range })) : positional;
      return { kind: 'call', callee: exprOf(callee), args: argExprs, keywords, keywordSpreads, isNew: false, range };
    }
    case 'string': {
      const value = stringValue(node);
      return value === undefined ? { kind: 'other', range } : { kind: 'string', value, range };
    }
    case 'concatenated_string':
      return { kind: 'other', range };
    case 'integer':
    case 'float': {
      const value = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(value) ? { kind: 'number', value, range } : { kind: 'other', range };
    }
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      if (node.text.startsWith('-') && (operand?.type === 'integer' || operand?.type === 'float')) return { kind: 'number', value: -Number(operand.text), range };
      return { kind: 'other', range };
    }
    case 'true':
    case 'false':
      return { kind: 'boolean', value: node.type === 'true', range };
    case 'dictionary': {
      const entries: Array<{ key: string; value: Expr }> = [];
      let complete = true;
      for (const child of node.namedChildren) {
        if (!child || child.type === 'comment') continue;
        if (child.type === 'pair') {
          const key = child.childForFieldName('key');
          const value = child.childForFieldName('value');
          const keyText = key ? stringValue(key) : undefined;
          if (keyText === undefined || !value) complete = false;
          else entries.push({ key: keyText, value: exprOf(value) });
        } else {
          complete = false;
          const inner = child.namedChild(0);
          if (inner) entries.push({ key: '\u0000spread', value: exprOf(inner) });
        }
      }
      return { kind: 'object', entries, complete, range };
    }
    case 'list':
    case 'tuple': {
      const items: Expr[] = [];
      let complete = true;
      for (const child of node.namedChildren) {
        if (!child || child.type === 'comment') continue;
        if (child.type === 'list_splat') complete = false;
        items.push(exprOf(child));
      }
      return { kind: 'array', items, complete, range };
    }
    case 'parenthesized_expression': {
      const inner = node.namedChild(0);
      return inner ? exprOf(inner) : { kind: 'other', range };
    }
    default:
      return { kind: 'other', range };
  }
}
