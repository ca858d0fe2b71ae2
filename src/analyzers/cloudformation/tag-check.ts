import { type CodeFinding, MAX_MESSAGE_LENGTH } from '../../core/code-finding';
import type { RequiredTag, TagPolicy } from '../../core/tag-policy';
import { checkResourceTags, requirementsForTypes } from '../tag-findings';
import { type CfnTagInfo, cloudFormationTagInfo } from '../taggable-types';
import { type ExpandedResource, expandResources } from './for-each';
import { cloudFormationFix } from './fixes';
import type { ParsedTemplate } from './parse-template';
import { brokenResources } from './syntax-recovery';
import { tagVariants } from './tag-values';
import { type CfnEntry, type CfnMap, type CfnNode, entry, scalarString } from './template-node';

/** Not every YAML or JSON file is a template: it needs the format version, a SAM transform, or typed resources. */
export function isTemplate(root: CfnNode | undefined): root is CfnMap {
  if (root?.kind !== 'map') return false;
  if (entry(root, 'AWSTemplateFormatVersion')) return true;
  const transform = entry(root, 'Transform')?.value;
  const transforms = transform?.kind === 'seq' ? transform.items : transform ? [transform] : [];
  if (transforms.some((item) => scalarString(item)?.startsWith('AWS::Serverless') || scalarString(item) === 'AWS::LanguageExtensions'))
    return true;
  const resources = entry(root, 'Resources')?.value;
  if (resources?.kind !== 'map') return false;
  return resources.entries.some((resource) =>
    /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(scalarString(entry(resource.value, 'Type')?.value) ?? ''),
  );
}

/** SAM `Globals: { Function: { Tags: {...} } }` apply to every AWS::Serverless::Function, and so on. */
function samGlobalTags(root: CfnMap, type: string): CfnNode | undefined {
  if (!type.startsWith('AWS::Serverless::')) return undefined;
  const section = entry(entry(root, 'Globals')?.value, type.slice('AWS::Serverless::'.length))?.value;
  return entry(section, 'Tags')?.value;
}

export function checkTemplate(template: ParsedTemplate, policy: TagPolicy): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const root = template.root;
  if (!isTemplate(root) || policy.requirements.length === 0) return findings;
  const resources = entry(root, 'Resources')?.value;
  if (resources?.kind !== 'map') return findings;
  // A resource with a syntax error in it is not whole: what parsed of it may lack the tags that follow the error.
  const broken = brokenResources(template);
  const whole = resources.entries.filter((resource) => !broken.has(resource));
  for (const resource of expandResources(root, whole)) {
    if (resource.bindings.length <= 1) {
      findings.push(...checkResource(template, root, resources, resource.logicalIds[0]!, resource.entry, policy, resource.bindings[0]));
      continue;
    }
    findings.push(...checkLoopResource(template, root, resources, resource, policy));
  }
  return findings;
}

/**
 * An `Fn::ForEach` template resource, checked for each item: findings that differ only in the logical id become one
 * finding naming every id it holds for (a value written with the identifier may differ per item).
 */
function checkLoopResource(
  template: ParsedTemplate,
  root: CfnMap,
  resources: CfnMap,
  resource: ExpandedResource,
  policy: TagPolicy,
): CodeFinding[] {
  const groups = new Map<string, { finding: CodeFinding; ids: string[] }>();
  resource.bindings.forEach((binding, index) => {
    const id = resource.logicalIds[index] ?? resource.logicalIds[0]!;
    for (const finding of checkResource(template, root, resources, LOGICAL_ID_PLACEHOLDER, resource.entry, policy, binding)) {
      const group = `${finding.rule}|${finding.message}|${JSON.stringify(finding.range)}`;
      const existing = groups.get(group);
      if (existing) existing.ids.push(id);
      else groups.set(group, { finding, ids: [id] });
    }
  });
  return [...groups.values()].map(({ finding, ids }) => {
    const name = ids.join(', ');
    // The message names every item while it fits in one short sentence, else the first and a count (resource keeps all).
    const full = finding.message.replaceAll(LOGICAL_ID_PLACEHOLDER, name);
    const message =
      full.length <= MAX_MESSAGE_LENGTH || ids.length === 1
        ? full
        : finding.message.replaceAll(LOGICAL_ID_PLACEHOLDER, `${ids[0]!} and ${ids.length - 1} more`);
    return { ...finding, resource: name, message };
  });
}

/** Stands for the logical id while the items of a loop are checked one by one. */
const LOGICAL_ID_PLACEHOLDER = '\u0000id\u0000';

/**
 * Where a resource's own tags are written: its tag property, or for a `spec` type the Tags of the tag specification
 * whose ResourceType is the resource itself (undefined `tagsNode` with `unknown`: not readable from the template).
 */
function ownTags(properties: CfnNode | undefined, info: CfnTagInfo): { tagsEntry?: CfnEntry; anchor?: CfnEntry; unknown?: boolean } {
  const path = info.property.split('.');
  let holder = properties;
  for (const step of path.slice(0, -1)) holder = entry(holder, step)?.value;
  const property = entry(holder, path[path.length - 1]!);
  if (info.shape !== 'spec' || !property) return property ? { tagsEntry: property } : {};
  const specifications = property.value;
  if (specifications?.kind !== 'seq') return { anchor: property, unknown: true };
  let found: CfnEntry | undefined;
  for (const item of specifications.items) {
    const resourceType = item.kind === 'map' ? entry(item, 'ResourceType')?.value : undefined;
    const literal = scalarString(resourceType);
    if (literal === undefined) return { anchor: property, unknown: true };
    if (literal !== info.specResourceType) continue;
    // Two specifications for the same resource type: which wins is not documented, so nothing is judged.
    if (found) return { anchor: property, unknown: true };
    found = entry(item, 'Tags');
    if (!found) return { anchor: property, unknown: true };
  }
  return found ? { tagsEntry: found } : { anchor: property };
}

