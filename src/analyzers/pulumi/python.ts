import type { Range } from '../../core/range';
import type { SyntaxNode } from '../parser-runtime';
import { appendListElement, namedChildren, nodeRange } from '../region/syntax';
import { addTagsFix, tagPairs } from './fixes';
import type { ProviderReading, PulumiResource, TagsReading } from './model';

/**
 * Reads `pulumi_aws` resources from a Python program: `aws.s3.Bucket("name", tags={...}, opts=ResourceOptions(...))`
 * through `import pulumi_aws as aws`, `import pulumi_aws`, `from pulumi_aws import s3`; explicit providers
 * `aws.Provider("p", default_tags=aws.ProviderDefaultTagsArgs(tags={...}))` (or `default_tags={"tags": {...}}`)
 * assigned once to a name and passed as `opts=pulumi.ResourceOptions(provider=p)`.
 */
const PACKAGE = 'pulumi_aws';

interface PackageNames {
  readonly roots: Set<string>;
  readonly modules: Map<string, string>;
  readonly providerClasses: Set<string>;
}

function stringLiteral(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const parts = namedChildren(node);
  if (parts.some((part) => !['string_start', 'string_content', 'string_end'].includes(part.type))) return undefined;
  const start = parts.find((part) => part.type === 'string_start')?.text ?? '';
  // Raw and byte prefixes are fine; f-strings with no interpolation are plain text too.
  if (/[bB]/.test(start)) return undefined;
  return parts
    .filter((part) => part.type === 'string_content')
    .map((part) => part.text)
    .join('');
}

/** The nodes the reader needs, from one walk of the tree. */
interface ProgramNodes {
  readonly imports: SyntaxNode[];
  readonly assignments: SyntaxNode[];
  readonly calls: SyntaxNode[];
}

function programNodes(root: SyntaxNode): ProgramNodes {
  const nodes: ProgramNodes = { imports: [], assignments: [], calls: [] };
  for (const node of root.descendantsOfType(['import_statement', 'import_from_statement', 'assignment', 'augmented_assignment', 'call'])) {
    if (!node) continue;
    if (node.type === 'call') nodes.calls.push(node);
    else if (node.type.endsWith('assignment')) nodes.assignments.push(node);
    else nodes.imports.push(node);
  }
  return nodes;
}

function packageNames(imports: readonly SyntaxNode[]): PackageNames {
  const names: PackageNames = { roots: new Set(), modules: new Map(), providerClasses: new Set() };
  for (const statement of imports) {
    if (statement.type === 'import_statement') {
      for (const item of namedChildren(statement)) {
        const dotted = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
        const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined;
        if (dotted === PACKAGE) names.roots.add(alias ?? PACKAGE);
        else if (dotted?.startsWith(`${PACKAGE}.`) && alias) names.modules.set(alias, dotted.slice(PACKAGE.length + 1));
      }
      continue;
    }
    const module = statement.childForFieldName('module_name')?.text;
    if (module !== PACKAGE) continue;
    for (const item of statement.childrenForFieldName('name')) {
      if (!item) continue;
      const imported = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
      const local = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : imported;
      if (!imported || !local) continue;
      if (imported === 'Provider') names.providerClasses.add(local);
      else if (/^[a-z]/.test(imported)) names.modules.set(local, imported);
    }
  }
  return names;
}

function dottedName(node: SyntaxNode | null): string[] | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'attribute') return undefined;
  const object = dottedName(node.childForFieldName('object'));
  const attribute = node.childForFieldName('attribute');
  return object && attribute ? [...object, attribute.text] : undefined;
}

type Constructed = { kind: 'resource'; token: string; written: string } | { kind: 'provider' };

