import type { Evaluation, RegionState, Rule } from '../../model/types';
import type { World } from '../../model/world';
import { epochSeconds } from '../../protocol/pagination';
import { ServiceError } from '../../protocol/request';

export type Input = Record<string, unknown>;
/** One Config operation: the world, the region of the endpoint called, and the parsed JSON input. */
export type Handler = (world: World, region: RegionState, input: Input) => unknown;

export function summarise(evaluations: Iterable<Evaluation>) {
  let nonCompliant = 0;
  let compliant = 0;
  for (const e of evaluations) {
    if (e.complianceType === 'NON_COMPLIANT') nonCompliant++;
    else if (e.complianceType === 'COMPLIANT') compliant++;
  }
  if (nonCompliant > 0)
    return {
      ComplianceType: 'NON_COMPLIANT',
      ComplianceContributorCount: { CappedCount: Math.min(nonCompliant, 100), CapExceeded: nonCompliant > 100 },
    };
  if (compliant > 0) return { ComplianceType: 'COMPLIANT' };
  return { ComplianceType: 'INSUFFICIENT_DATA' };
}

export function ruleCompliance(rule: Rule) {
  return summarise(rule.evaluations.values());
}

export function sortedEvaluations(rule: Rule): Evaluation[] {
  return [...rule.evaluations.values()].sort(
    (a, b) => a.resourceType.localeCompare(b.resourceType) || a.resourceId.localeCompare(b.resourceId),
  );
}

export function evaluationShape(rule: Rule, e: Evaluation): Record<string, unknown> {
  return {
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: {
        ConfigRuleName: rule.name,
        ResourceType: e.resourceType,
        ResourceId: e.resourceId,
        EvaluationMode: 'DETECTIVE',
      },
      OrderingTimestamp: epochSeconds(e.orderingTimestamp),
    },
    ComplianceType: e.complianceType,
    ResultRecordedTime: epochSeconds(e.resultRecordedTime),
    ConfigRuleInvokedTime: epochSeconds(e.configRuleInvokedTime),
    ...(e.annotation ? { Annotation: e.annotation } : {}),
  };
}

export function limitOf(value: unknown, fallback: number, max: number, errorCode = 'InvalidLimitException'): number {
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ServiceError(errorCode, `The limit ${String(value)} is out of range (0..${max})`);
  }
  return value;
}

export function findRule(region: RegionState, name: unknown): Rule {
  const rule = region.rules.find((r) => r.name === name);
  if (!rule)
    throw new ServiceError(
      'NoSuchConfigRuleException',
      `The ConfigRule '${String(name)}' provided in the request is invalid. Please check the configRule name.`,
    );
  return rule;
}
