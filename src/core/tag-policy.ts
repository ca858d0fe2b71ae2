/**
 * The one model of "which tags must a resource carry", whatever its origin: a workspace policy file in the
 * AWS Organizations syntax, the `tagsight.requiredTags` setting, an account's REQUIRED_TAGS Config rules, or
 * Organizations ListRequiredTags. Every finding names the source of the requirement it reports.
 */
export type RequirementSourceKind = 'policy-file' | 'setting' | 'config-rule' | 'organizations';

export interface RequirementSource {
  readonly kind: RequirementSourceKind;
  /** Human name: the file path, `tagsight.requiredTags`, the rule name with its region, ... */
  readonly name: string;
}

export interface RequiredTag {
  /** Case-sensitive, as AWS compares keys. */
  readonly key: string;
  /** Allowed values; a trailing `*` is a prefix wildcard (Organizations syntax). Absent: any value. */
  readonly allowedValues?: readonly string[];
  /**
   * CloudFormation-style types (`AWS::S3::Bucket`) the requirement applies to; `AWS::S3::*` and `*` wildcards
   * allowed. Absent: every taggable type.
   */
  readonly resourceTypes?: readonly string[];
  readonly source: RequirementSource;
}

export interface TagPolicy {
  readonly requirements: readonly RequiredTag[];
}

export type TagSet = Readonly<Record<string, string>>;

function matchesPattern(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

export function requirementAppliesTo(requirement: RequiredTag, resourceType: string): boolean {
  if (!requirement.resourceTypes || requirement.resourceTypes.length === 0) return true;
  return requirement.resourceTypes.some((pattern) => matchesPattern(pattern, resourceType));
}

export function requirementsFor(policy: TagPolicy, resourceType: string): RequiredTag[] {
  return policy.requirements.filter((requirement) => requirementAppliesTo(requirement, resourceType));
}

export function valueAllowed(requirement: RequiredTag, value: string): boolean {
  if (!requirement.allowedValues || requirement.allowedValues.length === 0) return true;
  return requirement.allowedValues.some((pattern) => matchesPattern(pattern, value));
}

/** What a tag set lacks against a policy. Keys whose value is unknown (IaC variables) are passed as `unknownKeys`. */
export interface TagEvaluation {
  readonly missing: readonly RequiredTag[];
  readonly disallowed: ReadonlyArray<{ requirement: RequiredTag; value: string }>;
  /** Required keys absent but present in another case: a likely typo worth a hint. */
  readonly caseMismatches: ReadonlyArray<{ requirement: RequiredTag; foundKey: string }>;
}

export function evaluateTags(
  tags: TagSet,
  requirements: readonly RequiredTag[],
  options: { unknownKeys?: ReadonlySet<string>; allKeysUnknown?: boolean } = {},
): TagEvaluation {
  const missing: RequiredTag[] = [];
  const disallowed: Array<{ requirement: RequiredTag; value: string }> = [];
  const caseMismatches: Array<{ requirement: RequiredTag; foundKey: string }> = [];
  const seenKeys = new Set<string>();
  for (const requirement of requirements) {
    const value = tags[requirement.key];
    if (value !== undefined) {
      if (!valueAllowed(requirement, value)) disallowed.push({ requirement, value });
      continue;
    }
    if (options.allKeysUnknown || options.unknownKeys?.has(requirement.key)) continue;
    // The same key from two sources (a rule and the policy file) is reported once, under the first source.
    if (seenKeys.has(requirement.key)) continue;
    seenKeys.add(requirement.key);
    missing.push(requirement);
    // A key whose value is not a literal (`environment = var.env`) is as much a likely typo as one that is.
    const wanted = requirement.key.toLowerCase();
    const foundKey =
      Object.keys(tags).find((key) => key.toLowerCase() === wanted) ??
      [...(options.unknownKeys ?? [])].find((key) => key.toLowerCase() === wanted);
    if (foundKey) caseMismatches.push({ requirement, foundKey });
  }
  return { missing, disallowed, caseMismatches };
}
