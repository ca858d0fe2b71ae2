import type { TextEdit } from '../../core/range';
import type { ConfiguredRegion } from '../../core/configured-region';
import type { SyntaxNode } from '../parser-runtime';
import { BindingIndex, enclosing, type BindingRules } from './bindings';
import type { ClientRegion, CreateBucketSite, ProfileRegionLookup, WrittenConstraint } from './create-bucket-site';
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
 * CreateBucket calls in Python: boto3 clients and resources (`boto3.client('s3', region_name=...)`,
 * `Session(region_name=...).client('s3')`, `boto3.resource('s3')`), `create_bucket(...)` and
 * `Bucket(...).create(...)`, with `CreateBucketConfiguration={'LocationConstraint': ...}`. Names bound once in the
 * file (assignments, default parameters) are followed; a name bound twice, a parameter or a loop variable is unknown.
 */

const PY_SCOPES = new Set(['module', 'function_definition', 'lambda', 'class_definition']);

/** Which occurrences of a name bind it (see BindingIndex). Python scopes are functions, classes and the module. */
const PY_BINDING_RULES: BindingRules = {
  classify(node) {
    const parent = node.parent;
    if (!parent) return undefined;
    const scope = () => enclosing(node, PY_SCOPES);
    const isField = (name: string) => {
      const child = parent.childForFieldName(name);
      return child?.startIndex === node.startIndex && child.endIndex === node.endIndex;
    };
    switch (parent.type) {
      case 'assignment':
        if (!isField('left')) return undefined;
        // `self.s3 = boto3.client(...)`: an attribute is named once per class.
        return node.type === 'attribute' ? { scope: enclosing(node, new Set(['class_definition', 'module'])), value: parent.childForFieldName('right') ?? undefined } : { scope: scope(), value: parent.childForFieldName('right') ?? undefined };
      case 'augmented_assignment':
        return isField('left') ? { scope: scope(), reassigns: true } : undefined;
      case 'default_parameter':
      case 'typed_default_parameter':
        return isField('name') ? { scope: enclosing(parent, PY_SCOPES), value: parent.childForFieldName('value') ?? undefined } : undefined;
      case 'parameters':
      case 'lambda_parameters':
      case 'typed_parameter':
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        return { scope: enclosing(parent, PY_SCOPES) };
      case 'for_statement':
      case 'for_in_clause':
        return isField('left') ? { scope: scope() } : undefined;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'as_pattern_target':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'named_expression':
        return { scope: scope(), reassigns: parent.type === 'global_statement' || parent.type === 'nonlocal_statement' };
      case 'aliased_import':
      case 'dotted_name':
        return parent.parent?.type === 'import_statement' || parent.parent?.type === 'import_from_statement' || parent.type === 'aliased_import' ? { scope: scope() } : undefined;
      case 'function_definition':
      case 'class_definition':
        return isField('name') ? { scope: scope() } : undefined;
      default:
        return undefined;
    }
  },
};

interface StringValue {
  readonly value: string;
  readonly literal: SyntaxNode;
  readonly via?: string;
}

type Lookup = { kind: 'value'; node: SyntaxNode; element?: SyntaxNode } | { kind: 'absent' } | { kind: 'unknown' };

interface DictShape {
  readonly node: SyntaxNode;
  get(key: string): Lookup;
}

type Factory = 'client' | 'resource' | 'session';

interface FactoryCall {
  readonly kind: Factory;
  readonly call: SyntaxNode;
  /** The session the client is made from (`session.client('s3')`), when it is one. */
  readonly session?: FactoryCall;
}

