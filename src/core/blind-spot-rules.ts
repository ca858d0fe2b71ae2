import type { AccountScan, RegionScan } from './account-scan';
import type { RegionRules } from './blind-spot';
import { BUCKET_RESOURCE_TYPE } from './bucket-region';

/**
 * What the blind-spot scan takes from an account scan: which regions record, and the REQUIRED_TAGS rules that
 * cover S3 buckets (parsed by the scan; one concept, one place).
 */
function covers(scopeResourceTypes: readonly string[], resourceType: string): boolean {
  return scopeResourceTypes.length === 0 || scopeResourceTypes.includes(resourceType);
}

/** The region's REQUIRED_TAGS rules whose scope includes the type, with their requirements. */
export function requiredTagsRulesFor(region: RegionScan, resourceType: string): RegionRules {
  const rules = region.rules.filter((rule) => rule.isRequiredTags && covers(rule.scopeResourceTypes, resourceType));
  return { region: region.region, ruleNames: rules.map((rule) => rule.name), requirements: rules.flatMap((rule) => rule.requiredTags) };
}

function bucketRulesOf(region: RegionScan): RegionRules {
  return requiredTagsRulesFor(region, BUCKET_RESOURCE_TYPE);
}

/** A region records buckets when a customer-managed recorder is recording there. */
function isRecording(region: RegionScan): boolean {
  return region.recorders.some((recorder) => !recorder.servicePrincipal && recorder.status?.recording === true);
}

/** Why a region's Config could not be read, in the scan's own words (`ListConfigurationRecorders: access denied ...`). */
function failureReason(region: RegionScan): string {
  if (region.state === 'cancelled') return 'the scan was cancelled before this region was read';
  return region.errors.find((error) => error.part === 'recorders')?.message ?? region.errors[0]?.message ?? region.verdict.summary;
}

export interface BlindSpotScanInputs {
  readonly regions: string[];
  readonly recording: Map<string, boolean>;
  readonly rules: RegionRules[];
  /** Regions the account scan could not read: their buckets are unknown, with this reason, never "fine". */
  readonly failedRegions: Array<{ region: string; message: string }>;
}

export function blindSpotInputsFromScan(scan: AccountScan): BlindSpotScanInputs {
  const scanned = scan.regions.filter((region) => region.state === 'scanned');
  return {
    regions: scanned.map((region) => region.region),
    recording: new Map(scanned.map((region) => [region.region, isRecording(region)])),
    rules: scanned.map(bucketRulesOf).filter((rules) => rules.ruleNames.length > 0),
    failedRegions: scan.regions
      .filter((region) => region.state === 'failed' || region.state === 'cancelled')
      .map((region) => ({ region: region.region, message: failureReason(region) })),
  };
}
