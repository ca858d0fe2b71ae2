import type { TextEdit } from '../../core/range';
import { escapeRegExp } from '../../core/regexp';
import type { S3Tool } from '../../core/s3-create-bucket-outcome';
import type { SyntaxNode } from '../parser-runtime';
import { BindingIndex, enclosing, MAX_FOLLOW_DEPTH, type BindingRules, type CallerUse, type ParameterCallers } from './bindings';
import {
  codeRegion,
  readWrittenConstraint,
  removeConstraintEdits,
  type ClientRegion,
  type ConstraintReading,
  type CreateBucketSite,
} from './create-bucket-site';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import { JavaScriptSdkImports } from './javascript-sdk-imports';
import { keyedShape, type KeyedShape, type ListEntry, type StringValue } from './keyed-shape';
import { respectRegionGuard } from './region-guard';
import { appendListElement, insertAt, memberUseCounter, namedChildren, nodeRange, replaceNode, replaceStringContent } from './syntax';

/**
 * CreateBucket calls in JavaScript and TypeScript: SDK v3 (`S3Client` + `CreateBucketCommand` through `send`, the
 * aggregated `S3` client's `createBucket`) and SDK v2 (`new AWS.S3()...createBucket`, `AWS.config.update`), under
 * whatever names the file imports them as (see JavaScriptSdkImports).
 * Values are followed through literals, same-file bindings (declared once), object spreads and default parameters
 * (when no call in the file overrides them, see ParameterCallers); anything else is unknown and never judged.
 */

const JS_SCOPES = new Set([
  'program',
  'statement_block',
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'for_statement',
  'for_in_statement',
  'class_body',
]);

const FUNCTIONS = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
]);

/** Which occurrences of a name bind it (see BindingIndex), and in which scope. */
const JS_BINDING_RULES: BindingRules = {
  classify(node) {
    const parent = node.parent;
    if (!parent) return undefined;
    const scope = () => enclosing(node, JS_SCOPES);
    const field = (name: string) =>
      parent.childForFieldName(name)?.startIndex === node.startIndex && parent.childForFieldName(name)?.endIndex === node.endIndex;
    switch (parent.type) {
      case 'variable_declarator':
        return field('name') ? { scope: scope(), value: parent.childForFieldName('value') ?? undefined } : undefined;
      case 'assignment_expression':
        if (!field('left')) return undefined;
        // `this.s3 = new S3Client()`: a member is named once per class, not per scope.
        return node.type === 'member_expression'
          ? { scope: enclosing(node, new Set(['class_body', 'program'])), value: parent.childForFieldName('right') ?? undefined }
          : { scope: scope(), reassigns: true };
      case 'augmented_assignment_expression':
      case 'update_expression':
        return { scope: scope(), reassigns: true };
      case 'required_parameter':
      case 'optional_parameter': {
        if (!field('pattern')) return undefined;
        const value = parent.childForFieldName('value') ?? undefined;
        return { scope: enclosing(parent, FUNCTIONS), value, parameter: value && parent };
      }
      case 'assignment_pattern': {
        if (!field('left')) return undefined;
        if (parent.parent?.type !== 'formal_parameters') return { scope: scope() };
        const value = parent.childForFieldName('right') ?? undefined;
        return { scope: enclosing(parent, FUNCTIONS), value, parameter: value && parent };
      }
      case 'formal_parameters':
        return { scope: enclosing(parent, FUNCTIONS) };
      case 'for_in_statement':
        return field('left') ? { scope: parent } : undefined;
      case 'catch_clause':
      case 'object_pattern':
      case 'array_pattern':
      case 'pair_pattern':
      case 'import_specifier':
      case 'import_clause':
      case 'namespace_import':
      case 'function_declaration':
      case 'class_declaration':
        return node.type === 'identifier' || node.type === 'shorthand_property_identifier_pattern' ? { scope: scope() } : undefined;
      default:
        return node.type === 'shorthand_property_identifier_pattern' ? { scope: scope() } : undefined;
    }
  },
  callersOf: javaScriptCallersOf,
};

