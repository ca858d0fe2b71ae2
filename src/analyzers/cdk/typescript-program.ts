import type { SyntaxNode } from '../parser-runtime';
import type { CdkProgram, Constructor, Expr, ImportBinding, Stmt } from './program';
import { placeOf, rangeOf } from './syntax';

/**
 * A TypeScript (or JavaScript) CDK program as program.ts shapes it: imports, classes with their constructors,
 * module-level declarations and calls. Everything else becomes an opaque statement holding its calls.
 */
const CALLS = ['call_expression', 'new_expression'];

export function readTypeScriptProgram(root: SyntaxNode, text: string): CdkProgram {
  return { language: 'typescript', statements: statementsOf(root.namedChildren, text) };
}

function statementsOf(nodes: ReadonlyArray<SyntaxNode | null>, text: string): Stmt[] {
  const statements: Stmt[] = [];
  for (const node of nodes) if (node) statements.push(...statementOf(node, text));
  return statements;
}

function statementOf(node: SyntaxNode, text: string): Stmt[] {
  switch (node.type) {
    case 'comment':
    case 'empty_statement':
    case 'interface_declaration':
    case 'type_alias_declaration':
      return [];
    case 'import_statement':
      return [{ kind: 'import', bindings: importBindings(node) }];
    case 'export_statement': {
      const declaration = node.childForFieldName('declaration');
      return declaration ? statementOf(declaration, text) : [];
    }
    case 'class_declaration':
    case 'abstract_class_declaration':
      return [classOf(node, text)];
    case 'lexical_declaration':
    case 'variable_declaration': {
      const statements: Stmt[] = [];
      const place = placeOf(node, text);
      for (const declarator of node.namedChildren) {
        if (declarator?.type !== 'variable_declarator') continue;
        const name = declarator.childForFieldName('name');
        const value = declarator.childForFieldName('value');
        if (!value) continue;
        if (name?.type === 'identifier') statements.push({ kind: 'bind', target: name.text, value: exprOf(value), place });
        else statements.push({ kind: 'opaque', calls: callsIn(value) });
      }
      return statements;
    }
    case 'expression_statement': {
      const expression = node.namedChild(0);
      if (!expression) return [];
      const place = placeOf(node, text);
      if (expression.type === 'assignment_expression') {
        const left = expression.childForFieldName('left');
        const right = expression.childForFieldName('right');
        const target = left?.type === 'identifier' ? left.text : left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' ? `this.${left.childForFieldName('property')?.text ?? ''}` : undefined;
        if (right && target) return [{ kind: 'bind', target, value: exprOf(right), place }];
        return [{ kind: 'opaque', calls: callsIn(expression) }];
      }
      return [{ kind: 'expr', value: exprOf(expression), place }];
    }
    default:
      return [{ kind: 'opaque', calls: callsIn(node) }];
  }
}

function callsIn(node: SyntaxNode): Expr[] {
  const calls: Expr[] = CALLS.includes(node.type) ? [exprOf(node)] : [];
  for (const call of node.descendantsOfType(CALLS)) if (call && call.id !== node.id) calls.push(exprOf(call));
  return calls;
}

