import { type CodeFinding, type CodeFix, clipForMessage } from '../../core/code-finding';
import { describeSource } from '../../core/policy-sources';
import type { TagPolicy } from '../../core/tag-policy';
import type { SyntaxNode } from '../parser-runtime';
import { checkResourceTags, quoteKeys } from '../tag-findings';
import { cloudFormationTypeForTerraform, isTerraformTaggable } from '../taggable-types';
import { TerraformFixBuilder } from './fixes';
import { type TagMap, emptyTagMap, evaluateTagMap, mergeTagMaps, unknownTagMap } from './hcl-eval';
import {
  type BlockParts,
  BlockReader,
  type WantedMembers,
  attributeExpression,
  blockHeaderRange,
  blockLabels,
  bodyAttributes,
  nodeRange,
  stringLiteralText,
  traversal,
} from './hcl-nodes';
import { type ModuleModel, type ProviderInfo, defaultTagsFor, indexBlocks, withoutRanges } from './module-model';
import { RULE_CATALOG } from '../../core/rule-catalog';

export interface TerraformCheckInput {
  readonly root: SyntaxNode;
  readonly text: string;
  readonly filePath: string;
  readonly model: ModuleModel;
  readonly policy: TagPolicy;
  readonly additionalTaggableTypes?: readonly string[];
  /**
   * Findings per resource block from the previous analysis: the caller clears it when anything else they depend
   * on changes (policy, settings, ModuleModel.signature). After an edit only the edited block is judged again.
   */
  readonly cache?: ResourceCache;
  /**
   * In a tree with syntax errors only whole blocks are judged: no error inside, and not reaching past this offset
   * (an unclosed string, after which the tree pairs quotes the wrong way). See syntax-recovery.ts.
   */
  readonly readableEnd?: number;
}

/**
 * Resource findings by the block's start (`row:column`: findings hold positions), valid while the block's text
 * and the file's indentation unit (fix texts use it) are the same. Keyed by position rather than by the text
 * itself, which would copy and hash every block of a large file on each analysis.
 */
export type ResourceCache = Map<string, { readonly text: string; readonly indentUnit: string; readonly findings: CodeFinding[] }>;

/** The tags a resource sets itself: its `tags` attribute, or for aws_autoscaling_group its `tag {}` blocks. */
function resourceOwnTags(
  parts: BlockParts,
  model: ModuleModel,
  type: string,
): { tags: TagMap; tagsAttribute?: SyntaxNode; tagsExpression?: SyntaxNode } {
  const tagsAttribute = parts.attributes.get('tags');
  const tagsExpression = tagsAttribute ? attributeExpression(tagsAttribute) : undefined;
  const result: TagMap[] = [];
  if (tagsAttribute) result.push(tagsExpression ? evaluateTagMap(tagsExpression, model) : unknownTagMap());
  const tagBlocks = parts.blocks.get('tag') ?? [];
  if (tagBlocks.length > 0) {
    const fromBlocks = emptyTagMap();
    let complete = true;
    for (const tagBlock of tagBlocks) {
      const fields = bodyAttributes(tagBlock);
      const keyExpression = fields.get('key') && attributeExpression(fields.get('key')!);
      const key = keyExpression ? stringLiteralText(keyExpression) : undefined;
      if (key === undefined) {
        complete = false;
        continue;
      }
      const valueExpression = fields.get('value') && attributeExpression(fields.get('value')!);
      const value = valueExpression ? stringLiteralText(valueExpression) : undefined;
      fromBlocks.entries.set(key, {
        key,
        ...(value !== undefined ? { value } : {}),
        ...(valueExpression ? { valueRange: nodeRange(valueExpression) } : {}),
      });
    }
    result.push({ ...fromBlocks, complete });
  }
  // `dynamic "tag" { for_each = ... }` generates tags we cannot list; only an Auto Scaling group takes tags as
  // `tag` blocks (the provider schema), so any other dynamic block (`access_log_settings`, `ingress`) says nothing.
  if (type === 'aws_autoscaling_group' && (parts.blocks.get('dynamic') ?? []).some((block) => blockLabels(block)[0] === 'tag'))
    result.push(unknownTagMap());
  return {
    tags: result.length ? mergeTagMaps(result) : emptyTagMap(),
    ...(tagsAttribute ? { tagsAttribute } : {}),
    ...(tagsExpression ? { tagsExpression } : {}),
  };
}

/**
 * Types the AWS provider does not give its default_tags: "default tags for all resources except Auto Scaling
 * Groups" (HashiCorp, Default Tags in the Terraform AWS Provider); tflint's aws_resource_missing_tags agrees.
 */
const TYPES_WITHOUT_DEFAULT_TAGS: ReadonlySet<string> = new Set(['aws_autoscaling_group']);

/** What a resource's tags come from (its provider's default_tags too). */
const RESOURCE_MEMBERS: WantedMembers = { attributes: ['tags', 'provider'], blocks: ['tag', 'dynamic'] };

export function checkTerraformFile(input: TerraformCheckInput): CodeFinding[] {
  const findings: CodeFinding[] = [];
  if (input.policy.requirements.length === 0) return findings;
  const fixBuilder = new TerraformFixBuilder(input.text);
  const used: ResourceCache = new Map();
  const indentUnit = input.cache ? fixBuilder.unit() : '';
  const reader = new BlockReader(input.root, input.text);
  const isWhole = wholeBlockTest(input);
  try {
    for (const ref of indexBlocks(input.root, input.text)) {
      if (ref.kind !== 'resource' || !isWhole(ref.node)) continue;
      const position = `${ref.row}:${ref.column}`;
      const text = input.text.slice(ref.startIndex, ref.endIndex);
      const cached = input.cache?.get(position);
      const result =
        cached && cached.text === text && cached.indentUnit === indentUnit
          ? cached.findings
          : checkResource(reader.parts(ref.node, RESOURCE_MEMBERS), ref.node, input, fixBuilder);
      if (input.cache) used.set(position, { text, indentUnit, findings: result });
      findings.push(...result);
    }
  } finally {
    reader.dispose();
  }
  if (input.cache) {
    input.cache.clear();
    for (const [position, entry] of used) input.cache.set(position, entry);
  }
  findings.push(...checkProviderDefaultTags(input, { requireBlock: false }, fixBuilder));
  return findings;
}