/** The callers of the function declaring `parameter` (a parameter with a default), as ParameterCallers has them. */
function javaScriptCallersOf(parameter: SyntaxNode): ParameterCallers | undefined {
  const list = parameter.parent;
  const fn = list?.parent;
  if (list?.type !== 'formal_parameters' || !fn) return undefined;
  // A decorated method or parameter is called by a framework, with arguments the file does not show.
  const decorated = (node: SyntaxNode) => node.namedChildren.some((child) => child?.type === 'decorator');
  if (decorated(parameter) || (fn.type === 'method_definition' && (decorated(fn) || fn.previousNamedSibling?.type === 'decorator')))
    return undefined;
  const written = parameter.childForFieldName(parameter.type === 'assignment_pattern' ? 'right' : 'value');
  const names = calleeNames(fn);
  if (!written || !names) return undefined;
  // A TypeScript `this` parameter takes no argument.
  const positional = namedChildren(list).filter((child) => child.type !== 'comment' && child.childForFieldName('pattern')?.type !== 'this');
  const index = positional.findIndex((child) => child.startIndex === parameter.startIndex);
  return { names, use: (occurrence) => javaScriptCallerUse(occurrence, index, written) };
}

/** How calls name a function: by its own name, its variable's, its method name after a dot, its class's (`new`). */
function calleeNames(fn: SyntaxNode): ParameterCallers['names'] | undefined {
  const name = fn.childForFieldName('name');
  switch (fn.type) {
    case 'function_declaration':
    case 'generator_function_declaration':
      return name ? [{ name: name.text, member: false }] : undefined;
    case 'method_definition': {
      if (!name) return undefined;
      if (name.text !== 'constructor') return [{ name: name.text, member: true }];
      const className = fn.parent?.parent?.type === 'class_declaration' ? fn.parent.parent.childForFieldName('name') : undefined;
      return className ? [{ name: className.text, member: false }] : undefined;
    }
    default: {
      // `const make = (...) => ...`, a class field `make = (...) => ...`; any other function expression is anonymous:
      // a callback, a handler.
      const holder = fn.parent;
      if (holder?.childForFieldName('value')?.startIndex !== fn.startIndex) return undefined;
      const holderName = holder.childForFieldName('name');
      if (holder.type === 'variable_declarator')
        return holderName?.type === 'identifier' ? [{ name: holderName.text, member: false }] : undefined;
      const field = holder.type === 'public_field_definition' || holder.type === 'field_definition';
      return field && holderName?.type === 'property_identifier' ? [{ name: holderName.text, member: true }] : undefined;
    }
  }
}

function javaScriptCallerUse(occurrence: SyntaxNode, index: number, written: SyntaxNode): CallerUse {
  const parent = occurrence.parent;
  // A type annotation (`svc: Buckets`) never calls.
  if (!parent || occurrence.type === 'type_identifier') return 'declares';
  const isField = (node: SyntaxNode, name: string) => node.childForFieldName(name)?.startIndex === occurrence.startIndex;
  switch (parent.type) {
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'function_signature':
    case 'class_declaration':
    case 'method_definition':
    case 'method_signature':
    case 'abstract_method_signature':
    case 'public_field_definition':
    case 'field_definition':
    case 'variable_declarator':
      if (isField(parent, 'name')) return 'declares';
      break;
    case 'export_specifier':
      return 'declares';
    case 'export_statement':
      return isField(parent, 'value') ? 'declares' : 'overrides';
  }
  if (isCommonJsExport(occurrence)) return 'declares';
  const callee = parent.type === 'member_expression' && isField(parent, 'property') ? parent : occurrence;
  const call = callee.parent;
  if (call?.type === 'call_expression' && call.childForFieldName('function')?.startIndex === callee.startIndex)
    return argumentUse(call, index, written);
  if (call?.type === 'new_expression' && call.childForFieldName('constructor')?.startIndex === callee.startIndex)
    return argumentUse(call, index, written);
  return 'overrides';
}

