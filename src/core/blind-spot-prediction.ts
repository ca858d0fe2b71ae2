import { evaluateTags, requirementsFor, type RequiredTag, type RequirementSource, type TagSet } from './tag-policy';

/**
 * "Judge it now": what Config would say about a resource it has not evaluated yet, from its current tags and
 * the same requirements. Always presented as a prediction, distinct from Config's own results.
 */
export type PredictionState = 'predicted-non-compliant' | 'predicted-compliant' | 'no-requirements' | 'tags-unreadable';

export interface CompliancePrediction {
  readonly state: PredictionState;
  readonly missing: readonly string[];
  readonly disallowed: ReadonlyArray<{ key: string; value: string; allowedValues: readonly string[] }>;
  /** For each missing key, the values the requirement allows (empty: any value). */
  readonly allowedValues: Readonly<Record<string, readonly string[]>>;
  readonly sources: readonly RequirementSource[];
  readonly summary: string;
}

export function predictCompliance(
  tags: TagSet | undefined,
  requirements: readonly RequiredTag[],
  resourceType: string,
): CompliancePrediction {
  const applicable = requirementsFor({ requirements }, resourceType);
  const sources = uniqueSources(applicable);
  if (applicable.length === 0) {
    return { state: 'no-requirements', missing: [], disallowed: [], allowedValues: {}, sources, summary: 'No required tags apply.' };
  }
  if (!tags) {
    return {
      state: 'tags-unreadable',
      missing: [],
      disallowed: [],
      allowedValues: {},
      sources,
      summary: 'Tags could not be read: no prediction.',
    };
  }
  const evaluation = evaluateTags(tags, applicable);
  const missing = evaluation.missing.map((requirement) => requirement.key);
  const allowedValues: Record<string, readonly string[]> = {};
  for (const key of missing) allowedValues[key] = allowedValuesFor(applicable, key);
  const disallowed = evaluation.disallowed.map(({ requirement, value }) => ({
    key: requirement.key,
    value,
    allowedValues: requirement.allowedValues ?? [],
  }));
  for (const { key } of disallowed) allowedValues[key] = allowedValuesFor(applicable, key);
  const compliant = missing.length === 0 && disallowed.length === 0;
  const problems = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : undefined,
    disallowed.length > 0
      ? `disallowed value${disallowed.length > 1 ? 's' : ''} for ${disallowed.map((d) => d.key).join(', ')}`
      : undefined,
  ].filter(Boolean);
  return {
    state: compliant ? 'predicted-compliant' : 'predicted-non-compliant',
    missing,
    disallowed,
    allowedValues,
    sources,
    summary: compliant
      ? 'Predicted compliant, not yet evaluated by Config.'
      : `Predicted non-compliant, not yet evaluated by Config: ${problems.join('; ')}.`,
  };
}

/** Values every requirement on the key accepts; when sources disagree, the first with a list wins. */
function allowedValuesFor(requirements: readonly RequiredTag[], key: string): readonly string[] {
  return requirements.find((requirement) => requirement.key === key && requirement.allowedValues?.length)?.allowedValues ?? [];
}

function uniqueSources(requirements: readonly RequiredTag[]): RequirementSource[] {
  const seen = new Map<string, RequirementSource>();
  for (const { source } of requirements) seen.set(`${source.kind}:${source.name}`, source);
  return [...seen.values()];
}
