import type { SyntaxNode } from '../parser-runtime';
import * as path from 'node:path';
import { type EvalScope, type TagEntry, type TagMap, evaluateTagMap } from './hcl-eval';
import {
  allBlocks,
  attributeExpression,
  blockKind,
  blockLabels,
  bodyAttributes,
  bodyBlocks,
  stringLiteralText,
  traversal,
  unwrap,
} from './hcl-nodes';

/**
 * What a Terraform module (the .tf files of one directory) declares that tag checks need: aws providers with
 * their default_tags per alias, locals, resources. Built from parse trees of every file of the module, so a
 * provider in providers.tf applies to a resource in main.tf.
 */
export interface ProviderInfo {
  readonly alias: string;
  readonly block: SyntaxNode;
  readonly file: string;
  readonly defaultTagsBlock?: SyntaxNode;
  /** The `tags` attribute inside default_tags. */
  readonly defaultTagsAttribute?: SyntaxNode;
}

export interface ModuleModel extends EvalScope {
  /** Changes whenever a provider or locals block changes (text or place): cached resource results depend on it. */
  readonly signature: string;
  readonly providers: ReadonlyMap<string, ProviderInfo>;
  /** True when some file declares `provider "aws"`: otherwise this is a child module and defaults come from the caller. */
  readonly declaresProviders: boolean;
  /** defaultTagsFor results per alias (every resource of a provider shares them). */
  readonly evaluatedDefaults?: Map<string, TagMap | undefined>;
  /** Default tags passed in by a calling module (local module sources), per alias of this module. */
  readonly inheritedDefaults?: ReadonlyMap<string, TagMap>;
}

export interface ModuleFile {
  readonly path: string;
  readonly root: SyntaxNode;
  /** The file's text: a block's kind is read from it at the block's offset, far cheaper than asking the tree. */
  readonly text: string;
}

/** A block with its keyword, read from the text. */
export interface BlockRef {
  readonly kind: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly row: number;
  readonly column: number;
  readonly node: SyntaxNode;
}

const KEYWORD = /[A-Za-z_][A-Za-z0-9_-]*/y;
const indexes = new WeakMap<SyntaxNode, BlockRef[]>();

function keywordAt(text: string, offset: number): string {
  KEYWORD.lastIndex = offset;
  return KEYWORD.exec(text)?.[0] ?? '';
}

/**
 * The file's blocks with their keyword read from the text, far cheaper than asking the tree. A tree without
 * errors has its blocks at the top level only, fetched in one call (each further question to a node crosses into
 * WASM, which is what costs); a tree with errors is searched at any depth, since error recovery can nest later
 * blocks inside a broken one.
 */
export function indexBlocks(root: SyntaxNode, text: string): BlockRef[] {
  const known = indexes.get(root);
  if (known) return known;
  const refs: BlockRef[] = [];
  const blocks = root.hasError ? allBlocks(root) : topLevelBlocks(root);
  for (const block of blocks) {
    const { startIndex, startPosition } = block;
    refs.push({
      kind: keywordAt(text, startIndex),
      startIndex,
      endIndex: block.endIndex,
      row: startPosition.row,
      column: startPosition.column,
      node: block,
    });
  }
  indexes.set(root, refs);
  return refs;
}

function topLevelBlocks(root: SyntaxNode): SyntaxNode[] {
  // Comments before the first block are siblings of the body, not inside it.
  const body = root.namedChildren.find((child) => child?.type === 'body');
  return (body?.namedChildren ?? []).filter((child): child is SyntaxNode => child?.type === 'block');
}

export function buildModuleModel(files: readonly ModuleFile[], inheritedDefaults?: ReadonlyMap<string, TagMap>): ModuleModel {
  const providers = new Map<string, ProviderInfo>();
  const locals = new Map<string, SyntaxNode>();
  const signature: string[] = [];
  for (const file of files) {
    for (const ref of indexBlocks(file.root, file.text)) {
      if (ref.kind !== 'provider' && ref.kind !== 'locals') continue;
      signature.push(`${file.path}@${ref.startIndex}:${file.text.slice(ref.startIndex, ref.endIndex)}`);
      const block = ref.node;
      const kind = blockKind(block);
      if (kind === 'provider' && blockLabels(block)[0] === 'aws') {
        const attributes = bodyAttributes(block);
        const aliasAttribute = attributes.get('alias');
        const aliasExpression = aliasAttribute ? attributeExpression(aliasAttribute) : undefined;
        const alias = aliasExpression ? (stringLiteralText(aliasExpression) ?? '') : '';
        const defaultTagsBlock = bodyBlocks(block, 'default_tags')[0];
        const defaultTagsAttribute = defaultTagsBlock ? bodyAttributes(defaultTagsBlock).get('tags') : undefined;
        if (!providers.has(alias)) {
          providers.set(alias, {
            alias,
            block,
            file: file.path,
            ...(defaultTagsBlock ? { defaultTagsBlock } : {}),
            ...(defaultTagsAttribute ? { defaultTagsAttribute } : {}),
          });
        }
      } else if (kind === 'locals') {
        for (const [name, attribute] of bodyAttributes(block)) {
          const expression = attributeExpression(attribute);
          if (expression && !locals.has(name)) locals.set(name, expression);
        }
      }
    }
  }
  if (inheritedDefaults)
    signature.push(
      JSON.stringify([...inheritedDefaults].map(([alias, map]) => [alias, [...map.entries.values()], [...map.unknownKeys], map.complete])),
    );
  return {
    providers,
    locals,
    evaluatedLocals: new Map(),
    evaluatedDefaults: new Map(),
    signature: signature.join('\u0000'),
    declaresProviders: providers.size > 0,
    ...(inheritedDefaults ? { inheritedDefaults } : {}),
  };
}

