import type { ConfigRule } from './account-model';
import { escapeRegExp } from './regexp';
import type { RequiredTag } from './tag-policy';

/**
 * Reading AWS Config rules as tag requirements. The managed rule REQUIRED_TAGS is recognised by its source
 * (Owner AWS, SourceIdentifier REQUIRED_TAGS), never by its user-chosen name; its InputParameters is a JSON
 * *string* with tag1Key..tag6Key and optional comma-separated tag1Value..tag6Value.
 */
export interface RawConfigRule {
  readonly name: string;
  readonly arn?: string;
  readonly state?: string;
  readonly owner?: string;
  readonly sourceIdentifier?: string;
  readonly inputParameters?: string;
  readonly scopeResourceTypes?: readonly string[];
}

const MAX_REQUIRED_TAGS_PER_RULE = 6;

export function isRequiredTagsRule(rule: Pick<RawConfigRule, 'owner' | 'sourceIdentifier'>): boolean {
  return rule.owner === 'AWS' && rule.sourceIdentifier === 'REQUIRED_TAGS';
}

export function toConfigRule(raw: RawConfigRule, region: string): ConfigRule {
  const isRequiredTags = isRequiredTagsRule(raw);
  const scopeResourceTypes = raw.scopeResourceTypes ?? [];
  const base = {
    name: raw.name,
    arn: raw.arn,
    state: raw.state,
    owner: raw.owner,
    sourceIdentifier: raw.sourceIdentifier,
    isRequiredTags,
    scopeResourceTypes,
  };
  if (!isRequiredTags) return { ...base, requiredTags: [] };
  const parsed = parseRequiredTagsParameters(raw.inputParameters, { name: raw.name, region, scopeResourceTypes });
  return { ...base, requiredTags: parsed.requiredTags, parameterProblem: parsed.problem };
}

export function parseRequiredTagsParameters(
  inputParameters: string | undefined,
  rule: { name: string; region: string; scopeResourceTypes?: readonly string[] },
): { requiredTags: RequiredTag[]; problem?: string } {
  if (!inputParameters || inputParameters.trim() === '') {
    return { requiredTags: [], problem: 'The rule has no parameters (tag1Key is required).' };
  }
  let parameters: unknown;
  try {
    parameters = JSON.parse(inputParameters);
  } catch {
    return { requiredTags: [], problem: 'The rule parameters are not valid JSON.' };
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return { requiredTags: [], problem: 'The rule parameters are not a JSON object.' };
  }
  const record = parameters as Record<string, unknown>;
  const source = { kind: 'config-rule', name: `${rule.name} (${rule.region})` } as const;
  const resourceTypes = rule.scopeResourceTypes && rule.scopeResourceTypes.length > 0 ? rule.scopeResourceTypes : undefined;
  const requiredTags: RequiredTag[] = [];
  for (let index = 1; index <= MAX_REQUIRED_TAGS_PER_RULE; index++) {
    const key = record[`tag${index}Key`];
    if (typeof key !== 'string' || key.trim() === '') continue;
    const value = record[`tag${index}Value`];
    const allowedValues =
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part !== '')
        : [];
    requiredTags.push({
      key: key.trim(),
      ...(allowedValues.length > 0 ? { allowedValues } : {}),
      ...(resourceTypes ? { resourceTypes } : {}),
      source,
    });
  }
  if (requiredTags.length === 0) return { requiredTags, problem: 'The rule parameters name no tag key (tag1Key..tag6Key).' };
  return { requiredTags };
}

/**
 * The required keys an evaluation's annotation names as missing. Config's wording is not documented, so this
 * only trusts annotations that say "missing" (or "not found"/"absent") and mention keys the rule requires;
 * anything else is `unknown` rather than a guess.
 */
export function missingKeysFromAnnotation(annotation: string | undefined, requiredKeys: readonly string[]): readonly string[] | 'unknown' {
  if (!annotation || requiredKeys.length === 0) return 'unknown';
  if (!/missing|not found|absent|lacks|no tag|does not have/i.test(annotation)) return 'unknown';
  const mentioned = requiredKeys.filter((key) =>
    new RegExp(`(^|[^A-Za-z0-9_:./=+@-])${escapeRegExp(key)}($|[^A-Za-z0-9_:./=+@-])`).test(annotation),
  );
  return mentioned.length > 0 ? mentioned : 'unknown';
}