function constructed(call: SyntaxNode, names: PackageNames): Constructed | undefined {
  const path = dottedName(call.childForFieldName('function'));
  if (!path) return undefined;
  // `pulumi_aws.s3.Bucket` when imported without an alias has the same shape as `aws.s3.Bucket`.
  if (path.length === 3 && names.roots.has(path[0]!) && /^[A-Z]/.test(path[2]!))
    return { kind: 'resource', token: `${path[1]}.${path[2]}`, written: path.join('.') };
  if (path.length === 2 && names.roots.has(path[0]!) && path[1] === 'Provider') return { kind: 'provider' };
  if (path.length === 2 && names.modules.has(path[0]!) && /^[A-Z]/.test(path[1]!))
    return { kind: 'resource', token: `${names.modules.get(path[0]!)}.${path[1]}`, written: path.join('.') };
  if (path.length === 1 && names.providerClasses.has(path[0]!)) return { kind: 'provider' };
  return undefined;
}

interface ArgumentsReading {
  readonly positional: SyntaxNode[];
  readonly keywords: Map<string, SyntaxNode>;
  /** `*args` / `**kwargs`: arguments Tagsight cannot see. */
  readonly opaque: boolean;
}

function readArguments(list: SyntaxNode | null): ArgumentsReading {
  const reading: ArgumentsReading = { positional: [], keywords: new Map(), opaque: false };
  let opaque = false;
  for (const child of list ? namedChildren(list) : []) {
    if (child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text;
      const value = child.childForFieldName('value');
      if (name && value) reading.keywords.set(name, value);
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      opaque = true;
    } else {
      reading.positional.push(child);
    }
  }
  return { ...reading, opaque };
}

interface DictReading {
  readonly entries: Map<string, SyntaxNode | null>;
  readonly opaque: boolean;
}

function readDict(node: SyntaxNode): DictReading {
  const entries = new Map<string, SyntaxNode | null>();
  let opaque = false;
  for (const child of namedChildren(node)) {
    if (child.type === 'comment') continue;
    const key = child.type === 'pair' ? stringLiteral(child.childForFieldName('key')) : undefined;
    if (key === undefined) opaque = true;
    else entries.set(key, child.childForFieldName('value'));
  }
  return { entries, opaque };
}

function readTagMap(node: SyntaxNode | null | undefined): TagsReading {
  if (node?.type !== 'dictionary') return { kind: 'unknown' };
  const { entries: dict, opaque } = readDict(node);
  const entries = new Map<string, { value?: string; valueRange?: Range }>();
  for (const [key, value] of dict) {
    const text = stringLiteral(value);
    entries.set(key, text !== undefined && value ? { value: text, valueRange: nodeRange(value) } : {});
  }
  return { kind: 'map', entries, complete: !opaque };
}

function isCallOf(node: SyntaxNode | null | undefined, suffix: string): boolean {
  if (node?.type !== 'call') return false;
  const path = dottedName(node.childForFieldName('function'));
  return !!path && path[path.length - 1]!.endsWith(suffix);
}

function providerDefaultTags(call: SyntaxNode): TagsReading {
  const args = readArguments(call.childForFieldName('arguments'));
  if (args.opaque || args.positional.length > 1) return { kind: 'unknown' };
  const defaultTags = args.keywords.get('default_tags');
  if (!defaultTags) return { kind: 'absent' };
  if (isCallOf(defaultTags, 'DefaultTagsArgs') || isCallOf(defaultTags, 'DefaultTagsArgsDict')) {
    const inner = readArguments(defaultTags.childForFieldName('arguments'));
    if (inner.opaque || inner.positional.length > 0) return { kind: 'unknown' };
    const tags = inner.keywords.get('tags');
    return tags ? readTagMap(tags) : { kind: 'absent' };
  }
  if (defaultTags.type === 'dictionary') {
    const { entries, opaque } = readDict(defaultTags);
    if (opaque) return { kind: 'unknown' };
    return entries.has('tags') ? readTagMap(entries.get('tags')) : { kind: 'absent' };
  }
  return { kind: 'unknown' };
}

