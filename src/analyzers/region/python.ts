import type { TextEdit } from '../../core/range';
import type { ConfiguredRegion } from '../../core/configured-region';
import { escapeRegExp } from '../../core/regexp';
import type { SyntaxNode } from '../parser-runtime';
import { BindingIndex, enclosing, MAX_FOLLOW_DEPTH, type BindingRules, type CallerUse, type ParameterCallers } from './bindings';
import {
  codeRegion,
  readWrittenConstraint,
  removeConstraintEdits,
  type ClientRegion,
  type ConstraintReading,
  type CreateBucketSite,
  type ProfileRegionLookup,
} from './create-bucket-site';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import { Boto3Imports } from './python-boto3-imports';
import { keyedShape, valueNode, type KeyedShape, type ListEntry, type StringValue } from './keyed-shape';
import { respectRegionGuard } from './region-guard';
import { appendListElement, insertAt, memberUseCounter, namedChildren, nodeRange, replaceNode, replaceStringContent } from './syntax';

/**
 * CreateBucket calls in Python: boto3 clients and resources (`boto3.client('s3', region_name=...)`,
 * `Session(region_name=...).client('s3')`, `boto3.resource('s3')`), `create_bucket(...)` and
 * `Bucket(...).create(...)`, with `CreateBucketConfiguration={'LocationConstraint': ...}`, under whatever names the
 * file imports boto3 as (see Boto3Imports). Names bound once in the file (assignments, default parameters no call
 * overrides, see ParameterCallers) are followed; a name bound twice, a parameter or a loop variable is unknown.
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
        return node.type === 'attribute'
          ? { scope: enclosing(node, new Set(['class_definition', 'module'])), value: parent.childForFieldName('right') ?? undefined }
          : { scope: scope(), value: parent.childForFieldName('right') ?? undefined };
      case 'augmented_assignment':
        return isField('left') ? { scope: scope(), reassigns: true } : undefined;
      case 'default_parameter':
      case 'typed_default_parameter': {
        if (!isField('name')) return undefined;
        const value = parent.childForFieldName('value') ?? undefined;
        return { scope: enclosing(parent, PY_SCOPES), value, parameter: value && parent };
      }
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
        return parent.parent?.type === 'import_statement' ||
          parent.parent?.type === 'import_from_statement' ||
          parent.type === 'aliased_import'
          ? { scope: scope() }
          : undefined;
      case 'function_definition':
      case 'class_definition':
        return isField('name') ? { scope: scope() } : undefined;
      default:
        return undefined;
    }
  },
  callersOf: pythonCallersOf,
};

/**
 * Decorators that leave a function's callers in the file, calling it by its name. Any other may hand it to a
 * framework (`@app.route`, `@pytest.fixture`, `@click.command`), which calls it with arguments the file does not show.
 */
const CALLER_KEEPING_DECORATORS = new Set([
  'staticmethod',
  'classmethod',
  'abstractmethod',
  'override',
  'overload',
  'cache',
  'lru_cache',
  'contextmanager',
  'asynccontextmanager',
]);

/** A decorator's own name: `lru_cache` for `@functools.lru_cache(maxsize=None)`. */
function decoratorName(decorator: SyntaxNode): string {
  let target = decorator.namedChildren[0] ?? undefined;
  if (target?.type === 'call') target = target.childForFieldName('function') ?? undefined;
  if (target?.type === 'attribute') target = target.childForFieldName('attribute') ?? undefined;
  return target?.type === 'identifier' ? target.text : '';
}

/** The callers of the function declaring `parameter` (a parameter with a default), as ParameterCallers has them. */
function pythonCallersOf(parameter: SyntaxNode): ParameterCallers | undefined {
  const list = parameter.parent;
  const fn = list?.parent;
  const written = parameter.childForFieldName('value');
  const keyword = parameter.childForFieldName('name')?.text;
  if (!list || !fn || !written || !keyword) return undefined;
  const position = positionOf(list, parameter);
  const use = (shift: number) => (occurrence: SyntaxNode) =>
    pythonCallerUse(occurrence, position === undefined ? undefined : position - shift, keyword, written);
  if (fn.type === 'lambda') {
    // `make = lambda region='us-east-1': ...`; any other lambda is anonymous: a callback.
    const assignment = fn.parent;
    const name =
      assignment?.type === 'assignment' && assignment.childForFieldName('right')?.startIndex === fn.startIndex
        ? assignment.childForFieldName('left')
        : undefined;
    return name?.type === 'identifier' ? { names: [{ name: name.text, member: false }], use: use(0) } : undefined;
  }
  const name = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  if (!name) return undefined;
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const decorators =
    holder === fn
      ? []
      : namedChildren(holder)
          .filter((child) => child.type === 'decorator')
          .map(decoratorName);
  if (decorators.some((decorator) => !CALLER_KEEPING_DECORATORS.has(decorator))) return undefined;
  const classBody = holder.parent?.type === 'block' && holder.parent.parent?.type === 'class_definition' ? holder.parent : undefined;
  if (!classBody) return { names: [{ name, member: false }], use: use(0) };
  // A method's callers write no `self` or `cls`: the object supplies it.
  const shift = decorators.includes('staticmethod') ? 0 : 1;
  if (name !== '__init__') return { names: [{ name, member: true }], use: use(shift) };
  const className = classBody.parent!.childForFieldName('name')?.text;
  return className
    ? {
        names: [
          { name: className, member: false },
          { name, member: true },
        ],
        use: use(shift),
      }
    : undefined;
}

