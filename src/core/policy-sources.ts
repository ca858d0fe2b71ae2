import type { RequiredTag, RequirementSource, TagPolicy } from './tag-policy';

/**
 * The sources of required tags, merged in a fixed order: the workspace policy file, then the
 * `tagsight.requiredTags` setting, then the connected account's REQUIRED_TAGS rules, then the organization's tag
 * policy (ListRequiredTags). evaluateTags reports a key once, under the first source that requires it, so the
 * order decides which source a diagnostic names: what the team wrote down wins over what the account enforces.
 */
export const SETTING_SOURCE: RequirementSource = { kind: 'setting', name: 'tagsight.requiredTags' };

export interface RequiredTagSetting {
  readonly key: string;
  readonly values?: readonly string[];
  readonly resourceTypes?: readonly string[];
}

/** Reads the setting's value as VS Code hands it over (any JSON); entries that are not well formed are reported. */
export function requiredTagsFromSetting(value: unknown): { requirements: RequiredTag[]; problems: string[] } {
  const requirements: RequiredTag[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { requirements, problems };
  if (!Array.isArray(value))
    return { requirements, problems: ['tagsight.requiredTags must be a list of { key, values?, resourceTypes? }.'] };
  value.forEach((entry: unknown, index) => {
    // A bare string is accepted as a key: the shortest way to say "this key is required".
    const item = typeof entry === 'string' ? { key: entry } : (entry as Partial<RequiredTagSetting> | null);
    if (!item || typeof item.key !== 'string' || item.key.length === 0) {
      problems.push(`tagsight.requiredTags[${index}] has no "key"; it is ignored.`);
      return;
    }
    const strings = (list: unknown) => (Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : undefined);
    const values = strings(item.values);
    const resourceTypes = strings(item.resourceTypes);
    requirements.push({
      key: item.key,
      ...(values && values.length > 0 ? { allowedValues: values } : {}),
      ...(resourceTypes && resourceTypes.length > 0 ? { resourceTypes } : {}),
      source: SETTING_SOURCE,
    });
  });
  return { requirements, problems };
}

export interface PolicySources {
  readonly policyFile?: readonly RequiredTag[];
  readonly setting?: readonly RequiredTag[];
  readonly account?: readonly RequiredTag[];
  readonly organizations?: readonly RequiredTag[];
}

export function mergePolicySources(sources: PolicySources): TagPolicy {
  return {
    requirements: [...(sources.policyFile ?? []), ...(sources.setting ?? []), ...(sources.account ?? []), ...(sources.organizations ?? [])],
  };
}

/** True when no source requires anything: the tag checks say so once and are skipped. */
export function isPolicyMissing(policy: TagPolicy): boolean {
  return policy.requirements.length === 0;
}

export function describeSource(source: RequirementSource): string {
  switch (source.kind) {
    case 'policy-file':
      return `policy file ${source.name}`;
    case 'setting':
      return `setting ${source.name}`;
    case 'config-rule':
      return `Config rule ${source.name}`;
    // Its name already says what it is: "AWS Organizations tag policy".
    case 'organizations':
      return source.name;
  }
}
