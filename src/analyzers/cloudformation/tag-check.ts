import type { CodeFinding } from '../../core/code-finding';
import type { RequiredTag, TagPolicy } from '../../core/tag-policy';
import { checkResourceTags, requirementsForTypes } from '../tag-findings';
import { cloudFormationTagInfo } from '../taggable-types';
import { cloudFormationFix } from './fixes';
import type { ParsedTemplate } from './parse-template';
import { brokenResources } from './syntax-recovery';
import { tagVariants } from './tag-values';
import { type CfnMap, type CfnNode, entry, scalarString } from './template-node';

/** Not every YAML or JSON file is a template: it needs the format version, a SAM transform, or typed resources. */
export function isTemplate(root: CfnNode | undefined): root is CfnMap {
  if (root?.kind !== 'map') return false;
  if (entry(root, 'AWSTemplateFormatVersion')) return true;
  const transform = entry(root, 'Transform')?.value;
  const transforms = transform?.kind === 'seq' ? transform.items : transform ? [transform] : [];
  if (transforms.some((item) => scalarString(item)?.startsWith('AWS::Serverless'))) return true;
  const resources = entry(root, 'Resources')?.value;
  if (resources?.kind !== 'map') return false;
  return resources.entries.some((resource) => /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(scalarString(entry(resource.value, 'Type')?.value) ?? ''));
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
  for (const resource of resources.entries) {
    if (broken.has(resource)) continue;
    const body = resource.value;
    if (body?.kind !== 'map') continue;
    const type = scalarString(entry(body, 'Type')?.value);
    const info = type ? cloudFormationTagInfo(type) : undefined;
    if (!type || !info) continue;
    if (requirementsForTypes(policy, [type]).length === 0) continue;
    const properties = entry(body, 'Properties');
    const tagsEntry = entry(properties?.value, info.property);
    const variants = tagVariants(tagsEntry?.value, samGlobalTags(root, type));
    const range = tagsEntry ? tagsEntry.keyRange : resource.keyRange;
    const fixTarget = { resource: body, ...(properties ? { properties } : {}), ...(tagsEntry ? { tagsEntry } : {}), tagProperty: info.property, shape: info.shape };
    const fixes = (missing: readonly RequiredTag[]) => {
      const fix = cloudFormationFix(template.lines, template.syntax, fixTarget, missing);
      return fix ? [fix] : [];
    };
    const check = (variantIndex: number, keys?: ReadonlySet<string>, withFixes = false) => {
      const variant = variants[variantIndex]!;
      const scoped = keys ? { requirements: policy.requirements.filter((r) => keys.has(r.key)) } : policy;
      return checkResourceTags({
        resource: resource.key,
        typeNames: [type],
        tags: variant.tags,
        range,
        ...(variant.conditions.length ? { qualifier: `when ${variant.conditions.join(' and ')}` } : {}),
        ...(withFixes ? { fixes } : {}),
      }, scoped);
    };
    if (variants.length === 1) {
      findings.push(...check(0, undefined, true));
      continue;
    }
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
      const common = checkResourceTags({ resource: resource.key, typeNames: [type], tags: { entries: new Map(), unknownKeys: new Set(), complete: true }, range, fixes }, { requirements });
      for (const finding of common) push(finding);
    }
    variants.forEach((_, index) => {
      const extra = new Set([...missingSets[index]!].filter((key) => !always.has(key)));
      if (extra.size > 0) for (const finding of check(index, extra, true)) if (finding.rule === 'tagsight.missing-tags') push(finding);
      for (const finding of perVariant[index]!) if (finding.rule !== 'tagsight.missing-tags') push(finding);
    });
  }
  return findings;
}