/** The parameter's position among those a call can fill by position; undefined when it is keyword-only. */
function positionOf(list: SyntaxNode, parameter: SyntaxNode): number | undefined {
  let position = 0;
  for (const child of namedChildren(list)) {
    if (child.startIndex === parameter.startIndex) return position;
    if (child.type === 'keyword_separator' || child.type === 'list_splat_pattern' || child.type === 'dictionary_splat_pattern')
      return undefined;
    if (child.type !== 'positional_separator' && child.type !== 'comment') position++;
  }
  return undefined;
}

function pythonCallerUse(occurrence: SyntaxNode, position: number | undefined, keyword: string, written: SyntaxNode): CallerUse {
  const parent = occurrence.parent;
  if (!parent) return 'overrides';
  const isField = (node: SyntaxNode, name: string) => node.childForFieldName(name)?.startIndex === occurrence.startIndex;
  if ((parent.type === 'function_definition' || parent.type === 'class_definition') && isField(parent, 'name')) return 'declares';
  if (parent.type === 'assignment' && isField(parent, 'left') && parent.childForFieldName('right')?.type === 'lambda') return 'declares';
  const callee = parent.type === 'attribute' && isField(parent, 'attribute') ? parent : occurrence;
  const call = callee.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== callee.startIndex) return 'overrides';
  const args = call.childForFieldName('arguments');
  // `make(x for x in xs)` passes a generator.
  if (args?.type !== 'argument_list') return 'overrides';
  const list = namedChildren(args).filter((arg) => arg.type !== 'comment');
  if (list.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return 'overrides';
  const byKeyword = list.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === keyword);
  const positional = list.filter((arg) => arg.type !== 'keyword_argument');
  const passed = byKeyword?.childForFieldName('value') ?? (position === undefined || position < 0 ? undefined : positional[position]);
  if (!passed) return 'keeps';
  const value = plainString(passed);
  return value !== undefined && value === plainString(written) ? 'keeps' : 'overrides';
}

/** The content of a string literal with nothing interpolated in it (escapes are kept as written). */
function plainString(node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  const parts = namedChildren(node);
  if (parts.some((part) => part.type !== 'string_start' && part.type !== 'string_content' && part.type !== 'string_end')) return undefined;
  return parts.find((part) => part.type === 'string_content')?.text ?? '';
}

type Factory = 'client' | 'resource' | 'session';

/** A client's region, with the literal a quick fix replaces when the region is written as one. */
interface RegionReading {
  readonly region: ClientRegion;
  readonly literal?: SyntaxNode;
}

const UNKNOWN_REGION: RegionReading = { region: { kind: 'unknown' } };

interface FactoryCall {
  readonly kind: Factory;
  readonly call: SyntaxNode;
  /** The session the client is made from (`session.client('s3')`), when it is one. */
  readonly session?: FactoryCall;
  /** boto3's module-level `client()` / `resource()`: made from the default session. */
  readonly fromDefaultSession?: boolean;
}