class PythonFile {
  private readonly bindings: BindingIndex;
  private readonly memberUses: (name: string) => number;
  private readonly importsBoto3: boolean;

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
    private readonly profileRegion?: ProfileRegionLookup,
  ) {
    this.memberUses = memberUseCounter(text);
    this.bindings = new BindingIndex(root, text, PY_BINDING_RULES);
    this.importsBoto3 = /^\s*import\s+boto3\b/m.test(text);
  }

  /** Every `X.create_bucket(...)` and `X.create(...)`, found from the text. */
  private candidateCalls(): { call: SyntaxNode; object: SyntaxNode; method: string }[] {
    const calls: { call: SyntaxNode; object: SyntaxNode; method: string }[] = [];
    for (const match of this.text.matchAll(/\.\s*(create_bucket|create)\s*\(/g)) {
      const method = match[1]!;
      const offset = match.index + match[0].indexOf(method);
      const name = this.root.descendantForIndex(offset, offset + method.length);
      const attribute = name?.parent;
      if (name?.type !== 'identifier' || attribute?.type !== 'attribute') continue;
      const call = attribute.parent;
      const object = attribute.childForFieldName('object');
      if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== attribute.startIndex || !object) continue;
      calls.push({ call, object, method });
    }
    return calls;
  }

  /** The value a name has where `use` is; undefined unless bound exactly once with a value (see BindingIndex). */
  private bindingOf(use: SyntaxNode): SyntaxNode | undefined {
    return this.bindings.lookup(use.text.replace(/\s+/g, ''), use);
  }

  private unwrap(node: SyntaxNode): SyntaxNode {
    let current = node;
    while (current.type === 'parenthesized_expression' && current.namedChildren[0]) current = current.namedChildren[0];
    return current;
  }

  resolveString(node: SyntaxNode, depth = 0, via?: string): StringValue | undefined {
    if (depth > 8) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'string') {
      const parts = namedChildren(target);
      if (parts.some((part) => !['string_start', 'string_content', 'string_end'].includes(part.type))) return undefined;
      const content = parts.find((part) => part.type === 'string_content');
      return { value: content?.text ?? '', literal: target, via };
    }
    if (target.type === 'identifier' || target.type === 'attribute') {
      const bound = this.bindingOf(target);
      return bound ? this.resolveString(bound, depth + 1, via ?? target.text) : undefined;
    }
    return undefined;
  }

  resolveDict(node: SyntaxNode, depth = 0): DictShape | undefined {
    if (depth > 8) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'identifier' || target.type === 'attribute') {
      const bound = this.bindingOf(target);
      return bound ? this.resolveDict(bound, depth + 1) : undefined;
    }
    if (target.type === 'dictionary') return this.entries(target, namedChildren(target), depth);
    if (target.type === 'call' && target.childForFieldName('function')?.text === 'dict') {
      const args = target.childForFieldName('arguments');
      return args ? this.entries(target, namedChildren(args), depth) : undefined;
    }
    return undefined;
  }

  /** Dictionary pairs, `dict()` keywords and `**` splats, later ones winning; an unknown splat hides earlier keys. */
  private entries(owner: SyntaxNode, children: SyntaxNode[], depth: number): DictShape | undefined {
    const entries = new Map<string, { node: SyntaxNode; element: SyntaxNode }>();
    let unknownBefore = false;
    const lookup = (key: string): Lookup => {
      const entry = entries.get(key);
      if (entry) return { kind: 'value', node: entry.node, element: entry.element };
      return unknownBefore ? { kind: 'unknown' } : { kind: 'absent' };
    };
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (child.type === 'pair' || child.type === 'keyword_argument') {
        const key = child.childForFieldName(child.type === 'pair' ? 'key' : 'name');
        const value = child.childForFieldName('value');
        if (!key || !value) continue;
        const keyText = key.type === 'identifier' && child.type === 'keyword_argument' ? key.text : this.resolveLiteralKey(key);
        if (keyText === undefined) {
          entries.clear();
          unknownBefore = true;
        } else entries.set(keyText, { node: value, element: child });
      } else if (child.type === 'dictionary_splat') {
        const inner = child.namedChildren[0];
        const splat = inner ? this.resolveDict(inner, depth + 1) : undefined;
        if (!splat) {
          entries.clear();
          unknownBefore = true;
          continue;
        }
        const rest = this.entries(owner, children.slice(index + 1), depth);
        if (!rest) return undefined;
        return {
          node: owner,
          get: (key) => {
            const late = rest.get(key);
            if (late.kind !== 'absent') return late;
            const fromSplat = splat.get(key);
            return fromSplat.kind !== 'absent' ? fromSplat : lookup(key);
          },
        };
      } else if (child.type === 'list_splat') {
        // `*args` in a call: positional, irrelevant to keywords.
      }
    }
    return { node: owner, get: lookup };
  }

  private resolveLiteralKey(key: SyntaxNode): string | undefined {
    return key.type === 'string' ? this.resolveString(key)?.value : undefined;
  }

  /** `boto3.client('s3', ...)`, `client('s3')`, `session.resource('s3')`, `boto3.Session(...)`. */
  private factoryOf(node: SyntaxNode, depth = 0): FactoryCall | undefined {
    if (depth > 8) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'identifier' || target.type === 'attribute') {
      const bound = this.bindingOf(target);
      return bound ? this.factoryOf(bound, depth + 1) : undefined;
    }
    if (target.type !== 'call') return undefined;
    const fn = target.childForFieldName('function');
    if (!fn) return undefined;
    const fnText = fn.text.replace(/\s+/g, '');
    if (/^(boto3\.)?(session\.)?Session$/.test(fnText)) return { kind: 'session', call: target };
    const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
    if (method !== 'client' && method !== 'resource') return undefined;
    const args = target.childForFieldName('arguments');
    const keywords = args ? this.entries(args, namedChildren(args), depth) : undefined;
    const firstPositional = args ? namedChildren(args).find((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment') : undefined;
    const serviceNode = firstPositional ?? (keywords?.get('service_name').kind === 'value' ? (keywords.get('service_name') as { node: SyntaxNode }).node : undefined);
    if (!serviceNode || this.resolveString(serviceNode)?.value !== 's3') return undefined;
    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object')!;
      if (object.text === 'boto3') return { kind: method, call: target };
      const session = this.factoryOf(object, depth + 1);
      return session?.kind === 'session' ? { kind: method, call: target, session } : undefined;
    }
    // A bare `client('s3')` is boto3's only when imported from it.
    return /^\s*from\s+boto3\s+import\b.*\b(client|resource)\b/m.test(this.text) ? { kind: method, call: target } : undefined;
  }

  private keywordsOf(call: SyntaxNode): DictShape | undefined {
    const args = call.childForFieldName('arguments');
    return args ? this.entries(args, namedChildren(args), 0) : undefined;
  }

  /** The region of a client or resource call; `literal` is where a quick fix edits it. */
  private regionOf(factory: FactoryCall): { region: ClientRegion; literal?: SyntaxNode } {
    const keywords = this.keywordsOf(factory.call);
    if (!keywords) return { region: { kind: 'unknown' } };
    if (keywords.get('endpoint_url').kind !== 'absent') return { region: { kind: 'unknown' } };
    const config = keywords.get('config');
    if (config.kind === 'unknown') return { region: { kind: 'unknown' } };
    if (config.kind === 'value') {
      // botocore Config(s3=...) can switch the us-east-1 endpoint style; Config(region_name=...) sets the region.
      const configCall = this.unwrap(config.node);
      const configKeywords = configCall.type === 'call' ? this.keywordsOf(configCall) : undefined;
      if (!configKeywords || configKeywords.get('s3').kind !== 'absent' || configKeywords.get('region_name').kind !== 'absent') {
        return { region: { kind: 'unknown' } };
      }
    }
    const args = factory.call.childForFieldName('arguments');
    const positional = args ? namedChildren(args).filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment') : [];
    if (positional.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return { region: { kind: 'unknown' } };
    const regionIndex = factory.kind === 'session' ? 3 : 1;
    const regionNode = positional[regionIndex] ?? (keywords.get('region_name').kind === 'value' ? (keywords.get('region_name') as { node: SyntaxNode }).node : undefined);
    if (keywords.get('region_name').kind === 'unknown') return { region: { kind: 'unknown' } };
    if (regionNode) {
      if (this.unwrap(regionNode).type === 'none') return this.defaultRegion(factory, keywords);
      const value = this.resolveString(regionNode);
      if (!value) return { region: { kind: 'unknown' } };
      return { region: { kind: 'code', region: value.value, source: value.via ? `\`${value.via}\` in code` : 'set in code' }, literal: value.literal };
    }
    return this.defaultRegion(factory, keywords);
  }

  private defaultRegion(factory: FactoryCall, keywords: DictShape): { region: ClientRegion; literal?: SyntaxNode } {
    if (factory.session) return this.regionOf(factory.session);
    const profile = keywords.get('profile_name');
    if (profile.kind === 'unknown') return { region: { kind: 'unknown' } };
    if (profile.kind === 'value') {
      const name = this.resolveString(profile.node);
      const configured: ConfiguredRegion | undefined = name && this.profileRegion?.(name.value);
      return { region: configured ? { kind: 'configured', configured } : { kind: 'unknown' } };
    }
    if (factory.kind !== 'session' && factory.call.childForFieldName('function')?.text.replace(/\s+/g, '').startsWith('boto3.')) {
      const defaultSession = this.defaultSessionSetup();
      if (defaultSession) return defaultSession;
    }
    return { region: { kind: 'configured' } };
  }

  /** `boto3.setup_default_session(region_name=...)` changes what `boto3.client('s3')` uses. */
  private defaultSessionSetup(): { region: ClientRegion; literal?: SyntaxNode } | undefined {
    const calls = [...this.text.matchAll(/\bsetup_default_session\s*\(/g)];
    if (calls.length === 0) return undefined;
    if (calls.length > 1) return { region: { kind: 'unknown' } };
    const name = this.root.descendantForIndex(calls[0]!.index, calls[0]!.index + 'setup_default_session'.length);
    let call: SyntaxNode | null | undefined = name?.parent;
    if (call?.type === 'attribute') call = call.parent;
    if (call?.type !== 'call') return { region: { kind: 'unknown' } };
    return this.regionOf({ kind: 'session', call });
  }

  sites(): CreateBucketSite[] {
    const sites: CreateBucketSite[] = [];
    for (const { call, object, method } of this.candidateCalls()) {
      let factoryNode: SyntaxNode | undefined = object;
      if (method === 'create') {
        // `s3.Bucket('name').create(...)`, or a name bound to such a Bucket.
        let bucket = this.unwrap(object);
        if (bucket.type === 'identifier') bucket = this.bindingOf(bucket) ?? bucket;
        const fn = bucket.type === 'call' ? bucket.childForFieldName('function') : undefined;
        if (!fn || fn.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'Bucket') continue;
        factoryNode = fn.childForFieldName('object') ?? undefined;
      }
      const factory = factoryNode && this.factoryOf(factoryNode);
      if (!factory || factory.kind === 'session') continue;
      if (method === 'create' && factory.kind !== 'resource') continue;
      sites.push(this.site(call, factoryNode!, factory));
    }
    return sites;
  }

  private site(call: SyntaxNode, receiver: SyntaxNode, factory: FactoryCall): CreateBucketSite {
    const { region, literal } = this.regionOf(factory);
    const keywords = this.keywordsOf(call);
    let constraint: WrittenConstraint = { kind: 'unknown' };
    let constraintElement: SyntaxNode | undefined;
    let configuration: { element?: SyntaxNode; dict?: DictShape } = {};
    const configLookup = keywords?.get('CreateBucketConfiguration');
    if (configLookup?.kind === 'absent') constraint = { kind: 'absent', hasCreateBucketConfiguration: false };
    else if (configLookup?.kind === 'value') {
      const dict = this.resolveDict(configLookup.node);
      configuration = { element: configLookup.element, dict };
      const lc = dict?.get('LocationConstraint');
      if (lc?.kind === 'absent') constraint = { kind: 'absent', hasCreateBucketConfiguration: true };
      else if (lc?.kind === 'value') {
        const value = this.resolveString(lc.node);
        if (value) {
          constraint = { kind: 'value', value: value.value, range: nodeRange(lc.node) };
          constraintElement = lc.element;
        }
      }
    }
    const receiverText = this.unwrap(receiver).text;
    const shared = receiver.type === 'call' ? false : this.memberUses(receiverText) > 1;
    const quote = this.text.includes('"') && !this.text.includes("'") ? '"' : "'";
    const q = (value: string) => `${quote}${value}${quote}`;
    const args = call.childForFieldName('arguments');
    return {
      tool: 'boto3',
      range: nodeRange(call.childForFieldName('function') ?? call),
      description: `${(call.childForFieldName('function')?.text ?? receiverText).replace(/\s+/g, '')}(...)`,
      client: region,
      constraint,
      clientShared: shared,
      setClientRegion: (target) => {
        if (literal) {
          const start = literal.namedChildren[0];
          const end = literal.namedChildren[literal.namedChildren.length - 1];
          return [replaceStringContent(literal, start?.text.length ?? 1, end?.text.length ?? 1, target)];
        }
        return this.appendArgument(factory.call, `region_name=${q(target)}`);
      },
      clientForThisCall: (target) => {
        if (!this.importsBoto3 || (receiver.type !== 'identifier' && receiver.type !== 'attribute')) return undefined;
        return [replaceNode(receiver, `boto3.${factory.kind}(${q('s3')}, region_name=${q(target)})`)];
      },
      removeConstraint: () => {
        if (!constraintElement) return undefined;
        const dictNode = configuration.element?.childForFieldName('value');
        const onlyConstraint = configuration.element?.type === 'keyword_argument' && dictNode?.type === 'dictionary' && namedChildren(dictNode).length === 1;
        return [removeListElement(onlyConstraint ? configuration.element! : constraintElement)];
      },
      addConstraint: (target) => {
        if (constraint.kind !== 'absent') return undefined;
        if (!constraint.hasCreateBucketConfiguration) return args ? this.appendArgument(call, `CreateBucketConfiguration={${q('LocationConstraint')}: ${q(target)}}`) : undefined;
        const dictNode = configuration.element?.childForFieldName('value');
        if (dictNode?.type !== 'dictionary' || !dictNode.firstChild) return undefined;
        const open = dictNode.firstChild;
        const separator = namedChildren(dictNode).length > 0 ? ', ' : '';
        return [insertAt(open.endPosition.row, open.endPosition.column, `${q('LocationConstraint')}: ${q(target)}${separator}`)];
      },
    };
  }

  private appendArgument(call: SyntaxNode, argument: string): TextEdit[] | undefined {
    const args = call.childForFieldName('arguments');
    const close = args?.lastChild;
    if (!args || !close || close.type !== ')') return undefined;
    const last = namedChildren(args).filter((arg) => arg.type !== 'comment').pop();
    if (!last) return [insertAt(close.startPosition.row, close.startPosition.column, argument)];
    const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
    return comma
      ? [insertAt(comma.endPosition.row, comma.endPosition.column, ` ${argument},`)]
      : [insertAt(last.endPosition.row, last.endPosition.column, `, ${argument}`)];
  }
}

export function extractPythonSites(root: SyntaxNode, text: string, profileRegion?: ProfileRegionLookup): CreateBucketSite[] {
  if (!/create_bucket|\.create\s*\(/.test(text)) return [];
  return new PythonFile(root, text, profileRegion).sites();
}
