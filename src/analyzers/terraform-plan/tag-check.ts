import type { Node } from 'jsonc-parser';
import type { CodeFinding } from '../../core/code-finding';
import type { Range } from '../../core/range';
import type { TagPolicy } from '../../core/tag-policy';
import type { LineIndex } from '../line-index';
import { type KnownTags, checkResourceTags, requirementsForTypes } from '../tag-findings';
import { cloudFormationTypeForTerraform, isTerraformTaggable } from '../taggable-types';
import { type ParsedPlan, isTrue, member, stringValue } from './plan-json';

/**
 * Required tags per planned resource: `planned_values` of every module, managed resources of taggable types, judged
 * by the same evaluation as the .tf analyzer. A plan has the values the .tf sources could not know (variables,
 * module outputs, provider default_tags merged into `tags_all`); what is still unknown until apply is marked in
 * `resource_changes[*].change.after_unknown` (Terraform leaves unknown values out of `planned_values`), and an
 * unknown key or map is never reported missing.
 */
export function checkTerraformPlan(plan: ParsedPlan, policy: TagPolicy, additionalTaggableTypes?: readonly string[]): CodeFinding[] {
  const findings: CodeFinding[] = [];
  if (policy.requirements.length === 0) return findings;
  const afterUnknown = afterUnknownByAddress(plan.root);
  for (const resource of plannedResources(plan.root)) {
    const type = stringValue(member(resource, 'type'));
    if (stringValue(member(resource, 'mode')) !== 'managed' || !type || !isTerraformTaggable(type, additionalTaggableTypes)) continue;
    const cfnType = cloudFormationTypeForTerraform(type);
    const typeNames = cfnType ? [type, cfnType] : [type];
    if (requirementsForTypes(policy, typeNames).length === 0) continue;
    const addressNode = member(resource, 'address');
    const address = stringValue(addressNode) ?? `${type}.${stringValue(member(resource, 'name')) ?? ''}`;
    findings.push(
      ...checkResourceTags(
        {
          resource: address,
          typeNames,
          tags: plannedTags(member(resource, 'values'), afterUnknown.get(address), plan.lines),
          range: resourceRange(resource, addressNode, plan.lines),
        },
        policy,
      ),
    );
  }
  return findings;
}

/** Resources of the root module and of every child module, in file order. */
function* plannedResources(root: Node): Generator<Node> {
  const modules = [member(member(root, 'planned_values'), 'root_module')];
  while (modules.length > 0) {
    const module = modules.pop();
    const resources = member(module, 'resources');
    if (resources?.type === 'array') for (const resource of resources.children ?? []) if (resource.type === 'object') yield resource;
    const children = member(module, 'child_modules');
    if (children?.type === 'array') modules.push(...[...(children.children ?? [])].reverse());
  }
}

function afterUnknownByAddress(root: Node): Map<string, Node> {
  const byAddress = new Map<string, Node>();
  const changes = member(root, 'resource_changes');
  for (const change of changes?.type === 'array' ? (changes.children ?? []) : []) {
    // A deposed object is the old half of a create-before-destroy replacement: it is going away.
    if (member(change, 'deposed') !== undefined) continue;
    const address = stringValue(member(change, 'address'));
    const unknown = member(member(change, 'change'), 'after_unknown');
    if (address !== undefined && unknown) byAddress.set(address, unknown);
  }
  return byAddress;
}

/** The `"address": ...` member, else the object's opening brace: plan JSON is often one line, so a column matters. */
function resourceRange(resource: Node, addressNode: Node | undefined, lines: LineIndex): Range {
  const property = addressNode?.parent;
  return property ? lines.range(property.offset, property.offset + property.length) : lines.range(resource.offset, resource.offset + 1);
}

interface PlannedTags {
  entries: Map<string, { value?: string; valueRange?: Range }>;
  unknownKeys: Set<string>;
  complete: boolean;
}

const emptyTags = (complete = true): PlannedTags => ({ entries: new Map(), unknownKeys: new Set(), complete });

/**
 * The tags a resource will carry: `tags_all` (its own tags and the provider's default_tags), else `tags` for types
 * without `tags_all`; plus `tag` blocks (aws_autoscaling_group).
 */
function plannedTags(values: Node | undefined, unknown: Node | undefined, lines: LineIndex): KnownTags {
  // No values at all (a hand-trimmed plan): nothing is known, so nothing is reported missing.
  if (values?.type !== 'object') return emptyTags(false);
  const tagsAll = member(values, 'tags_all');
  let tags: PlannedTags;
  if (tagsAll?.type === 'object') {
    tags = tagMap(tagsAll, member(unknown, 'tags_all'), lines);
  } else {
    tags = tagMap(member(values, 'tags'), member(unknown, 'tags'), lines);
    // tags_all known only after apply (a tag value or a default tag is unknown): the resource's own known tags
    // still win over any default, so their values can be judged; no key can be called missing.
    if (isTrue(member(unknown, 'tags_all'))) tags.complete = false;
  }
  const blocks = member(values, 'tag');
  const blocksUnknown = member(unknown, 'tag');
  if (blocks === undefined && blocksUnknown === undefined) return tags;
  const fromBlocks = tagList(blocks, blocksUnknown, lines);
  return {
    entries: new Map([...tags.entries, ...fromBlocks.entries]),
    unknownKeys: new Set([...tags.unknownKeys, ...fromBlocks.unknownKeys]),
    complete: tags.complete && fromBlocks.complete,
  };
}

/** A tags map; `null` is no tags. `unknown` is `true` for a wholly unknown map, or marks the unknown values. */
function tagMap(map: Node | undefined, unknown: Node | undefined, lines: LineIndex): PlannedTags {
  // The aws_autoscaling_group `tags` attribute of provider versions before 5 is a list of {key, value}.
  if (map?.type === 'array') return tagList(map, unknown, lines);
  const tags = emptyTags(!isTrue(unknown));
  for (const property of map?.type === 'object' ? (map.children ?? []) : []) {
    const [key, value] = property.children ?? [];
    if (key?.type === 'string') addEntry(tags, key.value as string, value, lines);
  }
  for (const property of unknown?.type === 'object' ? (unknown.children ?? []) : []) {
    const [key, marker] = property.children ?? [];
    if (key?.type === 'string' && isTrue(marker)) tags.unknownKeys.add(key.value as string);
  }
  return tags;
}

/** `[{ "key": ..., "value": ... }]`. Unknown elements of a set are left out of the plan without a trace. */
function tagList(list: Node | undefined, unknown: Node | undefined, lines: LineIndex): PlannedTags {
  const tags = emptyTags(!containsTrue(unknown));
  for (const item of list?.type === 'array' ? (list.children ?? []) : []) {
    const key = stringValue(member(item, 'key'));
    if (key === undefined) tags.complete = false;
    else addEntry(tags, key, member(item, 'value'), lines);
  }
  return tags;
}

function addEntry(tags: PlannedTags, key: string, value: Node | undefined, lines: LineIndex): void {
  if (value?.type === 'string' || value?.type === 'number' || value?.type === 'boolean') {
    tags.entries.set(key, { value: String(value.value), valueRange: lines.range(value.offset, value.offset + value.length) });
  } else {
    // Left out (unknown), null, or not a string: the key is there but its value cannot be judged.
    tags.entries.set(key, {});
  }
}

function containsTrue(node: Node | undefined): boolean {
  return isTrue(node) || (node?.children ?? []).some(containsTrue);
}
