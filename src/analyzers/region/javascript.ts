import type { TextEdit } from '../../core/range';
import { GLOBAL_REGION, type S3Tool } from '../../core/s3-create-bucket-outcome';
import type { GrammarName, SyntaxNode } from '../parser-runtime';
import type { ClientRegion, CreateBucketSite, WrittenConstraint } from './create-bucket-site';
import {
  compiledQuery,
  countMemberUses,
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

const COMMON_PATTERNS = `
(variable_declarator name: (identifier) @bind.name value: (_) @bind.value)
(assignment_expression left: (_) @assign.left right: (_) @assign.value)
(assignment_pattern left: (identifier) @bind.name right: (_) @bind.value)
(new_expression constructor: (_) @new.ctor) @new
(call_expression function: (member_expression object: (_) @call.object property: (property_identifier) @call.method
  (#match? @call.method "^(send|createBucket|update)$"))) @call
(import_statement source: (string) @import)
(call_expression function: (identifier) @require (#eq? @require "require") arguments: (arguments . (string) @import))
`;

const TYPESCRIPT_PATTERNS = `
(required_parameter pattern: (identifier) @bind.name value: (_) @bind.value)
(optional_parameter pattern: (identifier) @bind.name value: (_) @bind.value)
`;

export function javascriptQuerySource(grammar: GrammarName): string {
  return grammar === 'javascript' ? COMMON_PATTERNS : COMMON_PATTERNS + TYPESCRIPT_PATTERNS;
}

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
  private readonly bindings = new Map<string, SyntaxNode[]>();
  private readonly clients = new Map<string, ClientInfo>();
  private readonly ambiguousClients = new Set<string>();
  private readonly calls: { call: SyntaxNode; object: SyntaxNode; method: string }[] = [];
  private readonly newExpressions: { node: SyntaxNode; ctor: SyntaxNode }[] = [];
  private readonly v2ConfigRegions: SyntaxNode[] = [];
  private importsV3 = false;
  private importsV2 = false;

  constructor(private readonly text: string) {}

  collect(captures: readonly { name: string; node: SyntaxNode }[]): void {
    let pendingName: SyntaxNode | undefined;
    let pendingLeft: SyntaxNode | undefined;
    let pendingNew: SyntaxNode | undefined;
    let pendingCall: SyntaxNode | undefined;
    let pendingObject: SyntaxNode | undefined;
    for (const { name, node } of captures) {
      switch (name) {
        case 'bind.name': pendingName = node; break;
        case 'bind.value':
          if (pendingName) this.addBinding(pendingName.text, node);
          pendingName = undefined;
          break;
        case 'assign.left': pendingLeft = node; break;
        case 'assign.value':
          if (pendingLeft) this.addAssignment(pendingLeft, node);
          pendingLeft = undefined;
          break;
        case 'new': pendingNew = node; break;
        case 'new.ctor':
          if (pendingNew) this.newExpressions.push({ node: pendingNew, ctor: node });
          pendingNew = undefined;
          break;
        case 'call': pendingCall = node; break;
        case 'call.object': pendingObject = node; break;
        case 'call.method':
          if (pendingCall && pendingObject) this.calls.push({ call: pendingCall, object: pendingObject, method: node.text });
          pendingCall = pendingObject = undefined;
          break;
        case 'import': {
          const source = node.text.slice(1, -1);
          if (source === '@aws-sdk/client-s3') this.importsV3 = true;
          if (source === 'aws-sdk' || source.startsWith('aws-sdk/')) this.importsV2 = true;
          break;
        }
      }
    }
  }

  private addBinding(name: string, value: SyntaxNode): void {
    const list = this.bindings.get(name);
    if (list) list.push(value);
    else this.bindings.set(name, [value]);
  }

  private addAssignment(left: SyntaxNode, value: SyntaxNode): void {
    if (left.type === 'identifier') this.addBinding(left.text, value);
    else if (left.type === 'member_expression') {
      const leftText = left.text.replace(/\s+/g, '');
      if (leftText === 'AWS.config.region') this.v2ConfigRegions.push(value);
      // `this.s3 = new S3Client(...)`: the member is the client's name.
      else this.addBinding(leftText, value);
    }
  }

  /** The single value a name is bound to in this file; undefined when bound zero or several times. */
  private bindingOf(name: string): SyntaxNode | undefined {
    const list = this.bindings.get(name);
    return list && list.length === 1 ? list[0] : undefined;
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
        const bound = this.bindingOf(target.text);
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
      const bound = this.bindingOf(target.text);
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

  private clientNameOf(newExpression: SyntaxNode): string | undefined {
    const parent = newExpression.parent;
    if (parent?.type === 'variable_declarator') {
      const name = parent.childForFieldName('name');
      return name?.type === 'identifier' ? name.text : undefined;
    }
    if (parent?.type === 'assignment_expression') {
      const left = parent.childForFieldName('left');
      return left ? left.text.replace(/\s+/g, '') : undefined;
    }
    return undefined;
  }

  sites(): CreateBucketSite[] {
    for (const { node, ctor } of this.newExpressions) {
      const tool = this.toolFor(ctor);
      if (!tool) continue;
      const name = this.clientNameOf(node);
      const info: ClientInfo = { ...tool, newExpression: node, constructorText: ctor.text, name };
      if (!name) continue;
      // A name bound to two clients is ambiguous: it is dropped.
      if (this.clients.has(name) || this.ambiguousClients.has(name)) {
        this.clients.delete(name);
        this.ambiguousClients.add(name);
      } else this.clients.set(name, info);
    }
    const sites: CreateBucketSite[] = [];
    for (const { call, object, method } of this.calls) {
      if (method === 'update') continue;
      const client = this.clientOf(object);
      if (!client) continue;
      const params = this.paramsOf(call, method, client);
      if (!params) continue;
      const site = this.site(call, object, client, params, method);
      if (site) sites.push(site);
    }
    return sites;
  }

  private clientOf(object: SyntaxNode): ClientInfo | undefined {
    const target = this.unwrap(object);
    if (target.type === 'new_expression') {
      const ctor = target.childForFieldName('constructor');
      const tool = ctor && this.toolFor(ctor);
      return tool && ctor ? { ...tool, newExpression: target, constructorText: ctor.text } : undefined;
    }
    const client = this.clients.get(target.text.replace(/\s+/g, ''));
    // Only when the client's name is bound once (a reassigned variable could hold another client).
    if (!client) return undefined;
    if (target.type === 'identifier' && !this.bindingOf(target.text)) return undefined;
    return client;
  }

  private paramsOf(call: SyntaxNode, method: string, client: ClientInfo): SyntaxNode | undefined {
    const args = call.childForFieldName('arguments');
    const first = args?.namedChildren[0] ?? undefined;
    if (!first) return undefined;
    if (method === 'createBucket') return client.hasCreateBucketMethod ? first : undefined;
    if (client.tool !== 'js-v3') return undefined;
    let command = this.unwrap(first);
    if (command.type === 'identifier') {
      const bound = this.bindingOf(command.text);
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
    const shared = client.name !== undefined && countMemberUses(this.text, client.name) > 1;
    const description = method === 'send' ? `${object.text}.send(new CreateBucketCommand(...))` : `${object.text}.createBucket(...)`;
    return {
      tool: client.tool,
      range: nodeRange(call),
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

export async function extractJavaScriptSites(grammar: GrammarName, root: SyntaxNode, text: string): Promise<CreateBucketSite[]> {
  // Most files never create a bucket: skip the query entirely for them.
  if (!/createBucket|CreateBucketCommand/.test(text)) return [];
  const query = await compiledQuery(grammar, javascriptQuerySource(grammar));
  const file = new JavaScriptFile(text);
  file.collect(query.captures(root));
  return file.sites();
}