/** `module.exports = { make }`, `exports.make = make`, `module.exports.make = ...`: an export, not a call. */
function isCommonJsExport(occurrence: SyntaxNode): boolean {
  const exportsTarget = (node: SyntaxNode | null | undefined) => (node ? /^(?:module\s*\.\s*)?exports\b/.test(node.text) : false);
  const parent = occurrence.parent;
  if (parent?.type === 'member_expression') return exportsTarget(parent.childForFieldName('object'));
  const holder = parent?.type === 'pair' ? parent.parent : occurrence.type === 'shorthand_property_identifier' ? parent : occurrence;
  const assignment = holder?.type === 'object' ? holder.parent : holder?.parent;
  return (
    assignment?.type === 'assignment_expression' &&
    assignment.childForFieldName('right')?.startIndex === holder?.startIndex &&
    exportsTarget(assignment.childForFieldName('left'))
  );
}

/** Whether a call lets the default apply: it leaves the argument out, passes `undefined` or the default's own literal. */
function argumentUse(call: SyntaxNode, index: number, written: SyntaxNode): CallerUse {
  const args = call.childForFieldName('arguments');
  // `new Buckets` passes nothing; a tagged template passes strings.
  if (!args) return 'keeps';
  if (args.type !== 'arguments') return 'overrides';
  const list = namedChildren(args).filter((child) => child.type !== 'comment');
  if (list.slice(0, index + 1).some((arg) => arg.type === 'spread_element')) return 'overrides';
  const passed = list[index];
  if (!passed || passed.type === 'undefined') return 'keeps';
  const value = plainString(passed);
  return value !== undefined && value === plainString(written) ? 'keeps' : 'overrides';
}

/** The text of a string or template literal with nothing interpolated or escaped in it. */
function plainString(node: SyntaxNode): string | undefined {
  if (node.type !== 'string' && node.type !== 'template_string') return undefined;
  return namedChildren(node).every((child) => child.type === 'string_fragment') ? node.text.slice(1, -1) : undefined;
}

