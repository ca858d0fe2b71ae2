import type { TextEdit } from '../../core/range';
import { GLOBAL_REGION, type S3Tool } from '../../core/s3-create-bucket-outcome';
import type { SyntaxNode } from '../parser-runtime';
import { BindingIndex, enclosing, type BindingRules } from './bindings';
import type { ClientRegion, CreateBucketSite, WrittenConstraint } from './create-bucket-site';
import {
  memberUseCounter,
  insertAt,
  namedChildren,
  nodeRange,
  removeListElement,
  replaceNode,
  replaceStringContent,
} from './syntax';

/**
 * CreateBucket calls in JavaScript and TypeScript: SDK v3 (`S3Client` + `CreateBucketCommand` through `send`, the
 * aggregated `S3` client's `createBucket`) and SDK v2 (`new AWS.S3()...createBucket`, `AWS.config.update`).
 * Values are followed through literals, same-file bindings (declared once), object spreads and default parameters;
 * anything else is unknown and never judged.
 */

const JS_SCOPES = new Set([
  'program', 'statement_block', 'function_declaration', 'function_expression', 'function', 'arrow_function',
  'method_definition', 'generator_function_declaration', 'for_statement', 'for_in_statement', 'class_body',
]);

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration']);

/** Which occurrences of a name bind it (see BindingIndex), and in which scope. */
const JS_BINDING_RULES: BindingRules = {
  classify(node) {
    const parent = node.parent;
    if (!parent) return undefined;
    const scope = () => enclosing(node, JS_SCOPES);
    const field = (name: string) => parent.childForFieldName(name)?.startIndex === node.startIndex && parent.childForFieldName(name)?.endIndex === node.endIndex;
    switch (parent.type) {
      case 'variable_declarator':
        return field('name') ? { scope: scope(), value: parent.childForFieldName('value') ?? undefined } : undefined;
      case 'assignment_expression':
        if (!field('left')) return undefined;
        // `this.s3 = new S3Client()`: a member is named once per class, not per scope.
        return node.type === 'member_expression' ? { scope: enclosing(node, new Set(['class_body', 'program'])), value: parent.childForFieldName('right') ?? undefined } : { scope: scope(), reassigns: true };
      case 'augmented_assignment_expression':
      case 'update_expression':
        return { scope: scope(), reassigns: true };
      case 'required_parameter':
      case 'optional_parameter':
        return field('pattern') ? { scope: enclosing(parent, FUNCTIONS), value: parent.childForFieldName('value') ?? undefined } : undefined;
      case 'assignment_pattern': {
        if (!field('left')) return undefined;
        const inParameters = parent.parent?.type === 'formal_parameters';
        return { scope: inParameters ? enclosing(parent, FUNCTIONS) : scope(), value: inParameters ? parent.childForFieldName('right') ?? undefined : undefined };
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
};

interface StringValue {
  readonly value: string;
  /** The literal that holds the value: where a quick fix edits it. */
  readonly literal: SyntaxNode;
  /** The binding the value came through, if any (named in messages). */
  readonly via?: string;
}

type PropertyLookup = { kind: 'value'; node: SyntaxNode; pair?: SyntaxNode } | { kind: 'absent' } | { kind: 'unknown' };

interface ObjectShape {
  readonly node: SyntaxNode;
  get(key: string): PropertyLookup;
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

const UNWRAP = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

class JavaScriptFile {
  private readonly bindings: BindingIndex;
  private readonly memberUses: (name: string) => number;
  private readonly v2ConfigRegions: SyntaxNode[] = [];
  private readonly importsV3: boolean;
  private readonly importsV2: boolean;

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {
    this.memberUses = memberUseCounter(text);
    this.bindings = new BindingIndex(root, text, JS_BINDING_RULES);
    this.importsV3 = /(?:from\s*|require\(\s*)['"]@aws-sdk\/client-s3['"]/.test(text);
    this.importsV2 = /(?:from\s*|require\(\s*)['"]aws-sdk(?:\/[^'"]*)?['"]/.test(text);
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
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.startIndex !== member.startIndex || !object) return undefined;
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
    const fields = namedChildren(classBody).filter((member) =>
      (member.type === 'public_field_definition' || member.type === 'field_definition') &&
      (member.childForFieldName('name') ?? member.childForFieldName('property'))?.text === property);
    return fields.length === 1 ? fields[0]!.childForFieldName('value') ?? undefined : undefined;
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

  resolveString(node: SyntaxNode, depth = 0, via?: string): StringValue | undefined {
    if (depth > 8) return undefined;
    const target = this.unwrap(node);
    switch (target.type) {
      case 'string': {
        if (namedChildren(target).some((child) => child.type !== 'string_fragment')) return undefined;
        return { value: target.text.slice(1, -1), literal: target, via };
      }
      case 'template_string':
        if (namedChildren(target).some((child) => child.type !== 'string_fragment')) return undefined;
        return { value: target.text.slice(1, -1), literal: target, via };
      case 'identifier':
      case 'shorthand_property_identifier': {
        const bound = this.bindingOf(target);
        return bound ? this.resolveString(bound, depth + 1, via ?? target.text) : undefined;
      }
      case 'member_expression': {
        const object = target.childForFieldName('object');
        const property = target.childForFieldName('property');
        if (!object || !property) return undefined;
        const shape = this.resolveObject(object, depth + 1);
        const found = shape?.get(property.text);
        return found?.kind === 'value' ? this.resolveString(found.node, depth + 1, via ?? target.text) : undefined;
      }
      default:
        return undefined;
    }
  }

  resolveObject(node: SyntaxNode, depth = 0): ObjectShape | undefined {
    if (depth > 8) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'identifier') {
      const bound = this.bindingOf(target);
      return bound ? this.resolveObject(bound, depth + 1) : undefined;
    }
    return target.type === 'object' ? this.resolveEntries(target, namedChildren(target), depth) : undefined;
  }

  /** Later entries win; an unknown spread or computed key hides every key written before it. */
  private resolveEntries(object: SyntaxNode, children: SyntaxNode[], depth: number): ObjectShape | undefined {
    const entries = new Map<string, { node: SyntaxNode; pair?: SyntaxNode }>();
    let unknownBefore = false;
    const lookup = (key: string): PropertyLookup => {
      const entry = entries.get(key);
      if (entry) return { kind: 'value', node: entry.node, pair: entry.pair };
      return unknownBefore ? { kind: 'unknown' } : { kind: 'absent' };
    };
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (child.type === 'pair') {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (!key || !value) continue;
        const keyText = key.type === 'string' ? key.text.slice(1, -1) : key.type === 'property_identifier' ? key.text : undefined;
        if (keyText === undefined) {
          entries.clear();
          unknownBefore = true;
        } else entries.set(keyText, { node: value, pair: child });
      } else if (child.type === 'shorthand_property_identifier') {
        entries.set(child.text, { node: child, pair: child });
      } else if (child.type === 'spread_element') {
        const inner = child.namedChildren[0];
        const spread = inner ? this.resolveObject(inner, depth + 1) : undefined;
        if (!spread) {
          entries.clear();
          unknownBefore = true;
          continue;
        }
        const rest = this.resolveEntries(object, children.slice(index + 1), depth);
        if (!rest) return undefined;
        return {
          node: object,
          get: (key) => {
            const late = rest.get(key);
            if (late.kind !== 'absent') return late;
            const fromSpread = spread.get(key);
            return fromSpread.kind !== 'absent' ? fromSpread : lookup(key);
          },
        };
      }
    }
    return { node: object, get: lookup };
  }

  private toolFor(ctor: SyntaxNode): { tool: S3Tool; hasCreateBucketMethod: boolean } | undefined {
    const name = ctor.text.replace(/\s+/g, '');
    if (name === 'S3Client') return { tool: 'js-v3', hasCreateBucketMethod: false };
    if (name === 'S3') {
      if (this.importsV3 && !this.importsV2) return { tool: 'js-v3', hasCreateBucketMethod: true };
      if (this.importsV2 && !this.importsV3) return { tool: 'js-v2', hasCreateBucketMethod: true };
      return undefined;
    }
    if (/^[A-Za-z_$][\w$]*\.S3$/.test(name) && this.importsV2) return { tool: 'js-v2', hasCreateBucketMethod: true };
    return undefined;
  }

  sites(): CreateBucketSite[] {
    const calls = this.candidateCalls();
    for (const match of this.text.matchAll(/\bAWS\s*\.\s*config\s*\.\s*(update|region)\b/g)) {
      const member = this.root.descendantForIndex(match.index, match.index + match[0].length);
      const node = member?.type === 'property_identifier' ? member.parent : member;
      const parent = node?.parent;
      if (match[1] === 'region' && parent?.type === 'assignment_expression') {
        this.v2ConfigRegions.push(parent.childForFieldName('right') ?? parent);
      } else if (match[1] === 'update' && parent?.type === 'call_expression') {
        const update = parent.childForFieldName('arguments')?.namedChildren[0];
        const region = update ? this.resolveObject(update)?.get('region') : undefined;
        // An update whose region cannot be read might set one: treated as an unknown region.
        if (!region || region.kind === 'unknown') this.v2ConfigRegions.push(parent);
        else if (region.kind === 'value') this.v2ConfigRegions.push(region.node);
      }
    }
    const sites: CreateBucketSite[] = [];
    for (const { call, object, method } of calls) {
      const client = this.clientOf(object);
      if (!client) continue;
      const params = this.paramsOf(call, method, client);
      if (!params) continue;
      const site = this.site(call, object, client, params, method);
      if (site) sites.push(site);
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
    if (command.childForFieldName('constructor')?.text !== 'CreateBucketCommand') return undefined;
    return command.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
  }

  private clientRegion(client: ClientInfo): { region: ClientRegion; options?: ObjectShape; literal?: SyntaxNode } {
    const args = client.newExpression.childForFieldName('arguments');
    const first = args?.namedChildren[0] ?? undefined;
    let options: ObjectShape | undefined;
    if (first) {
      options = this.resolveObject(first);
      if (!options) return { region: { kind: 'unknown' } };
      // A custom endpoint (LocalStack, an emulator) decides nothing about AWS regions.
      if (options.get('endpoint').kind !== 'absent') return { region: { kind: 'unknown' } };
      const region = options.get('region');
      if (region.kind === 'unknown') return { region: { kind: 'unknown' }, options };
      if (region.kind === 'value') {
        const value = this.resolveString(region.node);
        if (!value) return { region: { kind: 'unknown' }, options };
        const source = value.via ? `\`${value.via}\` in code` : 'set in code';
        const regionValue = value.value === GLOBAL_REGION ? GLOBAL_REGION : value.value;
        return { region: { kind: 'code', region: regionValue, source }, options, literal: value.literal };
      }
    }
    // The v2 global config can also come from a file or a replaced object: its region is not knowable here.
    if (client.tool === 'js-v2' && /\bAWS\s*\.\s*config\s*(?:=[^=]|\.\s*loadFromPath\b)/.test(this.text)) return { region: { kind: 'unknown' }, options };
    if (client.tool === 'js-v2' && this.v2ConfigRegions.length > 0) {
      const only = this.v2ConfigRegions.length === 1 ? this.resolveString(this.v2ConfigRegions[0]!) : undefined;
      if (!only) return { region: { kind: 'unknown' }, options };
      return { region: { kind: 'code', region: only.value, source: 'AWS.config in code' }, options, literal: only.literal };
    }
    return { region: { kind: 'configured' }, options };
  }

  private constraintOf(params: SyntaxNode): { constraint: WrittenConstraint; pair?: SyntaxNode; configPair?: SyntaxNode; config?: ObjectShape } {
    const shape = this.resolveObject(params);
    if (!shape) return { constraint: { kind: 'unknown' } };
    const configuration = shape.get('CreateBucketConfiguration');
    if (configuration.kind === 'unknown') return { constraint: { kind: 'unknown' } };
    if (configuration.kind === 'absent') return { constraint: { kind: 'absent', hasCreateBucketConfiguration: false } };
    const config = this.resolveObject(configuration.node);
    if (!config) return { constraint: { kind: 'unknown' } };
    const constraint = config.get('LocationConstraint');
    if (constraint.kind === 'unknown') return { constraint: { kind: 'unknown' } };
    if (constraint.kind === 'absent') {
      // v3 fills LocationConstraint unless `Location` is given; its effect is not judged here.
      if (config.get('Location').kind !== 'absent') return { constraint: { kind: 'unknown' } };
      return { constraint: { kind: 'absent', hasCreateBucketConfiguration: true } };
    }
    const value = this.resolveString(constraint.node);
    if (!value) return { constraint: { kind: 'unknown' } };
    return {
      constraint: { kind: 'value', value: value.value, range: nodeRange(constraint.node) },
      pair: constraint.pair,
      configPair: configuration.pair,
      config,
    };
  }

  private site(call: SyntaxNode, object: SyntaxNode, client: ClientInfo, params: SyntaxNode, method: string): CreateBucketSite | undefined {
    const { region, options, literal } = this.clientRegion(client);
    const { constraint, pair, configPair, config } = this.constraintOf(params);
    const shared = client.name !== undefined && this.memberUses(client.name) > 1;
    const description = method === 'send' ? `${object.text}.send(new CreateBucketCommand(...))` : `${object.text}.createBucket(...)`;
    return {
      tool: client.tool,
      // The callee (`s3.send`): a whole multi-line call would underline the entire statement.
      range: nodeRange(call.childForFieldName('function') ?? call),
      description,
      client: region,
      constraint,
      clientShared: shared,
      setClientRegion: (target) => this.setRegionEdits(client, options, literal, target),
      clientForThisCall: (target) => [replaceNode(object, `new ${client.constructorText}({ region: '${target}' })`)],
      removeConstraint: () => {
        if (!pair) return undefined;
        const onlyConstraint = config && configPair && configPair.type === 'pair' && configPair.childForFieldName('value')?.type === 'object'
          && namedChildren(configPair.childForFieldName('value')!).length === 1;
        return [removeListElement(onlyConstraint ? configPair : pair)];
      },
    };
  }

  private setRegionEdits(client: ClientInfo, options: ObjectShape | undefined, literal: SyntaxNode | undefined, target: string): TextEdit[] | undefined {
    if (literal) return [replaceStringContent(literal, 1, 1, target)];
    const args = client.newExpression.childForFieldName('arguments');
    if (!args || args.namedChildren.length === 0) {
      if (args) return [replaceNode(args, `({ region: '${target}' })`)];
      return [insertAt(client.newExpression.endPosition.row, client.newExpression.endPosition.column, `({ region: '${target}' })`)];
    }
    const object = options?.node;
    if (!object || object.type !== 'object') return undefined;
    const closing = object.lastChild;
    if (!closing || closing.type !== '}') return undefined;
    const entries = namedChildren(object);
    const last = entries[entries.length - 1];
    if (!last) return [replaceNode(object, `{ region: '${target}' }`)];
    const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
    return comma
      ? [insertAt(comma.endPosition.row, comma.endPosition.column, ` region: '${target}',`)]
      : [insertAt(last.endPosition.row, last.endPosition.column, `, region: '${target}'`)];
  }
}

export function extractJavaScriptSites(root: SyntaxNode, text: string): CreateBucketSite[] {
  // Most files never create a bucket: nothing else is looked at for them.
  if (!/createBucket|CreateBucketCommand/.test(text)) return [];
  return new JavaScriptFile(root, text).sites();
}
