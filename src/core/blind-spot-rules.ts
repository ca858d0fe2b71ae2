import type { AccountScan, Recorder, RegionScan } from './account-model';
import type { NotRecordingReason, RegionRules } from './blind-spot';
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

/** Whether the recorder's recording group takes S3 buckets in; an unread group counts as yes (nothing to contradict it). */
function groupRecordsBuckets(recorder: Recorder): boolean {
  const group = recorder.recordingGroup;
  if (!group || group.allSupported || group.strategy === 'ALL_SUPPORTED_RESOURCE_TYPES') return true;
  if (group.strategy === 'EXCLUSION_BY_RESOURCE_TYPES') return !group.excludedResourceTypes.includes(BUCKET_RESOURCE_TYPE);
  return group.resourceTypes.includes(BUCKET_RESOURCE_TYPE);
}

/**
 * Why Config does not record the region's S3 buckets, or undefined when a customer-managed recorder does
 * (recording, with buckets in its recording group). Service-linked recorders record only what their service needs.
 */
export function bucketsNotRecordedBecause(region: RegionScan): NotRecordingReason | undefined {
  const customer = region.recorders.filter((recorder) => !recorder.servicePrincipal);
  if (customer.length === 0) return 'no-recorder';
  const recording = customer.filter((recorder) => recorder.status?.recording === true);
  if (recording.length === 0) return 'recorder-stopped';
  return recording.some(groupRecordsBuckets) ? undefined : 'buckets-not-in-recording-group';
}

/** Why a region's Config could not be read, in the scan's own words (`ListConfigurationRecorders: access denied ...`). */
function failureReason(region: RegionScan): string {
  if (region.state === 'cancelled') return 'the scan was cancelled before this region was read';
  return region.errors.find((error) => error.part === 'recorders')?.message ?? region.errors[0]?.message ?? region.verdict.summary;
}

export interface BlindSpotScanInputs {
  readonly regions: string[];
  /** Scanned regions whose S3 buckets Config does not record, and why; the others record them. */
  readonly notRecording: Map<string, NotRecordingReason>;
  readonly rules: RegionRules[];
  /** Regions the account scan could not read: their buckets are unknown, with this reason, never "fine". */
  readonly failedRegions: Array<{ region: string; message: string }>;
}

export function blindSpotInputsFromScan(scan: AccountScan): BlindSpotScanInputs {
  const scanned = scan.regions.filter((region) => region.state === 'scanned');
  return {
    regions: scanned.map((region) => region.region),
    notRecording: new Map(
      scanned.flatMap((region) => {
        const reason = bucketsNotRecordedBecause(region);
        return reason ? [[region.region, reason] as const] : [];
      }),
    ),
    rules: scanned.map(bucketRulesOf).filter((rules) => rules.ruleNames.length > 0),
    failedRegions: scan.regions
      .filter((region) => region.state === 'failed' || region.state === 'cancelled')
      .map((region) => ({ region: region.region, message: failureReason(region) })),
  };
}