/** `process.env.NAME` or `process.env['NAME']`: the variable's name. */
function envVariable(node: SyntaxNode): string | undefined {
  const match = /^process\s*\.\s*env\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*(['"])([A-Za-z_]\w*)\2\s*\])$/.exec(node.text);
  return match ? (match[1] ?? match[3]) : undefined;
}

/**
 * A region that falls back to a literal when an environment variable is not set:
 * `process.env.X ?? 'r'` (X unset), `process.env.X || 'r'` and `process.env.X ? process.env.X : 'r'` (X unset or
 * empty), `!process.env.X ? 'r' : process.env.X`. The other branch is the machine's, so only the literal's is judged.
 */
function envFallback(
  node: SyntaxNode,
  unwrap: (node: SyntaxNode) => SyntaxNode,
): { variable: string; literal: SyntaxNode; emptyCounts: boolean } | undefined {
  if (node.type === 'binary_expression') {
    const operator = node.childForFieldName('operator')?.type;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const variable = left && envVariable(unwrap(left));
    if (!variable || !right || (operator !== '??' && operator !== '||')) return undefined;
    return { variable, literal: right, emptyCounts: operator === '||' };
  }
  const condition = node.childForFieldName('condition');
  const consequence = node.childForFieldName('consequence');
  const alternative = node.childForFieldName('alternative');
  if (!condition || !consequence || !alternative) return undefined;
  const tested = unwrap(condition);
  const negated = tested.type === 'unary_expression' && tested.childForFieldName('operator')?.type === '!';
  const variable = envVariable(negated ? unwrap(tested.childForFieldName('argument') ?? tested) : tested);
  const [envBranch, literal] = negated ? [alternative, consequence] : [consequence, alternative];
  return variable && envVariable(unwrap(envBranch)) === variable ? { variable, literal, emptyCounts: true } : undefined;
}

interface ClientInfo {
  readonly tool: S3Tool;
  readonly newExpression: SyntaxNode;
  readonly constructorText: string;
  /** The name the client is reached by (`s3`, `this.s3`); undefined for an inline `new S3Client().send()`. */
  readonly name?: string;
  /** Aggregated `S3` (v3) and every v2 client have `createBucket`; `S3Client` only has `send`. */
  readonly hasCreateBucketMethod: boolean;
}

const UNKNOWN_REGION: ClientRegion = { kind: 'unknown' };

const UNWRAP = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

class JavaScriptFile {
  private readonly bindings: BindingIndex;
  private readonly memberUses: (name: string) => number;
  /** Computed on first use: only v2 clients need it. */
  private v2Setters: SyntaxNode[] | undefined;
  private readonly sdk: JavaScriptSdkImports;
  /** `AWS.config` and the same under the other names the v2 SDK is imported as. */
  private readonly v2Config: string;

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {
    this.memberUses = memberUseCounter(text);
    this.bindings = new BindingIndex(root, text, JS_BINDING_RULES);
    this.sdk = new JavaScriptSdkImports(root, text);
    this.v2Config = `\\b(?:${this.sdk.v2Namespaces().map(escapeRegExp).join('|')})\\s*\\.\\s*config`;
  }

  /** The node that spans exactly [start, start + length), if any. */
  private nodeAt(start: number, length: number): SyntaxNode | undefined {
    const node = this.root.descendantForIndex(start, start + length);
    return node && node.startIndex === start && node.endIndex === start + length ? node : undefined;
  }

  /** `X.method(...)` around the property node of `method`; undefined for anything else. */
  private memberCall(property: SyntaxNode): { call: SyntaxNode; object: SyntaxNode } | undefined {
    const member = property.parent;
    if (member?.type !== 'member_expression' || member.childForFieldName('property')?.startIndex !== property.startIndex) return undefined;
    const call = member.parent;
    const object = member.childForFieldName('object');
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.startIndex !== member.startIndex || !object)
      return undefined;
    return { call, object };
  }

  /** Every `X.send(...)` and `X.createBucket(...)` that may create a bucket, found from the text. */
  private candidateCalls(): { call: SyntaxNode; object: SyntaxNode; method: string }[] {
    const calls = new Map<number, { call: SyntaxNode; object: SyntaxNode; method: string }>();
    for (const match of this.text.matchAll(/\bcreateBucket\b/g)) {
      const property = this.nodeAt(match.index, 'createBucket'.length);
      const found = property?.type === 'property_identifier' ? this.memberCall(property) : undefined;
      if (found) calls.set(found.call.startIndex, { ...found, method: 'createBucket' });
    }
    for (const match of this.text.matchAll(/\.\s*send\s*\(/g)) {
      const offset = match.index + match[0].indexOf('send');
      const property = this.nodeAt(offset, 4);
      const found = property?.type === 'property_identifier' ? this.memberCall(property) : undefined;
      if (found) calls.set(found.call.startIndex, { ...found, method: 'send' });
    }
    return [...calls.values()];
  }

  /** The value a name has where `use` is; undefined unless bound exactly once with a value (see BindingIndex). */
  private bindingOf(use: SyntaxNode): SyntaxNode | undefined {
    const name = use.text.replace(/\s+/g, '');
    const bound = this.bindings.lookup(name, use);
    if (bound || use.type !== 'member_expression' || use.childForFieldName('object')?.type !== 'this') return bound;
    // `this.s3` declared as a class field (`private s3 = new S3Client(...)`), and never assigned elsewhere.
    if (this.bindings.isAssigned(name)) return undefined;
    const property = use.childForFieldName('property')?.text;
    const classBody = enclosing(use, new Set(['class_body']));
    if (classBody.type !== 'class_body' || !property) return undefined;
    const fields = namedChildren(classBody).filter(
      (member) =>
        (member.type === 'public_field_definition' || member.type === 'field_definition') &&
        (member.childForFieldName('name') ?? member.childForFieldName('property'))?.text === property,
    );
    return fields.length === 1 ? (fields[0]!.childForFieldName('value') ?? undefined) : undefined;
  }

  private unwrap(node: SyntaxNode): SyntaxNode {
    let current = node;
    while (UNWRAP.has(current.type)) {
      const inner = current.namedChildren[0];
      if (!inner) break;
      current = inner;
    }
    return current;
  }

  /**
   * `fallback`: also read a fallback on an environment variable (see envFallback) as its literal branch, with when it
   * applies. Only a client's region is read that way: its finding says when it holds.
   */
  private resolveString(node: SyntaxNode, depth = 0, via?: string, fallback = false): StringValue | undefined {
    if (depth > MAX_FOLLOW_DEPTH) return undefined;
    const target = this.unwrap(node);
    switch (target.type) {
      case 'binary_expression':
      case 'ternary_expression': {
        const found = fallback ? envFallback(target, (branch) => this.unwrap(branch)) : undefined;
        const value = found && this.resolveString(found.literal, depth + 1, via);
        return value && { ...value, when: `when ${found.variable} is ${found.emptyCounts ? 'unset or empty' : 'unset'}` };
      }
      case 'string':
      case 'template_string': {
        const value = plainString(target);
        return value === undefined ? undefined : { value, literal: target, via };
      }
      case 'identifier':
      case 'shorthand_property_identifier': {
        const bound = this.bindingOf(target);
        return bound ? this.resolveString(bound, depth + 1, via ?? target.text, fallback) : undefined;
      }
      case 'member_expression': {
        const object = target.childForFieldName('object');
        const property = target.childForFieldName('property');
        if (!object || !property) return undefined;
        const shape = this.resolveObject(object, depth + 1);
        const found = shape?.get(property.text);
        return found?.kind === 'value' ? this.resolveString(found.node, depth + 1, via ?? target.text, fallback) : undefined;
      }
      default:
        return undefined;
    }
  }

  private resolveObject(node: SyntaxNode, depth = 0): KeyedShape | undefined {
    if (depth > MAX_FOLLOW_DEPTH) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'identifier') {
      const bound = this.bindingOf(target);
      return bound ? this.resolveObject(bound, depth + 1) : undefined;
    }
    return target.type === 'object' ? keyedShape(target, namedChildren(target), (child) => this.objectEntry(child, depth)) : undefined;
  }

  /** One element of an object literal; a computed key (`[name]: ...`) cannot be read. */
  private objectEntry(child: SyntaxNode, depth: number): ListEntry | undefined {
    switch (child.type) {
      case 'pair': {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (!key || !value) return undefined;
        if (key.type === 'string') return { kind: 'key', key: key.text.slice(1, -1), value };
        return key.type === 'property_identifier' ? { kind: 'key', key: key.text, value } : { kind: 'unreadable-key' };
      }
      case 'shorthand_property_identifier':
        return { kind: 'key', key: child.text, value: child };
      case 'spread_element': {
        const inner = child.namedChildren[0];
        return { kind: 'spread', shape: inner ? this.resolveObject(inner, depth + 1) : undefined };
      }
      default:
        return undefined;
    }
  }

  private toolFor(ctor: SyntaxNode): { tool: S3Tool; hasCreateBucketMethod: boolean } | undefined {
    const named = this.sdk.resolve(this.unwrap(ctor));
    if (named?.sdk === 'v3' && named.name === 'S3Client') return { tool: 'js-v3', hasCreateBucketMethod: false };
    if (named?.name === 'S3') return { tool: named.sdk === 'v3' ? 'js-v3' : 'js-v2', hasCreateBucketMethod: true };
    return undefined;
  }

  /**
   * Every place that sets the v2 global region (`AWS.config.region = x`, `AWS.config.update({ region: x })`): the
   * value node, or the whole update call when its region cannot be read (it might set one).
   */
  private v2GlobalRegionSetters(): SyntaxNode[] {
    if (this.v2Setters) return this.v2Setters;
    const setters: SyntaxNode[] = [];
    for (const match of this.text.matchAll(new RegExp(`${this.v2Config}\\s*\\.\\s*(update|region)\\b`, 'g'))) {
      const member = this.root.descendantForIndex(match.index, match.index + match[0].length);
      const node = member?.type === 'property_identifier' ? member.parent : member;
      const parent = node?.parent;
      if (match[1] === 'region' && parent?.type === 'assignment_expression') {
        setters.push(parent.childForFieldName('right') ?? parent);
      } else if (match[1] === 'update' && parent?.type === 'call_expression') {
        const update = parent.childForFieldName('arguments')?.namedChildren[0];
        const region = update ? this.resolveObject(update)?.get('region') : undefined;
        if (!region || region.kind === 'unknown') setters.push(parent);
        else if (region.kind === 'value') setters.push(region.node);
      }
    }
    this.v2Setters = setters;
    return setters;
  }

  sites(): CreateBucketSite[] {
    const sites: CreateBucketSite[] = [];
    for (const { call, object, method } of this.candidateCalls()) {
      const client = this.clientOf(object);
      const params = client && this.paramsOf(call, method, client);
      if (client && params) sites.push(respectRegionGuard(call, this.site(call, object, client, params, method)));
    }
    return sites;
  }

  private clientOf(object: SyntaxNode, depth = 0): ClientInfo | undefined {
    const target = this.unwrap(object);
    if (target.type === 'new_expression') {
      const ctor = target.childForFieldName('constructor');
      const tool = ctor && this.toolFor(ctor);
      return tool && ctor ? { ...tool, newExpression: target, constructorText: ctor.text } : undefined;
    }
    if ((target.type !== 'identifier' && target.type !== 'member_expression') || depth > 0) return undefined;
    const bound = this.bindingOf(target);
    const client = bound ? this.clientOf(bound, depth + 1) : undefined;
    return client && { ...client, name: target.text.replace(/\s+/g, '') };
  }

  private paramsOf(call: SyntaxNode, method: string, client: ClientInfo): SyntaxNode | undefined {
    const args = call.childForFieldName('arguments');
    const first = args?.namedChildren[0] ?? undefined;
    if (!first) return undefined;
    if (method === 'createBucket') return client.hasCreateBucketMethod ? first : undefined;
    if (client.tool !== 'js-v3') return undefined;
    let command = this.unwrap(first);
    if (command.type === 'identifier') {
      const bound = this.bindingOf(command);
      if (!bound) return undefined;
      command = this.unwrap(bound);
    }
    if (command.type !== 'new_expression') return undefined;
    const ctor = command.childForFieldName('constructor');
    const named = ctor ? this.sdk.resolve(this.unwrap(ctor)) : undefined;
    if (named?.sdk !== 'v3' || named.name !== 'CreateBucketCommand') return undefined;
    return command.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
  }

  /** The client's region, with the options object a fix adds a region to and the literal a fix replaces. */
  private clientRegion(client: ClientInfo): { region: ClientRegion; options?: KeyedShape; literal?: SyntaxNode } {
    const first = client.newExpression.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
    const options = first ? this.resolveObject(first) : undefined;
    if (first && !options) return { region: UNKNOWN_REGION };
    // A custom endpoint (LocalStack, an emulator) decides nothing about AWS regions.
    if (options && options.get('endpoint').kind !== 'absent') return { region: UNKNOWN_REGION };
    const region = options?.get('region');
    if (region?.kind === 'unknown') return { region: UNKNOWN_REGION, options };
    if (region?.kind === 'value') {
      const value = this.resolveString(region.node, 0, undefined, true);
      return value ? { region: codeRegion(value), options, literal: value.literal } : { region: UNKNOWN_REGION, options };
    }
    if (client.tool === 'js-v2') return { ...this.v2GlobalRegion(), options };
    return { region: { kind: 'configured' }, options };
  }

  /** The region a v2 client without its own takes from `AWS.config`. */
  private v2GlobalRegion(): { region: ClientRegion; literal?: SyntaxNode } {
    // The v2 global config can also come from a file or a replaced object: its region is not knowable here.
    if (new RegExp(`${this.v2Config}\\s*(?:=[^=]|\\.\\s*loadFromPath\\b)`).test(this.text)) return { region: UNKNOWN_REGION };
    const setters = this.v2GlobalRegionSetters();
    if (setters.length === 0) return { region: { kind: 'configured' } };
    const only = setters.length === 1 ? this.resolveString(setters[0]!) : undefined;
    if (!only) return { region: UNKNOWN_REGION };
    return { region: { kind: 'code', region: only.value, source: 'AWS.config in code' }, literal: only.literal };
  }

  private constraintOf(params: SyntaxNode): ConstraintReading {
    const reading = readWrittenConstraint(this.resolveObject(params), {
      shape: (node) => this.resolveObject(node),
      string: (node) => this.resolveString(node),
    });
    // v3 fills LocationConstraint unless `Location` is given; its effect is not judged here.
    const location = reading.constraint.kind === 'absent' ? reading.configuration?.keys.get('Location') : undefined;
    return location && location.kind !== 'absent' ? { constraint: { kind: 'unknown' } } : reading;
  }

  private site(call: SyntaxNode, object: SyntaxNode, client: ClientInfo, params: SyntaxNode, method: string): CreateBucketSite {
    const { region, options, literal } = this.clientRegion(client);
    const reading = this.constraintOf(params);
    return {
      tool: client.tool,
      // The callee (`s3.send`): a whole multi-line call would underline the entire statement.
      range: nodeRange(call.childForFieldName('function') ?? call),
      description: method === 'send' ? `${object.text}.send(new CreateBucketCommand(...))` : `${object.text}.createBucket(...)`,
      client: region,
      constraint: reading.constraint,
      clientShared: client.name !== undefined && this.memberUses(client.name) > 1,
      setClientRegion: (target) => this.setRegionEdits(client, options, literal, target),
      clientForThisCall: (target) => [replaceNode(object, `new ${client.constructorText}({ region: '${target}' })`)],
      removeConstraint: () => removeConstraintEdits(reading, { element: 'pair', literal: 'object' }),
    };
  }

  private setRegionEdits(
    client: ClientInfo,
    options: KeyedShape | undefined,
    literal: SyntaxNode | undefined,
    target: string,
  ): TextEdit[] | undefined {
    if (literal) return [replaceStringContent(literal, 1, 1, target)];
    const { newExpression } = client;
    const args = newExpression.childForFieldName('arguments');
    // `new AWS.S3` may be written without parentheses.
    if (!args) return [insertAt(newExpression.endPosition.row, newExpression.endPosition.column, `({ region: '${target}' })`)];
    if (args.namedChildren.length === 0) return [replaceNode(args, `({ region: '${target}' })`)];
    const object = options?.node;
    if (object?.type !== 'object') return undefined;
    if (namedChildren(object).length === 0) return [replaceNode(object, `{ region: '${target}' }`)];
    return appendListElement(object, '}', `region: '${target}'`);
  }
}

export function extractJavaScriptSites(root: SyntaxNode, text: string): CreateBucketSite[] {
  // Most files never create a bucket: nothing else is looked at for them.
  if (!CREATE_BUCKET_TEXT.javascript.test(text)) return [];
  return new JavaScriptFile(root, text).sites();
}