/**
 * An EC2 instance launched from a launch template gets the template's `instance` tag specifications too (the
 * instance's own tags win for the same key). Undefined tags with `unknown` when the launch template is not one
 * of this template's resources (a parameter, an import): the instance may get any tags from it.
 */
function launchTemplateTags(resources: CfnMap, type: string, properties: CfnNode | undefined): { tags?: CfnNode; unknown: boolean } {
  if (type !== 'AWS::EC2::Instance') return { unknown: false };
  const reference = entry(properties, 'LaunchTemplate')?.value;
  if (!reference) return { unknown: false };
  const id = entry(reference, 'LaunchTemplateId')?.value ?? entry(reference, 'LaunchTemplateName')?.value;
  const target = id?.kind === 'intrinsic' && id.name === 'Ref' ? entry(resources, scalarString(id.argument) ?? '')?.value : undefined;
  if (scalarString(entry(target, 'Type')?.value) !== 'AWS::EC2::LaunchTemplate') return { unknown: true };
  const data = entry(entry(entry(target, 'Properties')?.value, 'LaunchTemplateData')?.value, 'TagSpecifications')?.value;
  if (!data) return { unknown: false };
  if (data.kind !== 'seq') return { unknown: true };
  const resourceTypes = data.items.map((item) => scalarString(entry(item, 'ResourceType')?.value));
  const forInstances = data.items.filter((_, index) => resourceTypes[index] === 'instance');
  if (resourceTypes.includes(undefined) || forInstances.length > 1) return { unknown: true };
  const tags = entry(forInstances[0], 'Tags')?.value;
  return tags ? { tags, unknown: false } : { unknown: false };
}

function checkResource(
  template: ParsedTemplate,
  root: CfnMap,
  resources: CfnMap,
  logicalId: string,
  resource: CfnEntry,
  policy: TagPolicy,
  binding?: ReadonlyMap<string, string>,
): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const body = resource.value;
  if (body?.kind !== 'map') return findings;
  const type = scalarString(entry(body, 'Type')?.value);
  const info = type ? cloudFormationTagInfo(type) : undefined;
  if (!type || !info) return findings;
  if (requirementsForTypes(policy, [type]).length === 0) return findings;
  const properties = entry(body, 'Properties');
  const own = ownTags(properties?.value, info);
  const tagsEntry = own.tagsEntry;
  const launched = launchTemplateTags(resources, type, properties?.value);
  const rawVariants = tagVariants(tagsEntry?.value, samGlobalTags(root, type) ?? launched.tags, binding);
  // Tags from outside the template (an unreadable tag specification or launch template): nothing is missing for sure.
  const variants =
    own.unknown || launched.unknown
      ? rawVariants.map((variant) => ({ ...variant, tags: { ...variant.tags, complete: false } }))
      : rawVariants;
  const anchor = tagsEntry ?? own.anchor;
  const range = anchor ? anchor.keyRange : resource.keyRange;
  // A tag specification's Tags list takes list items; with no specification for the resource, no edit is offered.
  const fixable = info.shape !== 'spec' || tagsEntry !== undefined;
  const fixTarget = {
    resource: body,
    ...(properties ? { properties } : {}),
    ...(tagsEntry ? { tagsEntry } : {}),
    tagProperty: info.property,
    shape: info.shape === 'spec' ? ('list' as const) : info.shape,
  };
  const fixes = (missing: readonly RequiredTag[]) => {
    const fix = fixable ? cloudFormationFix(template.lines, template.syntax, fixTarget, missing) : undefined;
    return fix ? [fix] : [];
  };
  const check = (variantIndex: number, keys?: ReadonlySet<string>, withFixes = false) => {
    const variant = variants[variantIndex]!;
    const scoped = keys ? { requirements: policy.requirements.filter((r) => keys.has(r.key)) } : policy;
    return checkResourceTags(
      {
        resource: logicalId,
        typeNames: [type],
        tags: variant.tags,
        range,
        ...(variant.conditions.length ? { qualifier: `when ${variant.conditions.join(' and ')}` } : {}),
        ...(withFixes ? { fixes } : {}),
      },
      scoped,
    );
  };
  if (variants.length === 1) return check(0, undefined, true);
  // Several branches: keys missing in every branch are reported once, the rest per branch. Fixes are built
  // only for the findings reported.
  const perVariant = variants.map((_, index) => check(index));
  const missingSets = perVariant.map((list) => new Set(list.find((f) => f.rule === 'tagsight.missing-tags')?.missing ?? []));
  const always = new Set([...missingSets[0]!].filter((key) => missingSets.every((set) => set.has(key))));
  const seen = new Set<string>();
  const push = (finding: CodeFinding) => {
    const id = `${finding.rule}|${finding.message}|${JSON.stringify(finding.range)}`;
    if (!seen.has(id)) {
      seen.add(id);
      findings.push(finding);
    }
  };
  if (always.size > 0) {
    const requirements = policy.requirements.filter((r) => always.has(r.key));
    const common = checkResourceTags(
      { resource: logicalId, typeNames: [type], tags: { entries: new Map(), unknownKeys: new Set(), complete: true }, range, fixes },
      { requirements },
    );
    for (const finding of common) push(finding);
  }
  variants.forEach((_, index) => {
    const extra = new Set([...missingSets[index]!].filter((key) => !always.has(key)));
    if (extra.size > 0) for (const finding of check(index, extra, true)) if (finding.rule === 'tagsight.missing-tags') push(finding);
    for (const finding of perVariant[index]!) if (finding.rule !== 'tagsight.missing-tags') push(finding);
  });
  return findings;
}