function importBindings(node: SyntaxNode): ImportBinding[] {
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

function classOf(node: SyntaxNode, text: string): Stmt {
  const name = node.childForFieldName('name')?.text ?? '';
  const heritage = node.namedChildren.find((child) => child?.type === 'class_heritage');
  const extendsClause = heritage?.namedChildren.find((child) => child?.type === 'extends_clause');
  const superNode = extendsClause?.childForFieldName('value');
  let ctor: Constructor | undefined;
  const others: Expr[] = [];
  for (const member of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!member) continue;
    if (member.type === 'method_definition' && member.childForFieldName('name')?.text === 'constructor') {
      const body = member.childForFieldName('body');
      ctor = { params: paramsOf(member.childForFieldName('parameters')), body: body ? statementsOf(body.namedChildren, text) : [] };
    } else {
      others.push(...callsIn(member));
    }
  }
  return { kind: 'class', name, ...(superNode ? { superclass: exprOf(superNode) } : {}), ...(ctor ? { ctor } : {}), others };
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

function exprOf(node: SyntaxNode): Expr {
  const range = rangeOf(node);
  switch (node.type) {
    case 'identifier':
      return { kind: 'name', name: node.text, range };
    case 'this':
      return { kind: 'this', range };
    case 'super':
      return { kind: 'name', name: 'super', range };
    case 'member_expression': {
      const object = node.childForFieldName('object');
      const property = node.childForFieldName('property');
      if (!object || !property) return { kind: 'other', range };
      return { kind: 'member', object: exprOf(object), property: property.text, range };
    }
    case 'call_expression':
    case 'new_expression': {
      const callee = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
      const args = node.childForFieldName('arguments');
      if (!callee) return { kind: 'other', range };
      const argExprs: Expr[] = [];
      let spread = false;
      for (const arg of args?.namedChildren ?? []) {
        if (!arg || arg.type === 'comment') continue;
        if (arg.type === 'spread_element') spread = true;
        argExprs.push(exprOf(arg));
      }
      // A spread argument shifts every position after it: nothing positional is known.
      if (spread) return { kind: 'call', callee: exprOf(callee), args: argExprs.map((arg) => ({ kind: 'other', range: arg.range })), keywords: new Map(), keywordSpreads: [], isNew: node.type === 'new_expression', range };
      return { kind: 'call', callee: exprOf(callee), args: argExprs, keywords: new Map(), keywordSpreads: [], isNew: node.type === 'new_expression', range };
    }
    case 'string':
    case 'template_string': {
      const value = stringValue(node);
      return value === undefined ? { kind: 'other', range } : { kind: 'string', value, range };
    }
    case 'number': {
      const value = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(value) ? { kind: 'number', value, range } : { kind: 'other', range };
    }
    case 'unary_expression': {
      // -5 as a priority.
      const operand = node.childForFieldName('argument');
      if (node.childForFieldName('operator')?.text === '-' && operand?.type === 'number') return { kind: 'number', value: -Number(operand.text), range };
      return { kind: 'other', range };
    }
    case 'true':
    case 'false':
      return { kind: 'boolean', value: node.type === 'true', range };
    case 'object': {
      const entries: Array<{ key: string; value: Expr }> = [];
      let complete = true;
      for (const child of node.namedChildren) {
        if (!child || child.type === 'comment') continue;
        if (child.type === 'pair') {
          const key = child.childForFieldName('key');
          const value = child.childForFieldName('value');
          const keyText = key?.type === 'property_identifier' ? key.text : key?.type === 'string' ? stringValue(key) : key?.type === 'number' ? key.text : undefined;
          if (keyText === undefined || !value) complete = false;
          else entries.push({ key: keyText, value: exprOf(value) });
        } else if (child.type === 'shorthand_property_identifier') {
          entries.push({ key: child.text, value: { kind: 'name', name: child.text, range: rangeOf(child) } });
        } else {
          complete = false;
          if (child.type === 'spread_element') {
            const inner = child.namedChild(0);
            if (inner) entries.push({ key: '\u0000spread', value: exprOf(inner) });
          }
        }
      }
      return { kind: 'object', entries, complete, range };
    }
    case 'array': {
      const items: Expr[] = [];
      let complete = true;
      for (const child of node.namedChildren) {
        if (!child || child.type === 'comment') continue;
        if (child.type === 'spread_element') complete = false;
        items.push(exprOf(child));
      }
      return { kind: 'array', items, complete, range };
    }
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression': {
      const inner = node.namedChild(0);
      return inner ? exprOf(inner) : { kind: 'other', range };
    }
    default:
      return { kind: 'other', range };
  }
}