class PythonFile {
  private readonly bindings: BindingIndex;
  private readonly memberUses: (name: string) => number;
  private readonly boto3: Boto3Imports;

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
    private readonly profileRegion?: ProfileRegionLookup,
  ) {
    this.memberUses = memberUseCounter(text);
    this.bindings = new BindingIndex(root, text, PY_BINDING_RULES);
    this.boto3 = new Boto3Imports(root, text);
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

  /**
   * `fallback`: also read a default on an environment variable (see envFallback) as its literal, with when it
   * applies. Only a client's region is read that way: its finding says when it holds.
   */
  private resolveString(node: SyntaxNode, depth = 0, via?: string, fallback = false): StringValue | undefined {
    if (depth > MAX_FOLLOW_DEPTH) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'string') {
      const value = plainString(target);
      return value === undefined ? undefined : { value, literal: target, via };
    }
    if (target.type === 'identifier' || target.type === 'attribute') {
      const bound = this.bindingOf(target);
      return bound ? this.resolveString(bound, depth + 1, via ?? target.text, fallback) : undefined;
    }
    const found = fallback ? this.envFallback(target) : undefined;
    const value = found && this.resolveString(found.literal, depth + 1, via);
    return value && { ...value, when: `when ${found.variable} is ${found.emptyCounts ? 'unset or empty' : 'unset'}` };
  }

  /** `os.environ.get("X")` / `os.getenv("X")`, with the default argument if one is passed. */
  private envLookup(node: SyntaxNode): { variable: string; fallback?: SyntaxNode } | undefined {
    if (node.type !== 'call' || !/^os\s*\.\s*(?:environ\s*\.\s*get|getenv)$/.test(node.childForFieldName('function')?.text ?? ''))
      return undefined;
    const args = node.childForFieldName('arguments');
    const list = args ? namedChildren(args).filter((arg) => arg.type !== 'comment') : [];
    if (list.length === 0 || list.length > 2 || list.some((arg) => arg.type !== 'string' && arg.type !== 'identifier')) return undefined;
    const variable = this.resolveString(list[0]!)?.value;
    return variable ? { variable, fallback: list[1] } : undefined;
  }

  /**
   * A region that falls back to a literal when an environment variable is not set: `os.environ.get("X", "r")`,
   * `os.getenv("X", "r")` (X unset) and `os.getenv("X") or "r"` (X unset or empty). The other branch is the
   * machine's, so only the literal's is judged.
   */
  private envFallback(node: SyntaxNode): { variable: string; literal: SyntaxNode; emptyCounts: boolean } | undefined {
    if (node.type === 'call') {
      const lookup = this.envLookup(node);
      return lookup?.fallback ? { variable: lookup.variable, literal: lookup.fallback, emptyCounts: false } : undefined;
    }
    if (node.type !== 'boolean_operator' || node.childForFieldName('operator')?.type !== 'or') return undefined;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const lookup = left ? this.envLookup(this.unwrap(left)) : undefined;
    return lookup && !lookup.fallback && right ? { variable: lookup.variable, literal: right, emptyCounts: true } : undefined;
  }

  private resolveDict(node: SyntaxNode, depth = 0): KeyedShape | undefined {
    if (depth > MAX_FOLLOW_DEPTH) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'identifier' || target.type === 'attribute') {
      const bound = this.bindingOf(target);
      return bound ? this.resolveDict(bound, depth + 1) : undefined;
    }
    if (target.type === 'dictionary') return this.keywords(target, namedChildren(target), depth);
    if (target.type === 'call' && target.childForFieldName('function')?.text === 'dict') {
      const args = target.childForFieldName('arguments');
      return args ? this.keywords(target, namedChildren(args), depth) : undefined;
    }
    return undefined;
  }

  /** The keys of dictionary pairs, `dict()` or call keywords and `**` splats (positional arguments carry none). */
  private keywords(owner: SyntaxNode, elements: SyntaxNode[], depth: number): KeyedShape {
    return keyedShape(owner, elements, (element) => this.keywordEntry(element, depth));
  }

  private keywordEntry(element: SyntaxNode, depth: number): ListEntry | undefined {
    if (element.type === 'dictionary_splat') {
      const inner = element.namedChildren[0];
      return { kind: 'spread', shape: inner ? this.resolveDict(inner, depth + 1) : undefined };
    }
    if (element.type !== 'pair' && element.type !== 'keyword_argument') return undefined;
    const key = element.childForFieldName(element.type === 'pair' ? 'key' : 'name');
    const value = element.childForFieldName('value');
    if (!key || !value) return undefined;
    const keyText =
      element.type === 'keyword_argument' && key.type === 'identifier'
        ? key.text
        : key.type === 'string'
          ? this.resolveString(key)?.value
          : undefined;
    return keyText === undefined ? { kind: 'unreadable-key' } : { kind: 'key', key: keyText, value };
  }

  /** `boto3.client('s3', ...)`, `client('s3')`, `session.resource('s3')`, `boto3.Session(...)`. */
  private factoryOf(node: SyntaxNode, depth = 0): FactoryCall | undefined {
    if (depth > MAX_FOLLOW_DEPTH) return undefined;
    const target = this.unwrap(node);
    if (target.type === 'identifier' || target.type === 'attribute') {
      const bound = this.bindingOf(target);
      return bound ? this.factoryOf(bound, depth + 1) : undefined;
    }
    if (target.type !== 'call') return undefined;
    const fn = target.childForFieldName('function');
    if (!fn) return undefined;
    const named = this.boto3.resolve(fn);
    if (named === 'Session') return { kind: 'session', call: target };
    // boto3's own `client()` / `resource()`, else a session's (`session.client(...)`).
    const fromDefaultSession = named === 'client' || named === 'resource';
    const method = fromDefaultSession ? named : fn.type === 'attribute' && !named ? fn.childForFieldName('attribute')?.text : undefined;
    if (method !== 'client' && method !== 'resource') return undefined;
    const args = target.childForFieldName('arguments');
    const keywords = args ? this.keywords(args, namedChildren(args), depth) : undefined;
    const firstPositional = args ? namedChildren(args).find((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment') : undefined;
    const serviceNode = firstPositional ?? (keywords && valueNode(keywords.get('service_name')));
    if (!serviceNode || this.resolveString(serviceNode)?.value !== 's3') return undefined;
    if (fromDefaultSession) return { kind: method, call: target, fromDefaultSession };
    const session = this.factoryOf(fn.childForFieldName('object')!, depth + 1);
    return session?.kind === 'session' ? { kind: method, call: target, session } : undefined;
  }

  private keywordsOf(call: SyntaxNode): KeyedShape | undefined {
    const args = call.childForFieldName('arguments');
    return args ? this.keywords(args, namedChildren(args), 0) : undefined;
  }

  /** The region of a client, resource or session call. */
  private regionOf(factory: FactoryCall): RegionReading {
    const keywords = this.keywordsOf(factory.call);
    if (!keywords) return UNKNOWN_REGION;
    if (keywords.get('endpoint_url').kind !== 'absent') return UNKNOWN_REGION;
    const config = keywords.get('config');
    if (config.kind === 'unknown') return UNKNOWN_REGION;
    if (config.kind === 'value') {
      // botocore Config(s3=...) can switch the us-east-1 endpoint style; Config(region_name=...) sets the region.
      const configCall = this.unwrap(config.node);
      const configKeywords = configCall.type === 'call' ? this.keywordsOf(configCall) : undefined;
      if (!configKeywords || configKeywords.get('s3').kind !== 'absent' || configKeywords.get('region_name').kind !== 'absent')
        return UNKNOWN_REGION;
    }
    const args = factory.call.childForFieldName('arguments');
    const positional = args ? namedChildren(args).filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment') : [];
    if (positional.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return UNKNOWN_REGION;
    const regionKeyword = keywords.get('region_name');
    if (regionKeyword.kind === 'unknown') return UNKNOWN_REGION;
    // region_name is the second positional parameter of client()/resource(), the fourth of Session().
    const regionNode = positional[factory.kind === 'session' ? 3 : 1] ?? valueNode(regionKeyword);
    if (!regionNode || this.unwrap(regionNode).type === 'none') return this.defaultRegion(factory, keywords);
    const value = this.resolveString(regionNode, 0, undefined, true);
    return value ? { region: codeRegion(value), literal: value.literal } : UNKNOWN_REGION;
  }

  private defaultRegion(factory: FactoryCall, keywords: KeyedShape): RegionReading {
    if (factory.session) return this.regionOf(factory.session);
    const profile = keywords.get('profile_name');
    if (profile.kind === 'unknown') return UNKNOWN_REGION;
    if (profile.kind === 'value') {
      const name = this.resolveString(profile.node);
      const configured: ConfiguredRegion | undefined = name && this.profileRegion?.(name.value);
      return { region: configured ? { kind: 'configured', configured } : { kind: 'unknown' } };
    }
    if (factory.fromDefaultSession) {
      const defaultSession = this.defaultSessionSetup();
      if (defaultSession) return defaultSession;
    }
    return { region: { kind: 'configured' } };
  }

  /** `boto3.setup_default_session(region_name=...)` changes what `boto3.client('s3')` uses. */
  private defaultSessionSetup(): RegionReading | undefined {
    // `boto3.setup_default_session(...)`, also imported under another name (`from boto3 import setup_default_session as setup`).
    const names = new Set(['setup_default_session', ...this.boto3.namesOf('setup_default_session')]);
    const calls = [...this.text.matchAll(new RegExp(`\\b(${[...names].map(escapeRegExp).join('|')})\\s*\\(`, 'g'))];
    if (calls.length === 0) return undefined;
    if (calls.length > 1) return UNKNOWN_REGION;
    const name = this.root.descendantForIndex(calls[0]!.index, calls[0]!.index + calls[0]![1]!.length);
    let call: SyntaxNode | null | undefined = name?.parent;
    if (call?.type === 'attribute') call = call.parent;
    if (call?.type !== 'call') return UNKNOWN_REGION;
    return this.regionOf({ kind: 'session', call });
  }

  sites(): CreateBucketSite[] {
    const sites: CreateBucketSite[] = [];
    for (const { call, object, method } of this.candidateCalls()) {
      const receiver = method === 'create' ? this.resourceOfBucket(object) : object;
      const factory = receiver && this.factoryOf(receiver);
      // Clients and resources have `create_bucket`; `Bucket(...).create` belongs to resources.
      const creates = factory?.kind === 'resource' || (factory?.kind === 'client' && method === 'create_bucket');
      if (receiver && factory && creates) sites.push(respectRegionGuard(call, this.site(call, receiver, factory)));
    }
    return sites;
  }

  /** The resource of `s3.Bucket('name').create(...)` (`s3`), also when the Bucket is bound to a name first. */
  private resourceOfBucket(object: SyntaxNode): SyntaxNode | undefined {
    let bucket = this.unwrap(object);
    if (bucket.type === 'identifier') bucket = this.bindingOf(bucket) ?? bucket;
    const fn = bucket.type === 'call' ? bucket.childForFieldName('function') : undefined;
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'Bucket') return undefined;
    return fn.childForFieldName('object') ?? undefined;
  }

  private site(call: SyntaxNode, receiver: SyntaxNode, factory: FactoryCall): CreateBucketSite {
    const { region, literal } = this.regionOf(factory);
    const reading = readWrittenConstraint(this.keywordsOf(call), {
      shape: (node) => this.resolveDict(node),
      string: (node) => this.resolveString(node),
    });
    const receiverText = this.unwrap(receiver).text;
    // Edits follow the file's quoting: double quotes only where the file uses nothing else.
    const quote = this.text.includes('"') && !this.text.includes("'") ? '"' : "'";
    const q = (value: string) => `${quote}${value}${quote}`;
    return {
      tool: 'boto3',
      range: nodeRange(call.childForFieldName('function') ?? call),
      description: `${(call.childForFieldName('function')?.text ?? receiverText).replace(/\s+/g, '')}(...)`,
      client: region,
      constraint: reading.constraint,
      clientShared: receiver.type !== 'call' && this.memberUses(receiverText) > 1,
      setClientRegion: (target) => {
        if (!literal) return appendArgument(factory.call, `region_name=${q(target)}`);
        // The delimiters are `string_start` / `string_end` (`r'`, `'''`, ...).
        const start = literal.namedChildren[0];
        const end = literal.namedChildren[literal.namedChildren.length - 1];
        return [replaceStringContent(literal, start?.text.length ?? 1, end?.text.length ?? 1, target)];
      },
      clientForThisCall: (target) => {
        const callee = factory.kind === 'session' ? undefined : this.boto3.callee(factory.kind);
        if (!callee || (receiver.type !== 'identifier' && receiver.type !== 'attribute')) return undefined;
        return [replaceNode(receiver, `${callee}(${q('s3')}, region_name=${q(target)})`)];
      },
      removeConstraint: () => removeConstraintEdits(reading, { element: 'keyword_argument', literal: 'dictionary' }),
      addConstraint: (target) => addConstraintEdits(call, reading, `${q('LocationConstraint')}: ${q(target)}`),
    };
  }
}

/** boto3 sends no LocationConstraint of its own: adds `entry` to the written configuration, or the configuration. */
function addConstraintEdits(call: SyntaxNode, reading: ConstraintReading, entry: string): TextEdit[] | undefined {
  const { constraint } = reading;
  if (constraint.kind !== 'absent') return undefined;
  if (!constraint.hasCreateBucketConfiguration) return appendArgument(call, `CreateBucketConfiguration={${entry}}`);
  const dict = reading.configuration?.element.childForFieldName('value');
  const open = dict?.type === 'dictionary' ? dict.firstChild : undefined;
  if (!dict || !open) return undefined;
  const separator = namedChildren(dict).length > 0 ? ', ' : '';
  return [insertAt(open.endPosition.row, open.endPosition.column, `${entry}${separator}`)];
}

function appendArgument(call: SyntaxNode, argument: string): TextEdit[] | undefined {
  const args = call.childForFieldName('arguments');
  return args ? appendListElement(args, ')', argument) : undefined;
}

export function extractPythonSites(root: SyntaxNode, text: string, profileRegion?: ProfileRegionLookup): CreateBucketSite[] {
  if (!CREATE_BUCKET_TEXT.python.test(text)) return [];
  return new PythonFile(root, text, profileRegion).sites();
}
