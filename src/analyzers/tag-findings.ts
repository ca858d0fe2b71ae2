import { type CodeFinding, type CodeFix, MAX_MESSAGE_LENGTH, clipForMessage } from '../core/code-finding';
import { describeSource } from '../core/policy-sources';
import type { Range } from '../core/range';
import { type RequiredTag, type TagPolicy, type TagSet, evaluateTags, requirementAppliesTo } from '../core/tag-policy';
import { RULE_CATALOG } from '../core/rule-catalog';

/**
 * The IaC analyzers' shared last step: given what is statically known about a resource's tags, the findings
 * (missing keys, disallowed values) with messages that name the keys and the policy source. Terraform and
 * CloudFormation differ in how they learn the tags, not in how they judge them.
 */
export interface KnownTags {
  readonly entries: ReadonlyMap<string, { readonly value?: string; readonly valueRange?: Range }>;
  /** Keys that may be present (a conditional branch, an unknown key expression). */
  readonly unknownKeys: ReadonlySet<string>;
  /** False when some part is unknown: then no key is reported missing. */
  readonly complete: boolean;
}

export interface ResourceTagCheck {
  /** `aws_s3_bucket.logs` or the CloudFormation logical id. */
  readonly resource: string;
  /** Every name the resource's type goes by (`aws_s3_bucket`, `AWS::S3::Bucket`): a requirement may use either. */
  readonly typeNames: readonly string[];
  readonly tags: KnownTags;
  /** Where a missing-tags finding points: the tags attribute, else the resource header. */
  readonly range: Range;
  readonly fixes?: (missing: readonly RequiredTag[]) => CodeFix[];
  /** Extra context for the message, e.g. "in the branch where CreateVpc is false". */
  readonly qualifier?: string;
}

/** Per policy object and type names: a file of thousands of resources has a handful of types. */
const requirementsByTypes = new WeakMap<TagPolicy, Map<string, RequiredTag[]>>();

export function requirementsForTypes(policy: TagPolicy, typeNames: readonly string[]): RequiredTag[] {
  let byTypes = requirementsByTypes.get(policy);
  if (!byTypes) {
    byTypes = new Map();
    requirementsByTypes.set(policy, byTypes);
  }
  const id = typeNames.join('\u0000');
  let requirements = byTypes.get(id);
  if (!requirements) {
    requirements = policy.requirements.filter((requirement) => typeNames.some((type) => requirementAppliesTo(requirement, type)));
    byTypes.set(id, requirements);
  }
  return requirements;
}

/**
 * A message naming a resource and a list, within MAX_MESSAGE_LENGTH: the list is shortened to "… and N more"
 * and then the resource name clipped, until the sentence fits; the full list is in the finding's fields.
 */
function fitMessage(
  compose: (resource: string, list: string) => string,
  resource: string,
  items: readonly string[],
  quote = false,
): string {
  const listOf = (shown: number): string => {
    const head = items
      .slice(0, shown)
      .map((item) => (quote ? `"${clipForMessage(item, 30)}"` : clipForMessage(item, 30)))
      .join(', ');
    return shown < items.length ? `${head} and ${items.length - shown} more` : head;
  };
  for (let shown = items.length; shown >= 1; shown--) {
    const message = compose(resource, listOf(shown));
    if (message.length <= MAX_MESSAGE_LENGTH) return message;
  }
  for (let clip = 60; clip >= 10; clip -= 10) {
    const message = compose(clipForMessage(resource, clip), listOf(1));
    if (message.length <= MAX_MESSAGE_LENGTH) return message;
  }
  return compose(clipForMessage(resource, 10), listOf(1));
}

function missingTagsMessage(resource: string, keys: readonly string[], where: string): string {
  const noun = keys.length > 1 ? 'tags' : 'tag';
  return fitMessage(
    (name, list) => `${name} is missing required ${noun} ${list}${where}; add ${keys.length > 1 ? 'them' : 'it'}.`,
    resource,
    keys,
    true,
  );
}

export function quoteKeys(keys: readonly string[]): string {
  return keys.map((key) => `"${key}"`).join(', ');
}

function sourcesPhrase(requirements: readonly RequiredTag[]): string {
  const names = [...new Set(requirements.map((requirement) => describeSource(requirement.source)))];
  return names.join('; ');
}

