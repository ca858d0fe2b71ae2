import type { AccountScan } from '../core/account-model';
import { regionDisplayName } from '../core/regions';
import { countScan, incompleteRegions, regionsProblemsFirst } from './account-summary';

/**
 * The account scan as JSON for scripts: per region its `region`, `verdict` (a stable kind), `summary` (the plain
 * words), `recorders`, `nonCompliant` resources and `errors`. Regions come problems first. Stable key order.
 */
export function renderAccountJson(scan: AccountScan): string {
  const output = {
    account: { id: scan.identity?.accountId ?? null, arn: scan.identity?.arn ?? null, profile: scan.profile ?? null },
    endpoint: scan.endpoint ?? null,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    cancelled: scan.cancelled,
    error: scan.error ?? null,
    accountErrors: scan.accountErrors,
    regionSource: scan.regionSource,
    counts: countScan(scan),
    // Regions not fully read, with why (`access-denied`, `throttled`, ...): what they hold is unknown, not clean.
    incompleteRegions: incompleteRegions(scan).map((region) => ({
      region: region.region,
      state: region.state,
      errors: region.errors.map((error) => ({ part: error.part, kind: error.kind, message: error.message })),
    })),
    aggregators: scan.aggregators,
    regions: regionsProblemsFirst(scan).map((region) => ({
      region: region.region,
      name: regionDisplayName(region.region),
      optStatus: region.optStatus,
      verdict: region.verdict.kind,
      level: region.verdict.level,
      summary: region.verdict.summary,
      details: region.verdict.details,
      recorders: region.recorders.map((recorder) => ({
        name: recorder.name,
        arn: recorder.arn ?? null,
        servicePrincipal: recorder.servicePrincipal ?? null,
        recording: recorder.status?.recording ?? null,
        lastStatus: recorder.status?.lastStatus ?? null,
        lastErrorCode: recorder.status?.lastErrorCode ?? null,
        strategy: recorder.recordingGroup?.strategy ?? null,
        frequency: recorder.recordingMode?.frequency ?? null,
        overrides: recorder.recordingMode?.overrides ?? [],
        excludedResourceTypes: recorder.recordingGroup?.excludedResourceTypes ?? [],
        resourceTypes: recorder.recordingGroup?.resourceTypes ?? [],
        includeGlobalResourceTypes: recorder.recordingGroup?.includeGlobalResourceTypes ?? null,
      })),
      deliveryChannels: region.deliveryChannels,
      rules: region.rules
        .filter((rule) => rule.isRequiredTags)
        .map((rule) => ({
          name: rule.name,
          state: rule.state ?? null,
          requiredTags: rule.requiredTags.map((tag) => ({ key: tag.key, allowedValues: tag.allowedValues ?? null })),
          resourceTypes: rule.scopeResourceTypes,
          parameterProblem: rule.parameterProblem ?? null,
        })),
      nonCompliant: region.nonCompliant.map((resource) => ({
        rule: resource.ruleName,
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        arn: resource.arn ?? null,
        missingKeys: resource.missingKeys,
        annotation: resource.annotation ?? null,
        lastEvaluated: resource.lastEvaluated ?? null,
      })),
      errors: region.errors,
    })),
  };
  return JSON.stringify(output, null, 2) + '\n';
}
