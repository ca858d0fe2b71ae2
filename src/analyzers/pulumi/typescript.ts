import type { Range } from '../../core/range';
import type { SyntaxNode } from '../parser-runtime';
import { appendListElement, namedChildren, nodeRange } from '../region/syntax';
import { addTagsFix, tagPairs } from './fixes';
import type { ProviderReading, PulumiResource, TagsReading } from './model';

/**
 * Reads `@pulumi/aws` resources from a TypeScript or JavaScript program: `new aws.s3.Bucket("name", args, opts)`
 * through `import * as aws from "@pulumi/aws"`, `import { s3 } from "@pulumi/aws"`, `import * as s3 from
 * "@pulumi/aws/s3"` or `require("@pulumi/aws")`; explicit providers `new aws.Provider("p", { defaultTags: { tags } })`
 * bound once to a name in the file and passed as `{ provider: p }`.
 */
const PACKAGE = '@pulumi/aws';

interface PackageNames {
  /** Names bound to the whole package (`aws`). */
  readonly roots: Set<string>;
  /** Names bound to one module of it (`s3` for `import { s3 }`). */
  readonly modules: Map<string, string>;
  /** Names bound to its Provider class. */
  readonly providerClasses: Set<string>;
}

function stringLiteral(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') {
    const parts = namedChildren(node);
    if (parts.some((part) => part.type !== 'string_fragment')) return undefined;
    return parts.map((part) => part.text).join('');
  }
  if (node.type === 'template_string') {
    if (namedChildren(node).some((part) => part.type !== 'string_fragment')) return undefined;
    return node.text.slice(1, -1);
  }
  return undefined;
}

function propertyKey(key: SyntaxNode | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'property_identifier' || key.type === 'identifier') return key.text;
  if (key.type === 'number') return key.text;
  return stringLiteral(key);
}

/** The nodes the reader needs, from one walk of the tree (each walk costs about as much as a tenth of the parse). */
interface ProgramNodes {
  readonly declarators: SyntaxNode[];
  readonly assignments: SyntaxNode[];
  readonly constructions: SyntaxNode[];
}

function programNodes(root: SyntaxNode): ProgramNodes {
  const nodes: ProgramNodes = { declarators: [], assignments: [], constructions: [] };
  for (const node of root.descendantsOfType([
    'variable_declarator',
    'assignment_expression',
    'augmented_assignment_expression',
    'new_expression',
  ])) {
    if (!node) continue;
    if (node.type === 'variable_declarator') nodes.declarators.push(node);
    else if (node.type === 'new_expression') nodes.constructions.push(node);
    else nodes.assignments.push(node);
  }
  return nodes;
}

function packageNames(root: SyntaxNode, declarators: readonly SyntaxNode[]): PackageNames {
  const names: PackageNames = { roots: new Set(), modules: new Map(), providerClasses: new Set() };
  for (const statement of namedChildren(root)) {
    if (statement.type === 'import_statement') {
      const source = stringLiteral(statement.childForFieldName('source'));
      if (!source || !(source === PACKAGE || source.startsWith(`${PACKAGE}/`))) continue;
      const module = source === PACKAGE ? undefined : source.slice(PACKAGE.length + 1);
      const clause = namedChildren(statement).find((child) => child.type === 'import_clause');
      for (const part of clause ? namedChildren(clause) : []) {
        if (part.type === 'namespace_import' || part.type === 'identifier') {
          const name = part.type === 'identifier' ? part.text : namedChildren(part)[0]?.text;
          if (!name) continue;
          if (module) names.modules.set(name, module);
          else names.roots.add(name);
        } else if (part.type === 'named_imports' && !module) {
          for (const specifier of namedChildren(part).filter((child) => child.type === 'import_specifier')) {
            const imported = specifier.childForFieldName('name')?.text;
            const local = specifier.childForFieldName('alias')?.text ?? imported;
            if (!imported || !local) continue;
            if (imported === 'Provider') names.providerClasses.add(local);
            else if (/^[a-z]/.test(imported)) names.modules.set(local, imported);
          }
        }
      }
    }
  }
  // const aws = require("@pulumi/aws")
  for (const declarator of declarators) {
    const value = declarator.childForFieldName('value');
    if (value?.type !== 'call_expression') continue;
    const name = declarator.childForFieldName('name');
    if (name?.type !== 'identifier') continue;
    if (value.childForFieldName('function')?.text !== 'require') continue;
    const source = stringLiteral(namedChildren(value.childForFieldName('arguments')!)[0]);
    if (source === PACKAGE) names.roots.add(name.text);
    else if (source?.startsWith(`${PACKAGE}/`)) names.modules.set(name.text, source.slice(PACKAGE.length + 1));
  }
  return names;
}