/** Whether a block is whole (see TerraformCheckInput.readableEnd); in a tree without errors every block is. */
function wholeBlockTest(input: TerraformCheckInput): (block: SyntaxNode) => boolean {
  if (!input.root.hasError) return () => true;
  const readableEnd = input.readableEnd ?? input.text.length;
  return (block) => block.endIndex <= readableEnd && !block.hasError;
}

function checkResource(parts: BlockParts, block: SyntaxNode, input: TerraformCheckInput, fixBuilder: TerraformFixBuilder): CodeFinding[] {
  const [type, name] = parts.labels;
  if (!type || name === undefined || !isTerraformTaggable(type, input.additionalTaggableTypes)) return [];
  const providerExpression = parts.attributes.get('provider') && attributeExpression(parts.attributes.get('provider')!);
  const providerPath = providerExpression ? traversal(providerExpression) : undefined;
  const providerAlias = providerPath && providerPath.length >= 2 ? providerPath[1]! : '';
  const cfnType = cloudFormationTypeForTerraform(type);
  const own = resourceOwnTags(parts, input.model, type);
  const provider = input.model.declaresProviders ? input.model.providers.get(providerAlias) : undefined;
  const rawDefaults = TYPES_WITHOUT_DEFAULT_TAGS.has(type) ? undefined : defaultTagsFor(input.model, providerAlias);
  // A disallowed default value is located at the provider only when the provider is in this file.
  const defaults = rawDefaults && provider?.file !== input.filePath ? withoutRanges(rawDefaults) : rawDefaults;
  const tags = defaults ? mergeTagMaps([defaults, own.tags]) : own.tags;
  return checkResourceTags(
    {
      resource: `${type}.${name}`,
      typeNames: cfnType ? [type, cfnType] : [type],
      tags,
      range: own.tagsExpression ? nodeRange(own.tagsExpression) : parts.headerRange,
      fixes: (missing) => {
        const fixes: CodeFix[] = [];
        const ownFix = fixBuilder.resourceFix(block, type, missing, own.tagsAttribute ?? null, parts.shape);
        if (ownFix) fixes.push(ownFix);
        if (provider && provider.file === input.filePath && !TYPES_WITHOUT_DEFAULT_TAGS.has(type)) {
          const viaProvider = fixBuilder.providerFix(provider, missing);
          if (viaProvider) fixes.push(viaProvider);
        }
        return fixes;
      },
    },
    input.policy,
  );
}

/**
 * tflint's aws_provider_missing_default_tags: a provider's default_tags should carry the keys required of every
 * type. With `requireBlock` a provider without default_tags is reported too (tflint's behaviour when the rule is
 * enabled); by default Tagsight only checks default_tags blocks that exist, since many teams tag per resource.
 */
export function checkProviderDefaultTags(
  input: TerraformCheckInput,
  options: { requireBlock: boolean },
  fixBuilder = new TerraformFixBuilder(input.text),
): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const universal = input.policy.requirements.filter((requirement) => !requirement.resourceTypes || requirement.resourceTypes.length === 0);
  if (universal.length === 0) return findings;
  const isWhole = wholeBlockTest(input);
  for (const provider of input.model.providers.values()) {
    if (provider.file !== input.filePath || !isWhole(provider.block)) continue;
    const address = provider.alias ? `provider.aws.${provider.alias}` : 'provider.aws';
    if (!provider.defaultTagsBlock) {
      if (!options.requireBlock) continue;
      findings.push({
        rule: 'tagsight.missing-tags',
        severity: RULE_CATALOG['tagsight.missing-tags'].defaultSeverity,
        message: `The aws provider${provider.alias ? ` with alias "${clipForMessage(provider.alias, 30)}"` : ''} has no default_tags block; add one with the required tags.`,
        details: [`Required tags ${quoteKeys(universal.map((r) => r.key))}, by ${describeSource(universal[0]!.source)}.`],
        range: blockHeaderRange(provider.block),
        resource: address,
        missing: [],
        source: universal[0]!.source,
        properties: { kind: 'missing-default-tags-block' },
      });
      continue;
    }
    const expression = provider.defaultTagsAttribute ? attributeExpression(provider.defaultTagsAttribute) : undefined;
    const tags = expression ? evaluateTagMap(expression, input.model) : emptyTagMap();
    const providerFindings = checkResourceTags(
      {
        resource: `${address} default_tags`,
        typeNames: ['*'],
        tags,
        range: provider.defaultTagsAttribute ? nodeRange(provider.defaultTagsAttribute) : blockHeaderRange(provider.defaultTagsBlock),
        fixes: (missing) => {
          const fix = fixBuilder.providerFix(provider, missing);
          return fix ? [{ ...fix, isPreferred: true }] : [];
        },
      },
      { requirements: universal },
    );
    findings.push(
      ...providerFindings.map((finding) => ({
        ...finding,
        resource: address,
        properties: { ...finding.properties, kind: 'provider-default-tags' },
      })),
    );
  }
  return findings;
}

export type { ProviderInfo };
