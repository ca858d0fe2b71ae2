import type { SyntaxNode } from '../parser-runtime';
import { type EvalScope, type TagMap, evaluateTagMap } from './hcl-eval';
import { allBlocks, attributeExpression, blockKind, blockLabels, bodyAttributes, bodyBlocks, stringLiteralText, traversal } from './hcl-nodes';

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

export interface ResourceInfo {
  readonly type: string;
  readonly name: string;
  readonly block: SyntaxNode;
  /** Provider alias referenced by `provider = aws.x`; '' for the default provider. */
  readonly providerAlias: string;
}

export interface ModuleModel extends EvalScope {
  readonly providers: ReadonlyMap<string, ProviderInfo>;
  /** True when some file declares `provider "aws"`: otherwise this is a child module and defaults come from the caller. */
  readonly declaresProviders: boolean;
  /** Default tags passed in by a calling module (local module sources), per alias of this module. */
  readonly inheritedDefaults?: ReadonlyMap<string, TagMap>;
}

export interface ModuleFile {
  readonly path: string;
  readonly root: SyntaxNode;
}

export function buildModuleModel(files: readonly ModuleFile[], inheritedDefaults?: ReadonlyMap<string, TagMap>): ModuleModel {
  const providers = new Map<string, ProviderInfo>();
  const locals = new Map<string, SyntaxNode>();
  for (const file of files) {
    for (const block of allBlocks(file.root)) {
      const kind = blockKind(block);
      if (kind === 'provider' && blockLabels(block)[0] === 'aws') {
        const attributes = bodyAttributes(block);
        const aliasAttribute = attributes.get('alias');
        const aliasExpression = aliasAttribute ? attributeExpression(aliasAttribute) : undefined;
        const alias = aliasExpression ? (stringLiteralText(aliasExpression) ?? '') : '';
        const defaultTagsBlock = bodyBlocks(block, 'default_tags')[0];
        const defaultTagsAttribute = defaultTagsBlock ? bodyAttributes(defaultTagsBlock).get('tags') : undefined;
        if (!providers.has(alias)) {
          providers.set(alias, { alias, block, file: file.path, ...(defaultTagsBlock ? { defaultTagsBlock } : {}), ...(defaultTagsAttribute ? { defaultTagsAttribute } : {}) });
        }
      } else if (kind === 'locals') {
        for (const [name, attribute] of bodyAttributes(block)) {
          const expression = attributeExpression(attribute);
          if (expression && !locals.has(name)) locals.set(name, expression);
        }
      }
    }
  }
  return { providers, locals, declaresProviders: providers.size > 0, ...(inheritedDefaults ? { inheritedDefaults } : {}) };
}

export function resourcesOf(root: SyntaxNode): ResourceInfo[] {
  const resources: ResourceInfo[] = [];
  for (const block of allBlocks(root)) {
    if (blockKind(block) !== 'resource') continue;
    const [type, name] = blockLabels(block);
    if (!type || name === undefined) continue;
    const providerAttribute = bodyAttributes(block).get('provider');
    const providerExpression = providerAttribute ? attributeExpression(providerAttribute) : undefined;
    const path = providerExpression ? traversal(providerExpression) : undefined;
    resources.push({ type, name, block, providerAlias: path && path.length >= 2 ? path[1]! : '' });
  }
  return resources;
}

/**
 * The default tags a resource gets from its provider. Undefined when there are none. A child module without
 * providers gets nothing unless the caller's defaults were passed in (tflint ignores them there, as can we).
 */
export function defaultTagsFor(model: ModuleModel, alias: string): TagMap | undefined {
  if (!model.declaresProviders) return model.inheritedDefaults?.get(alias);
  const provider = model.providers.get(alias);
  if (!provider?.defaultTagsAttribute) return undefined;
  const expression = attributeExpression(provider.defaultTagsAttribute);
  return expression ? evaluateTagMap(expression, model) : undefined;
}