/**
 * The default tags a resource gets from its provider. Undefined when there are none. A child module without
 * providers gets nothing unless the caller's defaults were passed in (tflint ignores them there, as can we).
 */
export function defaultTagsFor(model: ModuleModel, alias: string): TagMap | undefined {
  if (model.evaluatedDefaults?.has(alias)) return model.evaluatedDefaults.get(alias);
  const value = evaluateDefaultTags(model, alias);
  model.evaluatedDefaults?.set(alias, value);
  return value;
}

function evaluateDefaultTags(model: ModuleModel, alias: string): TagMap | undefined {
  if (!model.declaresProviders) return model.inheritedDefaults?.get(alias);
  const provider = model.providers.get(alias);
  if (!provider?.defaultTagsAttribute) return undefined;
  const expression = attributeExpression(provider.defaultTagsAttribute);
  return expression ? evaluateTagMap(expression, model) : undefined;
}

export interface LocalModuleCall {
  /** Absolute directory of the called module. */
  readonly directory: string;
  /** Child provider alias -> caller provider alias ('' is the default provider). */
  readonly providers: ReadonlyMap<string, string>;
}

/** `module "x" { source = "./x" providers = { aws = aws.eu } }` blocks of a file whose source is a local path. */
export function localModuleCalls(file: ModuleFile, directory: string): LocalModuleCall[] {
  const calls: LocalModuleCall[] = [];
  for (const ref of indexBlocks(file.root, file.text)) {
    if (ref.kind !== 'module') continue;
    const attributes = bodyAttributes(ref.node);
    const sourceExpression = attributes.get('source') && attributeExpression(attributes.get('source')!);
    const source = sourceExpression ? stringLiteralText(sourceExpression) : undefined;
    if (!source || !(source.startsWith('./') || source.startsWith('../'))) continue;
    const providers = new Map<string, string>();
    const providersExpression = attributes.get('providers') && attributeExpression(attributes.get('providers')!);
    const object = providersExpression ? unwrap(providersExpression) : undefined;
    if (object?.type === 'object') {
      for (const element of object.namedChildren) {
        if (element?.type !== 'object_elem') continue;
        const key = element.childForFieldName('key');
        const value = element.childForFieldName('val');
        const childPath = key ? traversal(key) : undefined;
        const parentPath = value ? traversal(value) : undefined;
        if (childPath?.[0] !== 'aws' || parentPath?.[0] !== 'aws') continue;
        providers.set(childPath[1] ?? '', parentPath[1] ?? '');
      }
    } else {
      // Without `providers`, the child inherits the caller's default aws provider.
      providers.set('', '');
    }
    calls.push({ directory: path.resolve(directory, source), providers });
  }
  return calls;
}

/** Default tags from another file: their value positions do not belong to the file being checked. */
export function withoutRanges(map: TagMap): TagMap {
  const entries = new Map<string, TagEntry>();
  for (const [key, entry] of map.entries) entries.set(key, entry.value !== undefined ? { key, value: entry.value } : { key });
  return { entries, unknownKeys: new Set(map.unknownKeys), complete: map.complete };
}

/** What every map certainly has: keys present in all; a key in only some is unknown. */
export function intersectTagMaps(maps: readonly TagMap[]): TagMap {
  const [first, ...rest] = maps;
  if (!first) return { entries: new Map(), unknownKeys: new Set(), complete: true };
  const entries = new Map<string, TagEntry>();
  const unknownKeys = new Set<string>(maps.flatMap((map) => [...map.unknownKeys]));
  for (const [key, entry] of first.entries) {
    if (rest.every((map) => map.entries.has(key)))
      entries.set(key, rest.every((map) => map.entries.get(key)!.value === entry.value) ? entry : { key });
    else unknownKeys.add(key);
  }
  for (const map of rest) for (const key of map.entries.keys()) if (!entries.has(key)) unknownKeys.add(key);
  return { entries, unknownKeys, complete: maps.every((map) => map.complete) };
}
