import { type CfnEntry, type CfnMap, type CfnNode, entry, scalarString } from './template-node';

/**
 * `Fn::ForEach::Name: [Identifier, Collection, { 'Out${Identifier}': {...} }]` under `Resources` (with
 * `Transform: AWS::LanguageExtensions`): one resource per collection item, its logical id the output key with
 * `${Identifier}` replaced by the item (`&{Identifier}` by the item without non-alphanumeric characters). Loops nest.
 *
 * The collection is read when it is a literal list, or a `Ref` to a parameter with a `Default` (what a deploy
 * that does not override the parameter creates). Otherwise the items are unknown and the template resource is
 * checked once under its output key as written: whether a tag key is present does not depend on the item, and
 * what does (a value or key written with the identifier) reads as unknown, so that one check reports only what
 * holds for every resource the loop creates.
 */
export interface ExpandedResource {
  /** The logical id(s): one per known item, or the output key as written when the items are unknown. */
  readonly logicalIds: readonly string[];
  /** The entry whose key is the output key (or the plain resource's logical id): findings point at it. */
  readonly entry: CfnEntry;
  /** Identifier -> item, for values written with the identifier; absent when the items are unknown. */
  readonly bindings: ReadonlyArray<ReadonlyMap<string, string>>;
}

const FOR_EACH_PREFIX = 'Fn::ForEach::';
const MAX_ITEMS = 100;
const MAX_NESTING = 5;

export function isForEachKey(key: string): boolean {
  return key.startsWith(FOR_EACH_PREFIX);
}

/** Every resource of a `Resources` map, loops expanded. */
export function expandResources(root: CfnMap, resources: readonly CfnEntry[]): ExpandedResource[] {
  const out: ExpandedResource[] = [];
  for (const resource of resources) {
    if (isForEachKey(resource.key)) expandLoop(root, resource.value, [new Map()], 0, out);
    else out.push({ logicalIds: [resource.key], entry: resource, bindings: [new Map()] });
  }
  return out;
}

function expandLoop(
  root: CfnMap,
  loop: CfnNode | undefined,
  outer: ReadonlyArray<ReadonlyMap<string, string>> | undefined,
  depth: number,
  out: ExpandedResource[],
): void {
  const args = loop?.kind === 'seq' ? loop.items : [];
  const identifier = scalarString(args[0]);
  const template = args[2];
  if (!identifier || args.length !== 3 || template?.kind !== 'map' || depth >= MAX_NESTING) return;
  const items = collectionItems(root, args[1]);
  if (items?.length === 0) return;
  // Every combination of the outer loops' items with this loop's; unknown anywhere makes the whole unknown.
  const bindings = outer && items ? outer.flatMap((binding) => items.map((item) => new Map([...binding, [identifier, item]]))) : undefined;
  if (bindings && bindings.length > MAX_ITEMS) return expandLoop(root, loop, undefined, depth, out);
  for (const output of template.entries) {
    if (isForEachKey(output.key)) {
      expandLoop(root, output.value, bindings, depth + 1, out);
      continue;
    }
    if (!bindings) {
      out.push({ logicalIds: [output.key], entry: output, bindings: [] });
      continue;
    }
    out.push({ logicalIds: [...new Set(bindings.map((binding) => substitute(output.key, binding)))], entry: output, bindings });
  }
}

/** The collection's items, or undefined when they are not known from the template. */
function collectionItems(root: CfnMap, collection: CfnNode | undefined): string[] | undefined {
  if (collection?.kind === 'seq') {
    const items = collection.items.map(scalarString);
    return items.every((item): item is string => item !== undefined) ? items : undefined;
  }
  if (collection?.kind === 'intrinsic' && collection.name === 'Ref') {
    const parameter = entry(entry(root, 'Parameters')?.value, scalarString(collection.argument) ?? '')?.value;
    const fallback = entry(parameter, 'Default')?.value;
    if (fallback?.kind === 'seq') return collectionItems(root, fallback);
    const text = scalarString(fallback);
    // A CommaDelimitedList parameter's default is one string of comma-separated values.
    return text === undefined ? undefined : text.split(',').map((item) => item.trim());
  }
  return undefined;
}

/** `${Id}` becomes the item, `&{Id}` the item without its non-alphanumeric characters. */
export function substitute(text: string, binding: ReadonlyMap<string, string>): string {
  return text.replace(/([$&])\{([^}]+)\}/g, (whole, sign: string, name: string) => {
    const item = binding.get(name);
    if (item === undefined) return whole;
    return sign === '&' ? item.replace(/[^A-Za-z0-9]/g, '') : item;
  });
}

/**
 * A value written with loop identifiers, as the literal it becomes for one item: `!Ref Identifier`, or
 * `!Sub 'text ${Identifier}'` naming only identifiers. Undefined for anything else.
 */
export function loopLiteral(node: CfnNode | undefined, binding: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!binding || binding.size === 0 || node?.kind !== 'intrinsic') return undefined;
  const argument = scalarString(node.argument);
  if (argument === undefined) return undefined;
  if (node.name === 'Ref') return binding.get(argument);
  if (node.name !== 'Fn::Sub') return undefined;
  const result = argument.replace(/\$\{([^}!]+)\}/g, (whole, name: string) => binding.get(name) ?? whole);
  return /\$\{[^}!]/.test(result) ? undefined : result;
}