/** Providers assigned once (`p = aws.Provider(...)`) by name; a name assigned twice is left out. */
function providerBindings(assignments: readonly SyntaxNode[], names: PackageNames): Map<string, TagsReading> {
  const bindings = new Map<string, TagsReading>();
  const counts = new Map<string, number>();
  for (const assignment of assignments) {
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    counts.set(left.text, (counts.get(left.text) ?? 0) + 1);
    const right = assignment.childForFieldName('right');
    if (assignment.type === 'assignment' && right?.type === 'call' && constructed(right, names)?.kind === 'provider') {
      bindings.set(left.text, providerDefaultTags(right));
    }
  }
  for (const [name, count] of counts) if (count > 1) bindings.delete(name);
  return bindings;
}

function readProvider(opts: SyntaxNode | undefined, providers: Map<string, TagsReading>, names: PackageNames): ProviderReading {
  if (!opts) return { kind: 'default' };
  if (!isCallOf(opts, 'ResourceOptions')) return { kind: 'unknown' };
  const args = readArguments(opts.childForFieldName('arguments'));
  if (args.opaque || args.positional.length > 0) return { kind: 'unknown' };
  const provider = args.keywords.get('provider');
  if (provider) {
    if (provider.type === 'identifier') {
      const tags = providers.get(provider.text);
      return tags ? { kind: 'explicit', name: provider.text, defaultTags: tags } : { kind: 'unknown' };
    }
    if (provider.type === 'call' && constructed(provider, names)?.kind === 'provider') {
      return { kind: 'explicit', name: 'inline provider', defaultTags: providerDefaultTags(provider) };
    }
    return { kind: 'unknown' };
  }
  if (args.keywords.has('providers') || args.keywords.has('parent')) return { kind: 'unknown' };
  return { kind: 'default' };
}

function readResource(
  call: SyntaxNode,
  token: string,
  written: string,
  providers: Map<string, TagsReading>,
  names: PackageNames,
): PulumiResource {
  const list = call.childForFieldName('arguments');
  const args = readArguments(list);
  const nameArg = args.positional[0] ?? args.keywords.get('resource_name');
  const name = stringLiteral(nameArg);
  const description = `${written}${name !== undefined ? ` "${name}"` : ''}`;
  const header = nodeRange(call.childForFieldName('function') ?? call);
  const provider = readProvider(args.keywords.get('opts'), providers, names);
  const unknown: PulumiResource = { token, description, provider, range: header, tags: { kind: 'unknown' }, fixes: () => [] };
  // A positional or `args=` XxxArgs object, or splats: the tags may be in there.
  if (args.opaque || args.positional.length > 1 || args.keywords.has('args')) return unknown;
  const pairs = (missing: Parameters<PulumiResource['fixes']>[0]) =>
    tagPairs(missing, (key, value) => `${JSON.stringify(key)}: "${value}"`);
  const tagsNode = args.keywords.get('tags');
  if (!tagsNode) {
    return {
      token,
      description,
      provider,
      range: header,
      tags: { kind: 'absent' },
      fixes: (missing) => (list ? addTagsFix(missing, appendListElement(list, ')', `tags={${pairs(missing)}}`)) : []),
    };
  }
  const keyword = tagsNode.parent ?? tagsNode;
  return {
    token,
    description,
    provider,
    tags: readTagMap(tagsNode),
    range: nodeRange(keyword),
    fixes: (missing) => (tagsNode.type === 'dictionary' ? addTagsFix(missing, appendListElement(tagsNode, '}', pairs(missing))) : []),
  };
}

export function readPythonProgram(root: SyntaxNode): PulumiResource[] {
  const nodes = programNodes(root);
  const names = packageNames(nodes.imports);
  if (names.roots.size === 0 && names.modules.size === 0) return [];
  const providers = providerBindings(nodes.assignments, names);
  const resources: PulumiResource[] = [];
  for (const call of nodes.calls) {
    const what = constructed(call, names);
    if (what?.kind === 'resource') resources.push(readResource(call, what.token, what.written, providers, names));
  }
  return resources;
}