/** `aws.s3.Bucket` → ['aws', 's3', 'Bucket']; undefined for anything but a plain dotted name. */
function dottedName(node: SyntaxNode | null): string[] | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'member_expression') return undefined;
  const object = dottedName(node.childForFieldName('object'));
  const property = node.childForFieldName('property');
  return object && property?.type === 'property_identifier' ? [...object, property.text] : undefined;
}

type Constructed = { kind: 'resource'; token: string; written: string } | { kind: 'provider' };

function constructed(node: SyntaxNode, names: PackageNames): Constructed | undefined {
  const path = dottedName(node.childForFieldName('constructor'));
  if (!path) return undefined;
  if (path.length === 3 && names.roots.has(path[0]!)) return { kind: 'resource', token: `${path[1]}.${path[2]}`, written: path.join('.') };
  if (path.length === 2 && names.roots.has(path[0]!) && path[1] === 'Provider') return { kind: 'provider' };
  if (path.length === 2 && names.modules.has(path[0]!))
    return { kind: 'resource', token: `${names.modules.get(path[0]!)}.${path[1]}`, written: path.join('.') };
  if (path.length === 1 && names.providerClasses.has(path[0]!)) return { kind: 'provider' };
  return undefined;
}

interface ObjectReading {
  readonly props: Map<string, { pair: SyntaxNode; value: SyntaxNode | null }>;
  /** A spread, a computed key or a method: keys Tagsight cannot see. */
  readonly opaque: boolean;
}

function readObject(node: SyntaxNode): ObjectReading {
  const props = new Map<string, { pair: SyntaxNode; value: SyntaxNode | null }>();
  let opaque = false;
  for (const child of namedChildren(node)) {
    if (child.type === 'comment') continue;
    if (child.type === 'pair') {
      const key = propertyKey(child.childForFieldName('key'));
      if (key === undefined) opaque = true;
      else props.set(key, { pair: child, value: child.childForFieldName('value') });
    } else if (child.type === 'shorthand_property_identifier') {
      props.set(child.text, { pair: child, value: null });
    } else {
      opaque = true;
    }
  }
  return { props, opaque };
}

function readTagMap(node: SyntaxNode | null): TagsReading {
  if (node?.type !== 'object') return { kind: 'unknown' };
  const { props, opaque } = readObject(node);
  const entries = new Map<string, { value?: string; valueRange?: Range }>();
  for (const [key, { value }] of props) {
    const text = stringLiteral(value);
    entries.set(key, text !== undefined && value ? { value: text, valueRange: nodeRange(value) } : {});
  }
  return { kind: 'map', entries, complete: !opaque };
}

function providerDefaultTags(args: SyntaxNode | undefined): TagsReading {
  if (!args) return { kind: 'absent' };
  if (args.type !== 'object') return { kind: 'unknown' };
  const { props, opaque } = readObject(args);
  if (opaque) return { kind: 'unknown' };
  const defaultTags = props.get('defaultTags');
  if (!defaultTags) return { kind: 'absent' };
  if (defaultTags.value?.type !== 'object') return { kind: 'unknown' };
  const inner = readObject(defaultTags.value);
  if (inner.opaque) return { kind: 'unknown' };
  const tags = inner.props.get('tags');
  return tags ? readTagMap(tags.value) : { kind: 'absent' };
}

function argumentsOf(node: SyntaxNode): SyntaxNode[] {
  const list = node.childForFieldName('arguments');
  return list ? namedChildren(list).filter((child) => child.type !== 'comment') : [];
}