export function checkResourceTags(check: ResourceTagCheck, policy: TagPolicy): CodeFinding[] {
  const requirements = requirementsForTypes(policy, check.typeNames);
  if (requirements.length === 0) return [];
  const known: Record<string, string> = {};
  const unknownKeys = new Set(check.tags.unknownKeys);
  for (const [key, entry] of check.tags.entries) {
    if (entry.value !== undefined) known[key] = entry.value;
    else unknownKeys.add(key);
  }
  const evaluation = evaluateTags(known as TagSet, requirements, { unknownKeys, allKeysUnknown: !check.tags.complete });
  const findings: CodeFinding[] = [];
  const where = check.qualifier ? ` ${check.qualifier}` : '';
  if (evaluation.missing.length > 0) {
    const missing = [...evaluation.missing].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const keys = missing.map((requirement) => requirement.key);
    const hints = evaluation.caseMismatches.map(
      ({ requirement, foundKey }) => `"${foundKey}" differs from "${requirement.key}" only in case: tag keys are case-sensitive.`,
    );
    findings.push({
      rule: 'tagsight.missing-tags',
      severity: RULE_CATALOG['tagsight.missing-tags'].defaultSeverity,
      message: missingTagsMessage(check.resource, keys, where),
      details: [`Required by ${sourcesPhrase(missing)}.`, ...hints],
      range: check.range,
      resource: check.resource,
      missing: keys,
      source: missing[0]!.source,
      ...(evaluation.caseMismatches.length
        ? { properties: { caseMismatch: evaluation.caseMismatches.map((m) => m.foundKey).join(',') } }
        : {}),
      ...(check.fixes ? { fixes: check.fixes(missing) } : {}),
    });
  }
  for (const { requirement, value } of evaluation.disallowed) {
    const entry = check.tags.entries.get(requirement.key);
    const allowed = requirement.allowedValues ?? [];
    findings.push({
      rule: 'tagsight.disallowed-tag-value',
      severity: RULE_CATALOG['tagsight.disallowed-tag-value'].defaultSeverity,
      message: fitMessage(
        (resource, choices) =>
          `${resource}: tag "${clipForMessage(requirement.key, 30)}" value "${clipForMessage(value, 30)}"${where} is not allowed; use one of ${choices}.`,
        check.resource,
        allowed,
      ),
      details: [`Allowed values of "${requirement.key}": ${allowed.join(', ')}.`, `Required by ${describeSource(requirement.source)}.`],
      range: entry?.valueRange ?? check.range,
      resource: check.resource,
      source: requirement.source,
      properties: { key: requirement.key, value },
    });
  }
  return findings;
}

/**
 * Snippet text for a tag value. Where the policy lists allowed values the placeholder is EMPTY: a snippet choice
 * would pre-select the first value, and one Enter would tag the resource with a value nobody chose. The empty
 * value is not allowed, so the diagnostic stays until a real one is typed; the fix's title names the choices.
 * Plain wildcards become a hint; a free value gets the word "value".
 */
export function valueSnippet(requirement: RequiredTag, index: number): string {
  if (exactAllowedValues(requirement).length > 0) return `\${${index}}`;
  const wildcard = requirement.allowedValues?.find((value) => value.endsWith('*'));
  return `\${${index}:${escapeSnippet(wildcard ? wildcard.slice(0, -1) : 'value')}}`;
}

/** The same for a YAML scalar: an empty value must be quoted (`Value: ""`), or YAML reads it as null. */
export function yamlValueSnippet(requirement: RequiredTag, index: number): string {
  return exactAllowedValues(requirement).length > 0 ? `"\${${index}}"` : valueSnippet(requirement, index);
}

function exactAllowedValues(requirement: RequiredTag): string[] {
  return (requirement.allowedValues ?? []).filter((value) => !value.includes('*'));
}

/** 'Add missing tag "Service" (one of: checkout, search, billing, orders)': every analyzer's quick-fix title. */
export function missingTagsFixTitle(missing: readonly RequiredTag[], target = ''): string {
  const choices = missing
    .filter((requirement) => exactAllowedValues(requirement).length > 0)
    .map((requirement) => `${missing.length > 1 ? `${requirement.key}: ` : ''}one of ${shortList(exactAllowedValues(requirement))}`);
  const base = target
    ? `Add ${quoteKeys(missing.map((r) => r.key))} to ${target}`
    : `Add missing tag${missing.length > 1 ? 's' : ''} ${quoteKeys(missing.map((r) => r.key))}`;
  return choices.length > 0 ? `${base} (${choices.join('; ')})` : base;
}

function shortList(values: readonly string[], max = 4): string {
  return values.length > max ? `${values.slice(0, max).join(', ')}, …` : values.join(', ');
}

export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