/** Providers bound once (`const p = new aws.Provider(...)`) by name; a name bound twice or reassigned is left out. */
function providerBindings(nodes: ProgramNodes, names: PackageNames): Map<string, TagsReading> {
  const bindings = new Map<string, TagsReading>();
  const seen = new Set<string>();
  const ambiguous = new Set<string>();
  for (const declarator of nodes.declarators) {
    const name = declarator.childForFieldName('name');
    if (name?.type !== 'identifier') continue;
    if (seen.has(name.text)) ambiguous.add(name.text);
    seen.add(name.text);
    const value = declarator.childForFieldName('value');
    if (value?.type === 'new_expression' && constructed(value, names)?.kind === 'provider') {
      bindings.set(name.text, providerDefaultTags(argumentsOf(value)[1]));
    }
  }
  for (const assignment of nodes.assignments) {
    const left = assignment.childForFieldName('left');
    if (left?.type === 'identifier') ambiguous.add(left.text);
  }
  for (const name of ambiguous) bindings.delete(name);
  return bindings;
}

function readProvider(options: SyntaxNode | undefined, providers: Map<string, TagsReading>, names: PackageNames): ProviderReading {
  if (!options) return { kind: 'default' };
  if (options.type !== 'object') return { kind: 'unknown' };
  const { props, opaque } = readObject(options);
  const provider = props.get('provider');
  if (provider) {
    const value = provider.value ?? (provider.pair.type === 'shorthand_property_identifier' ? provider.pair : null);
    if (value?.type === 'identifier') {
      const tags = providers.get(value.text);
      return tags ? { kind: 'explicit', name: value.text, defaultTags: tags } : { kind: 'unknown' };
    }
    if (value?.type === 'new_expression' && constructed(value, names)?.kind === 'provider') {
      return { kind: 'explicit', name: 'inline provider', defaultTags: providerDefaultTags(argumentsOf(value)[1]) };
    }
    return { kind: 'unknown' };
  }
  if (opaque || props.has('providers') || props.has('parent')) return { kind: 'unknown' };
  return { kind: 'default' };
}

function tsKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function readResource(
  node: SyntaxNode,
  token: string,
  written: string,
  providers: Map<string, TagsReading>,
  names: PackageNames,
): PulumiResource {
  const [nameArg, args, options] = argumentsOf(node);
  const name = stringLiteral(nameArg);
  const description = `${written}${name !== undefined ? ` "${name}"` : ''}`;
  const header = nodeRange(node.childForFieldName('constructor') ?? node);
  const provider = readProvider(options, providers, names);
  const pairs = (missing: Parameters<PulumiResource['fixes']>[0]) => tagPairs(missing, (key, value) => `${tsKey(key)}: "${value}"`);
  if (!args) {
    const list = node.childForFieldName('arguments');
    return {
      token,
      description,
      provider,
      range: header,
      tags: { kind: 'absent' },
      fixes: (missing) => (nameArg && list ? addTagsFix(missing, appendListElement(list, ')', `{ tags: { ${pairs(missing)} } }`)) : []),
    };
  }
  if (args.type !== 'object') return { token, description, provider, range: header, tags: { kind: 'unknown' }, fixes: () => [] };
  const { props, opaque } = readObject(args);
  const tagsProp = props.get('tags');
  if (opaque) return { token, description, provider, range: header, tags: { kind: 'unknown' }, fixes: () => [] };
  if (!tagsProp) {
    return {
      token,
      description,
      provider,
      range: header,
      tags: { kind: 'absent' },
      fixes: (missing) => addTagsFix(missing, appendListElement(args, '}', `tags: { ${pairs(missing)} }`)),
    };
  }
  const tags = readTagMap(tagsProp.value);
  const tagObject = tagsProp.value;
  return {
    token,
    description,
    provider,
    tags,
    range: nodeRange(tagsProp.pair),
    fixes: (missing) => (tagObject?.type === 'object' ? addTagsFix(missing, appendListElement(tagObject, '}', pairs(missing))) : []),
  };
}

export function readTypeScriptProgram(root: SyntaxNode): PulumiResource[] {
  const nodes = programNodes(root);
  const names = packageNames(root, nodes.declarators);
  if (names.roots.size === 0 && names.modules.size === 0) return [];
  const providers = providerBindings(nodes, names);
  const resources: PulumiResource[] = [];
  for (const node of nodes.constructions) {
    const what = constructed(node, names);
    if (what?.kind === 'resource') resources.push(readResource(node, what.token, what.written, providers, names));
  }
  return resources;
}
